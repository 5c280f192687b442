import { WalFlag, formatRecordNo } from '../model/wal';
import type { CrashKind } from '../recovery-types';
import { forEachPutSinceCheckpoint, recordIsIntact, setWalFlag, truncateWalAfter } from './wal-log';
import { noteHistoryLost } from './wal-history';
import { describeTornPages, tearPages } from './torn-pages';
import { historyHeld } from './quorum';
import { loseWritesAbove } from './lost-writes';
import { lifecycleOf, listSome, record, restartPhaseOf, type NodeRow, type World } from './world';

/**
 * What a crash does to a node's log and data pages (design recovery-repair.md §3.4, §3.7), decided the
 * instant it happens, before the node machine hears of it.
 *
 * - A **process** crash keeps everything the process wrote: the OS page cache outlives it. With
 *   `tornOnProcessCrash` the last unsynced record may be torn.
 * - A **power** loss keeps only what was flushed (`syncedUpToNo`) plus a prefix of the rest: k of the
 *   E − S unsynced records reach the disk (🅂 in order), the next one is torn with `tornWriteProbability`,
 *   the rest are gone. Draws from `node:<id>:crash`, in this order: k, torn or not.
 *
 * Either way the data pages written since the last checkpoint were in memory: every shard the log touches
 * after the checkpoint falls back to its checkpoint LSN (`ckpt`), and only a replay brings it forward (§3.7:
 * the page LSN). A crash during a replay keeps the pages (🅂 replay writes through). the log's `held` LSN is cut to what
 * the surviving log still holds; `heldAtCrash` keeps what the node had applied (and acknowledged) before.
 */

export interface CrashOutcome {
  node: NodeRow;
  kind: CrashKind;
  /** Unsynced records at the crash (E − S). */
  unsynced: number;
  /** Of those, how many survived intact. */
  survived: number;
  /** The record torn at the crash, or null. */
  tornNo: number | null;
  /** Records gone (neither surviving nor torn). */
  lost: number;
  /** Shards whose pages fell back to the checkpoint. */
  pagesLost: number;
  /** Shards some of whose records were cut off. */
  shardsCut: Set<number>;
  /** Shards whose data page the power loss tore (torn-pages.ts). */
  tornPages: number[];
}

/** Running = its process is up or recovering (not one that refused to start): a crash can hit it. */
export function isRunning(node: NodeRow): boolean {
  const life = lifecycleOf(node);
  return life === 'up' || (life === 'restarting' && restartPhaseOf(node) !== 'refused');
}

/** Applies the crash to the node's log and pages. Call before the node machine takes `cmd.node.crash`. */
export function crashLog(w: World, node: NodeRow, kind: CrashKind): CrashOutcome {
  const wal = node.wal;
  const wasUp = lifecycleOf(node) === 'up';
  if (wasUp) node.heldAtCrash = new Map(node.disk);
  if (wasUp) noteHistoryLost(wal, w.params);
  node.recovery.crashKind = kind;
  // Shards whose pages are dirty: touched by the log since the checkpoint (lost records included).
  const touched = new Set<number>(wal.folded.keys());
  forEachPutSinceCheckpoint(wal, (shard) => touched.add(shard));

  const S = wal.syncedUpToNo;
  const E = wal.lastNo;
  const unsynced = E - S;
  const outcome: CrashOutcome = { node, kind, unsynced, survived: unsynced, tornNo: null, lost: 0, pagesLost: 0, shardsCut: new Set(), tornPages: [] };
  const rng = () => w.random.get(`node:${node.id}:crash`);
  if (kind === 'power' && unsynced > 0) {
    const k = rng().int(unsynced + 1);
    outcome.survived = k;
    if (k < unsynced) {
      const torn = rng().next() < w.params.tornWriteProbability;
      const cutAfter = torn ? S + k + 1 : S + k;
      for (let no = S + k + 1; no <= E; no++) {
        forOne(wal, no, (shard) => outcome.shardsCut.add(shard));
      }
      truncateWalAfter(wal, cutAfter);
      if (torn) {
        setWalFlag(wal, cutAfter, WalFlag.Torn);
        outcome.tornNo = cutAfter;
      }
      outcome.lost = E - cutAfter;
      wal.lostRange = cutAfter < E ? { firstNo: cutAfter + 1, lastNo: E } : null;
    } else wal.lostRange = null;
  } else if (kind === 'process' && w.params.tornOnProcessCrash && unsynced > 0) {
    if (rng().next() < w.params.tornWriteProbability) {
      setWalFlag(wal, E, WalFlag.Torn);
      outcome.tornNo = E;
      outcome.survived = unsynced - 1;
      forOne(wal, E, (shard) => outcome.shardsCut.add(shard));
    }
    wal.lostRange = null;
  } else wal.lostRange = null;
  // Torn data pages: drawn after the log's draws, so a seed keeps the tail it had.
  outcome.tornPages = tearPages(w, node, kind, wasUp);

  if (wasUp) {
    for (const shard of touched) {
      if (!node.disk.has(shard)) continue;
      node.disk.set(shard, node.ckpt.get(shard) ?? 0);
      outcome.pagesLost++;
    }
  }
  recomputeLogHeld(node, touched);
  return outcome;
}

function forOne(wal: NodeRow['wal'], no: number, visit: (shard: number) => void): void {
  const slot = no & (wal.capacity - 1);
  if (wal.shard[slot] >= 0) visit(wal.shard[slot]);
}

/**
 * The log's `held` LSN (a column of the node's disk rows, disk-map.ts) of the given shards from what the log holds now: the checkpoint, the folded segments and the
 * intact records after it, up to the first record that is not intact (replay stops there by default).
 */
export function recomputeLogHeld(node: NodeRow, shards: Iterable<number>): void {
  const wal = node.wal;
  const held = new Map<number, number>();
  for (const shard of shards) held.set(shard, Math.max(node.ckpt.get(shard) ?? 0, wal.folded.get(shard) ?? 0));
  let broken = false;
  forEachPutSinceCheckpoint(wal, (shard, lsn, no) => {
    if (broken || recordIsIntact(wal, no) !== 'ok') {
      broken = true;
      return;
    }
    if ((held.get(shard) ?? -1) < lsn) held.set(shard, lsn);
  });
  for (const [shard, lsn] of held) node.disk.setHeld(shard, lsn);
}

/** "#1,230–#1,236" or "#1,230". */
function recordRange(first: number, last: number): string {
  return first === last ? formatRecordNo(first) : `${formatRecordNo(first)}–${formatRecordNo(last)}`;
}

/** What survived, what was lost and which record tore, in plain words (the crash entry's second half). */
export function describeCrash(o: CrashOutcome, w: World): string {
  const wal = o.node.wal;
  const pages =
    o.pagesLost > 0
      ? ` Data pages of ${o.pagesLost} shard(s) written since the last checkpoint were only in memory; a replay redoes them from the log.` +
        describeTornPages(w, o.node, o.tornPages)
      : describeTornPages(w, o.node, o.tornPages);
  if (o.kind === 'process') {
    const torn = o.tornNo !== null ? ` The OS had not finished writing ${formatRecordNo(o.tornNo)}: it is torn.` : '';
    return `Its disk and every log record it wrote survive (a process crash leaves the OS page cache, which reaches the disk).${torn}${pages}`;
  }
  if (o.unsynced === 0) {
    return `Its log was flushed up to its last record ${formatRecordNo(wal.syncedUpToNo)}: nothing in it is lost.${pages}`;
  }
  const line = wal.syncedUpToNo;
  const parts = [`${o.unsynced} log record(s) after the fsync line (${formatRecordNo(line)}) were only in the page cache`];
  parts.push(o.survived === o.unsynced ? 'all of them reached the disk in time' : `${o.survived} reached the disk`);
  if (o.tornNo !== null) parts.push(`${formatRecordNo(o.tornNo)} is torn (only part of it was written)`);
  if (o.lost > 0 && wal.lostRange) parts.push(`${recordRange(wal.lostRange.firstNo, wal.lostRange.lastNo)} never reached it`);
  const periodic = w.params.walSyncMode === 'periodic' ? ' (walSyncMode periodic: acknowledged writes may be among them)' : '';
  return `Power loss: ${parts.join(', ')}${periodic}.${pages}`;
}

/**
 * After a power loss (or a process crash that tore a record): acknowledged writes that no surviving copy holds
 * durably are lost (periodic sync lets a replica acknowledge before it flushes). A LostWrites entry per shard, and the shard's history ends at what
 * survives, as for a destroyed disk.
 */
export function noteWritesLostToPower(w: World, outcomes: readonly CrashOutcome[]): void {
  const shards = new Set<number>();
  for (const o of outcomes) for (const s of o.shardsCut) shards.add(s);
  if (shards.size === 0) return;
  const holders = holdersOf(w, shards);
  const said: string[] = [];
  let total = 0;
  for (const s of [...shards].sort((a, b) => a - b)) {
    const shard = w.shards[s];
    let held = 0;
    for (const r of holders.get(s) ?? []) held = Math.max(held, historyHeld(w, shard, r) ?? 0);
    const lost = loseWritesAbove(w, shard, held, 'acknowledged before fsync on every replica (walSyncMode periodic)');
    if (!lost) continue;
    total += lost.count;
    said.push(lost.words);
  }
  if (said.length === 0) return;
  record(
    w,
    'cluster',
    'writes.lost',
    `Acknowledged write(s) are lost: ${listSome(said)} (${total} in all). Every replica had acknowledged them before ` +
      `flushing its log (walSyncMode periodic), and every replica lost them in a crash before its next flush.`,
    'alert',
    { shards: said.length, writes: total },
  );
}

/** Shard → every node whose disk holds it (the truth, placement or not), in one pass over the nodes. */
function holdersOf(w: World, shards: ReadonlySet<number>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const node of w.nodes)
    for (const s of node.disk.keys()) {
      if (!shards.has(s)) continue;
      const list = out.get(s);
      if (list) list.push(node.index);
      else out.set(s, [node.index]);
    }
  return out;
}
