import { decideRecord, logPosition, replayCost } from '../model/wal-replay';
import { formatChecksum, formatLogOffset, formatRecordNo, WalFlag } from '../model/wal';
import { formatCount } from '../model/format-count';
import type { ReplayCost, StateStore, WalSegmentSummary } from '../recovery-types';
import type { ChunkItem, ReplayRun } from './recovery-state';
import { bytesSinceCheckpoint, clearWalFlag, recordIsIntact, setWalFlag, truncateWalAfter, walComputedChecksum, walEntryAt, walRecordAt } from './wal-log';
import { fmtMs, formatBytes, listSome, record, schedule, unschedule, type NodeRow, type SimEvent, type World } from './world';
import type { Scheduled } from './event-queue';
import { historyIsRedone } from './wal-history';
import { settleTornPages } from './torn-pages';
import { analyseTransactions, redoesTransactionWrite, transactionsAfterRedo, undoWords } from './transactions/recovery';

/**
 * Local recovery, step by step (design recovery-repair.md §3.5–§3.7, §4, §5.1): the node reads its control file,
 * loads its snapshot (memory stores), replays its log from the last checkpoint as `wal.replayStep` events — each
 * reading up to `walReplayChunkRecords` records and due when the formula of §3.6 says those records are done —
 * then verifies its replicas. It serves nothing meanwhile: a restarting node is not up, so it sends no heartbeat,
 * casts no vote, answers no read and is no copy source.
 *
 * Replay works on the node's belief, its own log: a record is committed when it is autocommit (every PUT the
 * workload appends was acknowledged before it was appended). It never reads the shard's acknowledged LSN.
 * The node machine (node.machine.ts) decides the phases; node-lifecycle.ts calls in here for its effects.
 */

// ------------------------------------------------------------ restart

/** What the machine needs at a restart: how long the snapshot takes to load, or null when none is loaded (page stores). */
export function snapshotLoadMsFor(w: World, node: NodeRow): number | null {
  if (stateStoreOf(w) !== 'memory' || node.wal.checkpointNo === 0) return null;
  return (snapshotBytesOf(w, node) * 1000) / w.params.snapshotLoadBytesPerSec;
}

/** The process starts again and reads its control file; a new replay record begins. */
export function beginRecovery(w: World, node: NodeRow): void {
  node.incarnation++;
  const rec = node.recovery;
  // A replay cut short by a crash wrote its pages through (🅂 §3.7): the pages start where it left them.
  for (const [shard, lsn] of rec.replayedPages) if (node.disk.has(shard) && (node.disk.get(shard) ?? 0) < lsn) node.disk.set(shard, lsn);
  rec.replay = newRun(w);
}

function newRun(w: World): ReplayRun {
  return {
    mode: w.params.walRecoveryMode,
    idempotentApply: w.params.idempotentApply,
    startedAtMs: w.nowMs,
    replayStartedAtMs: w.nowMs,
    checkpointNo: 0,
    endNo: 0,
    cursorNo: 1,
    segmentsLeft: [],
    stopNo: null,
    reason: 'end',
    scanned: 0,
    scannedBytes: 0,
    applied: 0,
    skipped: 0,
    discarded: 0,
    torn: 0,
    corrupt: 0,
    appliedTwice: 0,
    appliedPastCorruption: 0,
    holes: new Map(),
    pastHole: new Set(),
    snapshotBytes: 0,
    snapshotMs: 0,
    pages: new Map(),
    timer: null,
    chunk: [],
    lastGoodOffset: 0,
    finishedAtMs: null,
    refused: false,
  };
}

export function announceSnapshotLoaded(w: World, node: NodeRow): void {
  const run = runOf(node);
  run.snapshotBytes = snapshotBytesOf(w, node);
  run.snapshotMs = w.nowMs - run.startedAtMs;
  node.recovery.totals.snapshotBytes += run.snapshotBytes;
  const follow = node.wal.lastNo - node.wal.checkpointNo;
  record(
    w,
    node.id,
    'snapshot.loaded',
    `${node.id} loaded its snapshot ${formatRecordNo(node.wal.checkpointNo)} (${formatBytes(run.snapshotBytes)}: ${node.disk.size} replica(s)) ` +
      `in ${fmtMs(run.snapshotMs)} at ${formatBytes(w.params.snapshotLoadBytesPerSec)}/s; ${formatCount(follow)} record(s) follow. ` +
      `An in-memory store loses its state in a crash: restart = load the latest snapshot + replay the log after it (etcd, ZooKeeper).`,
    'info',
    { node: node.id, bytes: run.snapshotBytes, ms: run.snapshotMs, records: follow },
  );
}

// ------------------------------------------------------------ replay

/** Replay starts at the last checkpoint: the first step is scheduled after the fixed start-up and its records' cost. */
export function beginReplay(w: World, node: NodeRow): void {
  const run = runOf(node);
  const wal = node.wal;
  run.replayStartedAtMs = w.nowMs;
  run.checkpointNo = wal.checkpointNo;
  run.endNo = wal.lastNo;
  run.cursorNo = Math.max(wal.firstNo, wal.checkpointNo + 1);
  run.segmentsLeft = segmentsAfterCheckpoint(w, node);
  // Analysis: what its log holds of each transaction decides how redo treats their writes (design §9.2).
  analyseTransactions(w, node);
  // What each record's fate was in an earlier replay is not this replay's: the strip starts pending again.
  for (let no = run.cursorNo; no <= run.endNo; no++) clearWalFlag(wal, no, WalFlag.Applied | WalFlag.Skipped | WalFlag.Discarded);
  const records = run.endNo - wal.checkpointNo;
  const bytes = bytesAfterCheckpoint(node);
  const redoAt = wal.checkpointNo === 0 ? 0 : wal.checkpointOffset;
  const fromSnapshot = run.snapshotBytes > 0;
  record(
    w,
    node.id,
    'wal.replayStarted',
    (fromSnapshot
      ? `${node.id} replays the log after its snapshot ${formatRecordNo(wal.checkpointNo)} (${formatLogOffset(wal.checkpointOffset)})`
      : `${node.id} restarts and reads its control file: ` +
        (wal.checkpointNo === 0
          ? `no checkpoint yet, so redo starts at the beginning of its log`
          : `last checkpoint ${formatRecordNo(wal.checkpointNo)} at ${formatLogOffset(wal.checkpointOffset)}, so redo starts after it`)) +
      ` (PostgreSQL logs "redo starts at ${formatLogOffset(redoAt)}"). ${formatCount(records)} record(s) follow, ${formatBytes(bytes)}; ` +
      `recovery mode ${run.mode}. It serves nothing — no heartbeats, ${w.params.replication === 'leaderless' ? 'writes' : 'votes'}, reads or copies — until it has replayed and verified.`,
    'info',
    { node: node.id, checkpoint: wal.checkpointNo, records, bytes, mode: run.mode },
  );
  scheduleNextStep(w, node, run);
}

/** What a replay step did: go on, or the machine's next event. */
export type ReplayStepResult = { kind: 'continue' } | { kind: 'finished'; verifyMs: number } | { kind: 'refused' } | { kind: 'stale' };

/** A `wal.replayStep` came due: apply what its chunk decided, then schedule the next, or finish, stop or refuse. */
export function readReplayStep(w: World, event: Extract<SimEvent, { type: 'wal.replayStep' }>): ReplayStepResult {
  const node = w.nodes[event.node];
  const run = node.recovery.replay;
  if (!run || run.timer === null || event.incarnation !== node.incarnation) return { kind: 'stale' };
  run.timer = null;
  const chunk = run.chunk;
  run.chunk = [];
  const first = run.cursorNo;
  const before = { applied: run.applied, skipped: run.skipped, discarded: run.discarded };
  let readSegment: WalSegmentSummary | null = null;
  for (const item of chunk) {
    if (item.kind === 'segment') {
      readSegment = item.segment;
      readFoldedSegment(node, run, item.segment, item.applied);
      continue;
    }
    const end = readRecord(w, node, run, item);
    if (end === 'refused') return refuse(w, node, run, item);
    if (end === 'stopped') return stop(w, node, run, item);
  }
  if (run.segmentsLeft.length === 0 && run.cursorNo > run.endNo) {
    // Redo is done: the transaction rules apply, and ARIES undoes losers one compensation record per step (§9.2).
    const undoMs = transactionsAfterRedo(w, node);
    if (undoMs === null) return finish(w, node, run);
    run.timer = schedule(w, w.nowMs + undoMs, { type: 'wal.replayStep', node: node.index, incarnation: node.incarnation, cursor: run.cursorNo });
    return { kind: 'continue' };
  }
  if (readSegment !== null || w.params.walReplayChunkRecords > 1) {
    const applied = run.applied - before.applied;
    const skipped = run.skipped - before.skipped;
    const discarded = run.discarded - before.discarded;
    const span = readSegment
      ? `${formatRecordNo(readSegment.firstNo)}–${formatRecordNo(readSegment.lastNo)} (${formatCount(readSegment.records)} ${readSegment.history ? 'records written before t = 0, counted, not simulated' : 'records of a segment before the detail window'}, ${formatBytes(readSegment.bytes)})`
      : `${formatRecordNo(first)}–${formatRecordNo(run.cursorNo - 1)}`;
    record(
      w,
      node.id,
      'wal.replayProgress',
      `${node.id} replayed ${span}: ${applied} applied, ${skipped} skipped, ${discarded} discarded. ` +
        `${formatCount(run.scanned)} of ${formatCount(run.endNo - run.checkpointNo)} records read.`,
      'info',
      { node: node.id, applied, skipped, discarded, scanned: run.scanned },
    );
  }
  scheduleNextStep(w, node, run);
  return { kind: 'continue' };
}

/** A crash (or destroy) stops a replay in progress: its next step leaves the clock; the pages it wrote stay written. */
export function haltReplay(w: World, node: NodeRow): void {
  const run = node.recovery.replay;
  if (!run) return;
  if (run.timer !== null) unschedule(w, run.timer as Scheduled<SimEvent>);
  run.timer = null;
  run.chunk = [];
  if (run.finishedAtMs === null && !run.refused) for (const [shard, lsn] of run.pages) node.recovery.replayedPages.set(shard, lsn);
}

// ------------------------------------------------------------ one step's chunk

/** Decides the next chunk (a folded segment, or up to walReplayChunkRecords records) and puts its step on the clock. */
function scheduleNextStep(w: World, node: NodeRow, run: ReplayRun): void {
  run.chunk = decideChunk(w, node, run);
  let bytes = run.scannedBytes;
  let applied = run.applied;
  for (const item of run.chunk) {
    if (item.kind === 'segment') {
      bytes += item.segment.bytes;
      if (item.applied) applied += item.segment.records;
    } else {
      bytes += item.bytes;
      if (item.decision.outcome === 'apply') applied++;
    }
  }
  // Due when the formula says these records are read and applied: the clock moves exactly as the learner steps.
  const cost = replayCost(w.params, { scannedBytes: bytes, appliedRecords: applied, snapshotBytes: 0 });
  const event: SimEvent = { type: 'wal.replayStep', node: node.index, incarnation: node.incarnation, cursor: run.cursorNo };
  run.timer = schedule(w, run.replayStartedAtMs + cost.totalMs, event);
}

function decideChunk(w: World, node: NodeRow, run: ReplayRun): ChunkItem[] {
  const wal = node.wal;
  const segment = run.segmentsLeft[0];
  if (segment) {
    // 🅂 Folded records are counted, not listed: they were synced and intact, so each is applied unless the
    // pages already hold every shard's newest folded write (a second replay), then all are skipped.
    let held = true;
    for (const [shard, lsn] of wal.folded) if (pageOf(node, run, shard) < lsn) held = false;
    // History (wal-history.ts) is applied when the node's state lost it (a memory store's crash), else read past.
    return [{ kind: 'segment', segment, applied: segment.history ? historyIsRedone(wal) : !held }];
  }
  const items: ChunkItem[] = [];
  const overlay = new Map<number, number>();
  const chunkSize = Math.max(1, w.params.walReplayChunkRecords);
  for (let no = run.cursorNo; no <= run.endNo && items.length < chunkSize; no++) {
    // The fields only: walRecordAt would hash the checksum, and replay's checks read flags (recordIsIntact).
    const rec = walEntryAt(wal, no);
    if (!rec) break;
    const check = recordIsIntact(wal, no);
    const pageBefore = overlay.get(rec.shard) ?? pageOf(node, run, rec.shard);
    const onDisk = rec.shard < 0 || node.disk.has(rec.shard);
    const decision =
      check === 'ok' && !onDisk
        ? ({ outcome: 'read' } as const)
        : decideRecord(
            {
              check,
              type: rec.type,
              shardLsn: rec.shardLsn,
              pageLsn: pageBefore,
              committed: rec.txn === 0 || redoesTransactionWrite(w, node, rec.txn),
              position: check === 'ok' ? 'tail' : logPosition({ intactAfter: intactAfter(node, no), inLastSegment: inLastSegment(w, node, rec.offset) }),
            },
            run.mode,
            run.idempotentApply,
          );
    items.push({ kind: 'record', no, shard: rec.shard, shardLsn: rec.shardLsn, bytes: rec.bytes, offset: rec.offset, decision, pageBefore });
    if (decision.outcome === 'apply') overlay.set(rec.shard, Math.max(pageBefore, rec.shardLsn));
    if (decision.outcome === 'invalid' && decision.rule !== 'skip') break;
  }
  return items;
}

function pageOf(node: NodeRow, run: ReplayRun, shard: number): number {
  return run.pages.get(shard) ?? node.disk.get(shard) ?? 0;
}

function intactAfter(node: NodeRow, no: number): boolean {
  for (let later = node.wal.lastNo; later > no; later--) if (recordIsIntact(node.wal, later) === 'ok') return true;
  return false;
}

function inLastSegment(w: World, node: NodeRow, offset: number): boolean {
  const last = walRecordAt(node.wal, node.wal.lastNo);
  const seg = w.params.walSegmentBytes;
  return last === null || Math.floor(offset / seg) === Math.floor(last.offset / seg);
}

function readFoldedSegment(node: NodeRow, run: ReplayRun, segment: WalSegmentSummary, applied: boolean): void {
  const t = node.recovery.totals;
  run.segmentsLeft.shift();
  run.scanned += segment.records;
  run.scannedBytes += segment.bytes;
  t.bytes += segment.bytes;
  if (applied) {
    run.applied += segment.records;
    t.applied += segment.records;
  } else {
    run.skipped += segment.records;
    t.skipped += segment.records;
  }
  if (run.segmentsLeft.length === 0) for (const [shard, lsn] of node.wal.folded) if (node.disk.has(shard)) writePage(node, run, shard, lsn);
}

/** The page LSN moves as the record applies, and is written through to the data pages (§3.7). */
function writePage(node: NodeRow, run: ReplayRun, shard: number, lsn: number): void {
  const page = Math.max(pageOf(node, run, shard), lsn);
  run.pages.set(shard, page);
  node.disk.set(shard, page);
}

/** Applies one record's decision, with its trace entry. */
function readRecord(w: World, node: NodeRow, run: ReplayRun, item: Extract<ChunkItem, { kind: 'record' }>): 'next' | 'stopped' | 'refused' {
  const d = item.decision;
  const shardId = item.shard >= 0 ? w.shards[item.shard].id : null;
  const rec = walEntryAt(node.wal, item.no);
  const what = rec && shardId ? `${formatRecordNo(item.no)} ${rec.type} ${shardId} LSN ${item.shardLsn}` : `${formatRecordNo(item.no)} ${rec?.type ?? 'record'}`;
  const t = node.recovery.totals;
  run.cursorNo = item.no + 1;
  run.scanned++;
  run.scannedBytes += item.bytes;
  t.bytes += item.bytes;
  const data = { node: node.id, no: item.no, shard: shardId, lsn: item.shardLsn };
  switch (d.outcome) {
    case 'apply': {
      run.applied++;
      t.applied++;
      run.lastGoodOffset = item.offset;
      if (run.torn + run.corrupt > 0) run.appliedPastCorruption++;
      const hole = run.holes.get(item.shard);
      if (hole !== undefined && item.shardLsn > hole) run.pastHole.add(item.shard);
      setWalFlag(node.wal, item.no, WalFlag.Applied);
      const page = pageOf(node, run, item.shard);
      writePage(node, run, item.shard, item.shardLsn);
      if (d.twice) {
        run.appliedTwice++;
        run.firstTwiceNo ??= item.no;
        t.twice++;
        node.recovery.extraApplies.set(item.shard, (node.recovery.extraApplies.get(item.shard) ?? 0) + 1);
        record(
          w,
          node.id,
          'wal.recordApplied',
          `${what} is already in ${shardId}'s data (page LSN ${page}), but idempotentApply is off: applied again. ` +
            `Each write is x = x + 1, so ${shardId}'s counter on ${node.id} now counts it twice.`,
          'detail',
          { ...data, twice: true },
        );
      } else
        record(w, node.id, 'wal.recordApplied', `${what}, checksum ok: applied (${shardId} page LSN ${page} → ${item.shardLsn}).`, 'detail', data);
      return 'next';
    }
    case 'skip':
    case 'read': {
      // Both are read and left out of the data: already there (the page-LSN rule), or nothing to write.
      run.skipped++;
      t.skipped++;
      run.lastGoodOffset = item.offset;
      setWalFlag(node.wal, item.no, WalFlag.Skipped);
      const why =
        d.outcome === 'skip'
          ? `${what} is already in ${shardId}'s data (page LSN ${item.pageBefore}): skipped. This is what makes replay idempotent.`
          : shardId && !node.disk.has(item.shard)
            ? `${what}: ${node.id} no longer holds ${shardId}, nothing to apply.`
            : `${what}: read, nothing to write to a data page.`;
      record(w, node.id, 'wal.recordSkipped', why, 'detail', data);
      return 'next';
    }
    case 'discard':
      run.discarded++;
      t.discarded++;
      setWalFlag(node.wal, item.no, WalFlag.Discarded);
      record(w, node.id, 'wal.recordDiscarded', `${what} is not committed: kept out of the data.`, 'detail', data);
      return 'next';
    case 'invalid':
      if (d.check === 'torn') {
        run.torn++;
        t.torn++;
      } else {
        run.corrupt++;
        t.corrupt++;
      }
      recordInvalid(
        w,
        node,
        item,
        d.check,
        what,
        d.rule === 'skip'
          ? ` ${run.mode} skips it and goes on (RocksDB kSkipAnyCorruptedRecords, "last ditch salvage"): later records may apply ` +
              `past the missing one and leave a hole in ${shardId ?? 'the data'}.`
          : '',
      );
      if (d.rule === 'skip') {
        if (item.shard >= 0 && !run.holes.has(item.shard)) run.holes.set(item.shard, item.shardLsn);
        return 'next';
      }
      run.stopNo = item.no;
      return d.rule === 'refuse' ? 'refused' : 'stopped';
  }
}

function recordInvalid(
  w: World,
  node: NodeRow,
  item: Extract<ChunkItem, { kind: 'record' }>,
  check: 'torn' | 'crc' | 'prevLink',
  what: string,
  then: string,
): void {
  const at = formatLogOffset(item.offset);
  const data = { node: node.id, no: item.no, check };
  if (check === 'torn')
    record(
      w,
      node.id,
      'wal.tornRecord',
      `${what} says it is ${formatCount(item.bytes)} bytes but stops partway, and the sector after it is zeros: a torn write ` +
        `from the ${node.recovery.crashKind === 'power' ? 'power loss' : 'crash'} (PostgreSQL: "invalid record length at ${at}: wanted 24, got 0").${then}`,
      'warn',
      data,
    );
  else if (check === 'crc') {
    const rec = walRecordAt(node.wal, item.no);
    record(
      w,
      node.id,
      'wal.crcMismatch',
      `${what}: checksum ${formatChecksum(rec?.crc ?? 0)} stored, ${formatChecksum(walComputedChecksum(node.wal, item.no))} computed ` +
        `(PostgreSQL: "incorrect resource manager data checksum in record at ${at}").${then}`,
      'warn',
      data,
    );
  } else {
    const rec = walRecordAt(node.wal, item.no);
    record(
      w,
      node.id,
      'wal.badPrevLink',
      `${what} does not point back to ${formatRecordNo(item.no - 1)}: a stale record from an earlier pass over this sector ` +
        `(PostgreSQL: "record with incorrect prev-link ${formatLogOffset(rec?.prev ?? 0)} at ${at}").${then}`,
      'warn',
      data,
    );
  }
}

// ------------------------------------------------------------ how a replay ends

function stop(w: World, node: NodeRow, run: ReplayRun, item: Extract<ChunkItem, { kind: 'record' }>): ReplayStepResult {
  const after = run.endNo - item.no;
  run.reason = item.decision.outcome === 'invalid' ? item.decision.check : 'end';
  // Nothing after the stop point is applied: those records are discarded, and the log the node now holds ends before it.
  for (let no = item.no + 1; no <= run.endNo; no++) setWalFlag(node.wal, no, WalFlag.Discarded);
  run.discarded += after;
  node.recovery.totals.discarded += after;
  for (let no = item.no; no <= run.endNo; no++) {
    const rec = walRecordAt(node.wal, no);
    if (rec && rec.shard >= 0 && node.disk.has(rec.shard)) node.disk.setHeld(rec.shard, pageOf(node, run, rec.shard));
  }
  run.cursorNo = run.endNo + 1;
  const tail = item.decision.outcome === 'invalid' && item.decision.rule === 'tolerate';
  record(
    w,
    node.id,
    'wal.replayStopped',
    tail
      ? `${formatRecordNo(item.no)} is the log's tail: ${run.mode} cuts the log at the last valid record and starts ` +
          `(etcd's wal.Repair truncates the last file at the last valid offset and keeps a .broken copy).` +
          (after > 0 ? ` ${after} record(s) after it go too.` : '')
      : `Replay stops at ${formatRecordNo(item.no)} (recovery mode ${run.mode}, RocksDB's default; PostgreSQL ends redo at the first invalid record). ` +
          (after > 0
            ? `The ${after} valid-looking record(s) after it are discarded too: the data is a consistent prefix up to ${formatRecordNo(item.no - 1)}.`
            : `Nothing follows it.`),
    'warn',
    { node: node.id, no: item.no, discarded: after, mode: run.mode },
  );
  // 🅂 A replay that stopped early applies the transaction rules (and any undo) at once.
  transactionsAfterRedo(w, node, true);
  return finish(w, node, run);
}

function refuse(w: World, node: NodeRow, run: ReplayRun, item: Extract<ChunkItem, { kind: 'record' }>): ReplayStepResult {
  run.reason = 'refused';
  run.refused = true;
  run.finishedAtMs = w.nowMs;
  // The pages it applied are written: a later replay (another mode, after a restart) skips them.
  for (const [shard, lsn] of run.pages) node.recovery.replayedPages.set(shard, lsn);
  const mid = item.decision.outcome === 'invalid' && intactAfter(node, item.no);
  const why =
    run.mode === 'absoluteConsistency'
      ? `recovery mode absoluteConsistency accepts no damaged record at all (MyRocks' default)`
      : `recovery mode ${run.mode} tolerates a damaged tail only, and intact records follow it (etcd repairs only a torn end of the last file)`;
  record(
    w,
    node.id,
    'wal.replayRefused',
    `${node.id} refuses to start: ${formatRecordNo(item.no)} ${mid ? 'in the middle of its log ' : ''}is damaged and ${why}. ` +
      `It stays down. node.rebuild:${node.id} wipes it and re-replicates what it held; or set another walRecoveryMode and restart it.`,
    'alert',
    { node: node.id, no: item.no, mode: run.mode },
  );
  return { kind: 'refused' };
}

function finish(w: World, node: NodeRow, run: ReplayRun): ReplayStepResult {
  run.finishedAtMs = w.nowMs;
  node.recovery.replayedPages.clear();
  node.wal.historyToRedo = false;
  settleTornPages(w, node, run.stopNo);
  const holed = markHoles(w, node, run);
  const cost = costOf(w, run);
  const dropped =
    run.torn + run.corrupt > 0
      ? `, ${run.torn + run.corrupt} ${run.torn > 0 && run.corrupt === 0 ? 'torn' : 'damaged'} record(s) ${run.stopNo !== null ? 'where it stopped' : 'skipped'}`
      : '';
  record(
    w,
    node.id,
    'wal.replayFinished',
    `${node.id} replayed ${formatCount(run.scanned)} record(s): ${run.applied} applied, ${run.skipped} skipped, ${run.discarded} discarded${dropped}. ` +
      `Redo done at ${formatLogOffset(run.lastGoodOffset)} (PostgreSQL: "redo done at"). It took ${exactMs(cost.totalMs)} = ` +
      `${exactMs(cost.startMs)} start-up` +
      (cost.snapshotMs > 0 ? ` + ${exactMs(cost.snapshotMs)} snapshot load` : '') +
      ` + ${exactMs(cost.scanMs)} to read ${formatBytes(cost.scannedBytes)} at ${formatBytes(w.params.walScanBytesPerSec)}/s` +
      ` + ${exactMs(cost.applyMs)} to apply ${cost.appliedRecords} record(s) at ${w.params.walApplyMsPerRecord} ms.` +
      undoWords(w, node) +
      (holed.length > 0
        ? ` It applied records past the one it skipped, so ${listSome(holed)} ${holed.length === 1 ? 'has a hole: that copy is' : 'have holes: those copies are'} ` +
          `divergent — no vote, no read, no copy source — until catch-up cuts them back to below the hole and fetches the rest.`
        : ''),
    'info',
    { node: node.id, scanned: run.scanned, applied: run.applied, skipped: run.skipped, discarded: run.discarded, ms: cost.totalMs },
  );
  return { kind: 'finished', verifyMs: verifyMsFor(w, node) };
}

/**
 * skipAnyCorrupted applied records of a shard past one it skipped: the copy holds later writes without an earlier
 * one, which breaks the prefix a replica's LSN stands for. It is divergent from the LSN before the hole (its split
 * point, as an emergency repair's rolled-back copy): catch-up truncates it there and fetches the rest (design §3.5).
 */
function markHoles(w: World, node: NodeRow, run: ReplayRun): string[] {
  const ids: string[] = [];
  for (const s of run.pastHole) {
    const shard = w.shards[s];
    const split = (run.holes.get(s) ?? 1) - 1;
    shard.divergent ??= new Map();
    const known = shard.divergent.get(node.index);
    shard.divergent.set(node.index, known === undefined ? split : Math.min(known, split));
    ids.push(shard.id);
  }
  return ids;
}

// ------------------------------------------------------------ verify and back in service

/** verifyOnRestart full reads every replica at scrubBytesPerSec; metadata reads headers (~0); none reads nothing. */
export function verifyMsFor(w: World, node: NodeRow): number {
  if (w.params.verifyOnRestart !== 'full') return 0;
  return (node.disk.size * w.shardSizeBytes * 1000) / w.params.scrubBytesPerSec;
}

export function beginVerify(w: World, node: NodeRow): void {
  const mode = w.params.verifyOnRestart;
  const ms = verifyMsFor(w, node);
  record(
    w,
    node.id,
    'node.verifying',
    mode === 'none'
      ? `${node.id} does not verify its replicas (verifyOnRestart none): it trusts its data pages.`
      : mode === 'metadata'
        ? `${node.id} checks each of its ${node.disk.size} replica(s)' header checksum before serving (verifyOnRestart metadata: ~0 s; bit rot inside the data passes this).`
        : `${node.id} reads all ${node.disk.size} replica(s) (${formatBytes(node.disk.size * w.shardSizeBytes)}) at ${formatBytes(w.params.scrubBytesPerSec)}/s ` +
          `and checks every checksum before serving (verifyOnRestart full): ${fmtMs(ms)}.`,
    'info',
    { node: node.id, mode, ms },
  );
}

/**
 * The replicas passed (or what corruption.ts found is handled there); the log the node writes on ends at the
 * last record replay accepted, so records after a stop point are cut now (PostgreSQL writes new WAL over them).
 */
export function announceVerified(w: World, node: NodeRow): void {
  const run = node.recovery.replay;
  if (run && run.stopNo !== null) truncateWalAfter(node.wal, run.stopNo - 1);
  const found = w.hooks.verifyReplicasOnRestart(node);
  record(
    w,
    node.id,
    'node.verified',
    `${found} ${node.id} serves again: it heartbeats to cp, and each of its replicas catches up ${w.params.replication === 'leaderless' ? 'with its shard\'s writes before it counts (keys it missed stay stale until hints, read repair or repair bring them)' : 'from its primary before it counts'}.`,
    'info',
    { node: node.id },
  );
}

// ------------------------------------------------------------ views

/** The replay's cost so far (the whole of it once finished): the §3.6 formula, filled in. */
export function costOf(w: World, run: ReplayRun): ReplayCost {
  const cost = replayCost(w.params, { scannedBytes: run.scannedBytes, appliedRecords: run.applied, snapshotBytes: 0 });
  return { ...cost, snapshotBytes: run.snapshotBytes, snapshotMs: run.snapshotMs, totalMs: cost.totalMs + run.snapshotMs };
}

function runOf(node: NodeRow): ReplayRun {
  if (!node.recovery.replay) throw new Error(`${node.id} has no replay record`);
  return node.recovery.replay;
}

/**
 * The folded segments replay reads: those after the checkpoint. The checkpoint record itself may have been folded
 * into the first one once the detail window moved past it; replay starts after it, so it is left out.
 */
function segmentsAfterCheckpoint(w: World, node: NodeRow): WalSegmentSummary[] {
  const ckpt = node.wal.checkpointNo;
  const out: WalSegmentSummary[] = [];
  for (const seg of node.wal.olderSegments) {
    if (seg.lastNo <= ckpt) continue;
    if (seg.firstNo > ckpt) out.push({ ...seg });
    else {
      const cut = ckpt - seg.firstNo + 1;
      out.push({ firstNo: ckpt + 1, lastNo: seg.lastNo, records: seg.records - cut, bytes: seg.bytes - cut * w.params.walRecordHeaderBytes });
    }
  }
  return out;
}

/** Bytes of the log after the checkpoint (folded segments and itemised records). */
function bytesAfterCheckpoint(node: NodeRow): number {
  // O(1) from the log's offsets (helper A): summing walRecordAt over the records hashed each one's checksum.
  return bytesSinceCheckpoint(node.wal);
}

function snapshotBytesOf(w: World, node: NodeRow): number {
  return node.disk.size * w.shardSizeBytes;
}

/** Page store (data files survive a crash) or memory store (a snapshot plus the log after it). */
export function stateStoreOf(w: World): StateStore {
  return w.params.stateStore;
}

/** "655.6 ms", "0.58 ms", "23.6 s": the formula's terms with enough digits to add up. */
function exactMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

