import { WalFlag, formatRecordNo } from './wal';
import type { ReplayRun } from '../sim/recovery-state';
import { recordIsIntact, walFlags, walHasDetail, walRecordAt, walTypeAt, type NodeWal } from '../sim/wal-log';
import { lifecycleOf, type NodeRow, type World } from '../sim/world';

/**
 * Invariants 1, 2, 3, 4 and 7 of design recovery-repair.md §11.6: what a replay may do with a node's log. Each
 * names the node, the record and the shard that break it.
 *
 * Cheap at 1,000 nodes: per step it looks at each node's replay record once (O(nodes)), and reads records only
 * where a replay moved — the records read since the last check, once — plus, once per replay, its log (to know
 * what the log justifies) and, once when it ends, the stretch it should have accepted. A node that is not
 * replaying costs one comparison.
 *
 * It remembers between calls (per world), so it judges "at most once across crashes and replays" itself rather
 * than trusting the engine's counter: a crash of a running node loses its dirty pages (a new page lifetime, where
 * replay must redo the log again); a crash during a replay keeps the pages it wrote (§3.7), so a second replay
 * must skip what the first applied.
 */

const NAMES = {
  once: 'replay applies every committed, valid record after the checkpoint exactly once',
  valid: 'no torn or checksum-failing record is ever applied',
  stop: 'nothing after the stop point is applied, except under skipAnyCorrupted, whose replica is then divergent',
  commit: 'a record is not applied before its commit is known',
  justified: "a replica's applied LSN never exceeds what its log justifies",
} as const;

type Add = (invariant: string, detail: string) => void;

interface NodeMemo {
  /** The log this memo is about (a rebuild gives the node a new one). */
  wal: NodeWal;
  /** The page lifetime: `heldAtCrash` is replaced at each crash of a running node (its dirty pages are lost). */
  lifetime: Map<number, number> | null;
  /** Record → the replay (its start time) that applied it, in this page lifetime. */
  applied: Map<number, number>;
  run: ReplayRun | null;
  /** The page lifetime `run` began in. */
  runLifetime: Map<number, number> | null;
  /** The next record of `run` not yet examined. */
  checkedTo: number;
  /** Pages as the run began (null when the checker first saw the run midway): invariant 7's floor. */
  base: Map<number, number> | null;
  /** Per shard, the highest LSN of an intact PUT in the log the run reads (and its folded segments). */
  logTop: Map<number, number> | null;
  /** Shard → the LSN of the first damaged record of it the run read; and (skipAnyCorrupted) shards applied past one. */
  holes: Map<number, number>;
  pastHole: Map<number, number>;
  /** The end of `run` was judged. */
  endChecked: boolean;
  /** `run.scanned` when its pages were last judged (invariant 7 looks again only once the replay moved). */
  pagesCheckedAt: number;
  twiceReported: boolean;
}

interface Memo {
  nodes: (NodeMemo | undefined)[];
  /** Per shard, the highest LSN it ever acknowledged (what any write-ahead record may at most carry). */
  ackedTop: number[];
}

const memos = new WeakMap<World, Memo>();

export function checkRecoveryInvariants(w: World, add: Add): void {
  let memo = memos.get(w);
  if (!memo) memos.set(w, (memo = { nodes: [], ackedTop: w.shards.map((s) => s.lsn) }));
  for (const shard of w.shards) if (shard.lsn > memo.ackedTop[shard.index]) memo.ackedTop[shard.index] = shard.lsn;
  for (const node of w.nodes) checkNode(w, node, memo, add);
}

function checkNode(w: World, node: NodeRow, memo: Memo, add: Add): void {
  const run = node.recovery.replay;
  let m = memo.nodes[node.index];
  if (!m) {
    if (run === null) return;
    m = memo.nodes[node.index] = newMemo(node);
  }
  if (m.wal !== node.wal) Object.assign(m, newMemo(node));
  if (m.lifetime !== node.heldAtCrash) {
    m.lifetime = node.heldAtCrash;
    m.applied.clear();
  }
  if (run === null) return;
  if (run !== m.run) startRun(w, node, m, run);
  if (m.checkedTo < run.cursorNo) readNewRecords(w, node, m, run, memo, add);
  // Whatever the setting: with idempotentApply off a double apply is the lesson (exercise 3), and the invariant
  // lights red for it (design §3.7). Once per replay, naming the first record and the count.
  if (run.appliedTwice > 0 && !m.twiceReported) {
    m.twiceReported = true;
    const shards = [...node.recovery.extraApplies.keys()].sort((a, b) => a - b).map((s) => w.shards[s].id);
    add(
      NAMES.once,
      `${node.id} applied ${run.firstTwiceNo !== undefined ? describe(w, node, run.firstTwiceNo) : 'a record'} twice: its data already held it ` +
        `and ${run.idempotentApply ? 'the page-LSN rule did not skip it' : 'idempotentApply off applied it again'}; ` +
        `${run.appliedTwice} record(s) applied twice in the replay that began at ${run.replayStartedAtMs} ms (recordsAppliedTwice), ` +
        `so ${node.id}'s write counters of ${shards.join(', ') || 'its shards'} run ahead of the writes clients made`,
    );
  }
  if (lifecycleOf(node) === 'restarting' && run.finishedAtMs === null && m.pagesCheckedAt !== run.scanned) {
    m.pagesCheckedAt = run.scanned;
    checkPagesJustified(w, node, m, add, null);
  }
  if (!m.endChecked && run.finishedAtMs !== null) {
    m.endChecked = true;
    if (!run.refused) checkEnd(w, node, m, run, add);
  }
}

function newMemo(node: NodeRow): NodeMemo {
  return {
    wal: node.wal,
    lifetime: node.heldAtCrash,
    applied: new Map(),
    run: null,
    runLifetime: null,
    checkedTo: 0,
    base: null,
    logTop: null,
    holes: new Map(),
    pastHole: new Map(),
    endChecked: false,
    pagesCheckedAt: -1,
    twiceReported: false,
  };
}

/** A replay the checker has not seen: note where it starts, the pages it starts from and what its log holds. */
function startRun(w: World, node: NodeRow, m: NodeMemo, run: ReplayRun): void {
  // A crash while the node was restarting (replaying or verifying) keeps every page a replay wrote (§3.7).
  const pagesKept = m.run !== null && m.runLifetime === node.heldAtCrash;
  m.run = run;
  m.runLifetime = node.heldAtCrash;
  m.checkedTo = run.scanned === 0 ? 0 : run.cursorNo;
  m.holes = new Map();
  m.pastHole = new Map();
  m.endChecked = run.finishedAtMs !== null;
  m.twiceReported = false;
  m.pagesCheckedAt = -1;
  m.logTop = logTopOf(node.wal, Infinity);
  m.base = null;
  if (run.scanned > 0 || run.finishedAtMs !== null) return;
  m.base = new Map(node.disk);
  if (pagesKept) return;
  // The pages a replay may start from after a crash of a running node: a shard the log touches since the checkpoint
  // lost its dirty pages, so it starts at the checkpoint (or where a replay cut short left it); others keep theirs.
  const touched = new Set(node.wal.folded.keys());
  forEachItemised(node.wal, node.wal.lastNo, (no) => {
    const s = node.wal.shard[slot(node.wal, no)];
    if (s >= 0) touched.add(s);
  });
  for (const s of touched) if (m.base.has(s)) m.base.set(s, Math.max(node.ckpt.get(s) ?? 0, node.recovery.replayedPages.get(s) ?? 0));
}

/** The records the run read since the last check: invariants 1 (at most once), 2, 3 and 4 on each it applied. */
function readNewRecords(w: World, node: NodeRow, m: NodeMemo, run: ReplayRun, memo: Memo, add: Add): void {
  const wal = node.wal;
  const last = Math.min(run.cursorNo - 1, run.endNo, wal.lastNo);
  for (let no = Math.max(m.checkedTo, wal.firstNo, run.checkpointNo + 1); no <= last; no++) {
    const flags = walFlags(wal, no);
    const s = wal.shard[slot(wal, no)];
    const lsn = wal.shardLsn[slot(wal, no)];
    const damaged = (flags & (WalFlag.Torn | WalFlag.BitFlipped | WalFlag.BadPrev)) !== 0 || recordIsIntact(wal, no) !== 'ok';
    if ((flags & WalFlag.Applied) === 0) {
      if (damaged && s >= 0 && !m.holes.has(s)) m.holes.set(s, lsn);
      continue;
    }
    const what = describe(w, node, no);
    if (damaged) add(NAMES.valid, `${node.id} applied ${what}, which is ${intactWords(wal, no)}`);
    if (run.stopNo !== null && no > run.stopNo)
      add(NAMES.stop, `${node.id} applied ${what} after its replay stopped at ${formatRecordNo(run.stopNo)} (recovery mode ${run.mode})`);
    const hole = s >= 0 ? m.holes.get(s) : undefined;
    if (hole !== undefined && lsn > hole && run.mode !== 'skipAnyCorrupted')
      add(NAMES.stop, `${node.id} applied ${what} past a damaged record of the same shard (LSN ${hole}), where recovery mode ${run.mode} stops`);
    else if (hole !== undefined && lsn > hole && !m.pastHole.has(s)) m.pastHole.set(s, hole);
    checkCommitted(w, node, no, s, lsn, what, memo, add);
    const earlier = m.applied.get(no);
    // Whatever idempotentApply says (with it off, this is exercise 3's red light): once per replay, the first record.
    if (earlier !== undefined && earlier !== run.replayStartedAtMs && !m.twiceReported) {
      m.twiceReported = true;
      add(
        NAMES.once,
        `${node.id} applied ${what} twice: in the replay that began at ${earlier} ms and again in the one that began at ` +
          `${run.replayStartedAtMs} ms, with the pages it wrote the first time kept${run.idempotentApply ? '' : ' (idempotentApply off)'}`,
      );
    }
    m.applied.set(no, run.replayStartedAtMs);
  }
  m.checkedTo = Math.max(m.checkedTo, run.cursorNo);
}

/** Invariant 4: only a committed write is applied — an autocommit PUT of a write its shard acknowledged. */
function checkCommitted(w: World, node: NodeRow, no: number, s: number, lsn: number, what: string, memo: Memo, add: Add): void {
  const type = walTypeAt(node.wal, no);
  if (type !== 'PUT' || s < 0) {
    add(NAMES.commit, `${node.id} applied ${what}: only a write is applied, never a ${type} record`);
    return;
  }
  const record = walRecordAt(node.wal, no);
  // ARIES repeats history (losers too, then undoes them with CLRs); redo-only applies a transaction's write only
  // when its log holds the COMMIT (or the PREPARE: committable after a crash) (design §9.1–§9.3).
  if (record && record.txn !== 0 && w.params.recoveryAlgorithm !== 'aries' && !txnCommittable(node.wal, record.txn))
    add(NAMES.commit, `${node.id} applied ${what}, part of transaction ${record.txn} whose commit it has not read`);
  const shard = w.shards[s];
  let top = Math.max(memo.ackedTop[s], shard.lsn);
  if (lsn <= top) return;
  // A loss or a rollback may have lowered the shard's LSN between two checks: what was acknowledged then counts.
  for (const loss of w.workload.lostWrites) if (loss.shard === shard.id) top = Math.max(top, loss.lastLsn);
  if (lsn > top) add(NAMES.commit, `${node.id} applied ${what}, but ${shard.id} never acknowledged past LSN ${top}: that write was never committed`);
}

/**
 * Invariant 7 while a replay runs (and as it ends): no page ahead of what the node started from or its log holds
 * (up to `bound`, the last record the replay may accept; null = the whole log).
 */
function checkPagesJustified(w: World, node: NodeRow, m: NodeMemo, add: Add, bound: Map<number, number> | null): void {
  if (m.base === null) return;
  const top = bound ?? m.logTop;
  for (const [s, lsn] of node.disk) {
    const base = m.base.get(s) ?? 0;
    const logged = top?.get(s) ?? 0;
    if (lsn > base && lsn > logged)
      add(
        NAMES.justified,
        `${node.id}'s copy of ${w.shards[s].id} is at LSN ${lsn}, but its pages held ${base} when the replay began and its log ` +
          `(checkpoint ${formatRecordNo(node.wal.checkpointNo)}${bound ? ', up to the stop point' : ''}) goes no further than LSN ${logged}`,
      );
  }
}

/**
 * The replay ended (it did not refuse). Invariant 1: every committed, valid record it should have accepted —
 * everything after the checkpoint up to the stop point (the whole log under skipAnyCorrupted, damaged ones aside)
 * — was applied or found already in the data. Invariant 3: a record applied past a skipped damaged one of the same
 * shard left a hole, so that replica is divergent. Invariant 7 with the stop point known.
 */
function checkEnd(w: World, node: NodeRow, m: NodeMemo, run: ReplayRun, add: Add): void {
  const wal = node.wal;
  const last = Math.min(run.stopNo !== null ? run.stopNo - 1 : run.endNo, wal.lastNo);
  forEachItemised(wal, last, (no) => {
    if (no <= run.checkpointNo || walTypeAt(wal, no) !== 'PUT' || recordIsIntact(wal, no) !== 'ok') return;
    // A write of a transaction the log does not commit is discarded by redo-only replay, and rightly (design §9.2).
    const txn = wal.txns.get(no) ?? 0;
    if (txn !== 0 && w.params.recoveryAlgorithm !== 'aries' && !txnCommittable(wal, txn)) return;
    if ((walFlags(wal, no) & (WalFlag.Applied | WalFlag.Skipped)) === 0)
      add(NAMES.once, `${node.id}'s replay ended without applying ${describe(w, node, no)}, a valid record before its stop point`);
  });
  for (const [s, hole] of m.pastHole) {
    const shard = w.shards[s];
    if (!node.disk.has(s) || shard.divergent?.has(node.index)) continue;
    add(
      NAMES.stop,
      `${node.id} skipped a damaged record of ${shard.id} (LSN ${hole}) and applied later ones (${run.mode}), ` +
        `yet its copy of ${shard.id} is not marked divergent`,
    );
  }
  if (lifecycleOf(node) === 'restarting') checkPagesJustified(w, node, m, add, run.stopNo !== null ? logTopOf(wal, run.stopNo - 1) : null);
}

/** Does the log commit transaction `txn`: a COMMIT, or a PREPARE with no ABORT after it (intact records)? */
function txnCommittable(wal: NodeWal, txn: number): boolean {
  let prepared = false;
  for (const [no, t] of wal.txns) {
    if (t !== txn || recordIsIntact(wal, no) !== 'ok') continue;
    const type = walTypeAt(wal, no);
    if (type === 'COMMIT') return true;
    if (type === 'ABORT') return false;
    if (type === 'PREPARE') prepared = true;
  }
  return prepared;
}

/** Per shard, the highest LSN of an intact PUT up to record `last`, and of the folded segments. */
function logTopOf(wal: NodeWal, last: number): Map<number, number> {
  const top = new Map(wal.folded);
  forEachItemised(wal, Math.min(last, wal.lastNo), (no) => {
    const i = slot(wal, no);
    const s = wal.shard[i];
    if (s < 0 || walTypeAt(wal, no) !== 'PUT' || recordIsIntact(wal, no) !== 'ok') return;
    if ((top.get(s) ?? -1) < wal.shardLsn[i]) top.set(s, wal.shardLsn[i]);
  });
  return top;
}

function forEachItemised(wal: NodeWal, last: number, visit: (no: number) => void): void {
  for (let no = Math.max(wal.firstNo, wal.checkpointNo + 1); no <= last; no++) if (walHasDetail(wal, no)) visit(no);
}

function slot(wal: NodeWal, no: number): number {
  return no & (wal.capacity - 1);
}

function describe(w: World, node: NodeRow, no: number): string {
  const r = walRecordAt(node.wal, no);
  if (!r) return formatRecordNo(no);
  return r.shard >= 0 ? `${formatRecordNo(no)} (${r.type} ${w.shards[r.shard].id} LSN ${r.shardLsn})` : `${formatRecordNo(no)} (${r.type})`;
}

function intactWords(wal: NodeWal, no: number): string {
  const check = recordIsIntact(wal, no);
  return check === 'torn' ? 'torn' : check === 'crc' ? 'failing its checksum' : check === 'prevLink' ? 'not linked to the record before it' : 'damaged';
}
