import { planReplay, type PlannedRecord } from '../model/wal-replay';
import { formatRecordNo } from '../model/wal';
import { WAL_RECOVERY_MODES, type CatchUpSplit, type NodeRecoveryView, type RecoveryModePreview, type RecoveryPhase, type ReplayReport, type WalRecoveryMode } from '../recovery-types';
import type { Metrics } from '../types';
import { amnesiacShards, catchingUpCount } from './catch-up-state';
import { knownCorruptOn } from './corruption-state';
import { costOf } from './local-recovery';
import { recordIsIntact, walRecordAt } from './wal-log';
import { isUp, lifecycleOf, restartPhaseOf, type NodeRow, type World } from './world';

/**
 * What local recovery looks like from outside (design recovery-repair.md §5.1, §11.5, §12): a node's recovery
 * view (NodeView.recovery), the replay metrics, the Log view's cursor and stop point, and what each recovery mode
 * would do with the log as it is now (`sim.previewRecovery`). Reads only; changes nothing.
 */

export function nodeRecoveryView(w: World, node: NodeRow): NodeRecoveryView {
  const run = node.recovery.replay;
  return {
    phase: phaseOf(w, node),
    crashKind: node.recovery.crashKind,
    checkpointRecord: node.wal.checkpointNo === 0 ? null : node.wal.checkpointNo,
    replay: run ? replayReport(w, node) : null,
    amnesiac: amnesiacShards(w, node.index).length > 0,
    corruptKnown: knownCorruptOn(w.corruption, node.index),
    catchUp: catchUpViewOf(w, node),
  };
}

/** Where the node is on its way back: up but with replicas still behind since it came back is catchingUp (§5.1). */
function phaseOf(w: World, node: NodeRow): RecoveryPhase {
  const life = lifecycleOf(node);
  if (life === 'restarting') return restartPhaseOf(node) ?? 'replaying';
  if (life === 'up') return catchingUpCount(w, node.index) > 0 ? 'catchingUp' : 'serving';
  return life;
}

/** How its replicas were caught up since it last came back (§5.3), or null if it never came back. */
function catchUpViewOf(w: World, node: NodeRow): CatchUpSplit | null {
  const split = w.catchUp.splits.get(node.index);
  return split ? { ...split, fetchedFrom: { ...split.fetchedFrom } } : null;
}

function replayReport(w: World, node: NodeRow): ReplayReport | null {
  const run = node.recovery.replay;
  if (!run) return null;
  const phase = restartPhaseOf(node);
  const cost = costOf(w, run);
  return {
    scanned: run.scanned,
    applied: run.applied,
    skipped: run.skipped,
    discarded: run.discarded,
    stoppedAt: run.stopNo,
    reason: run.reason,
    mode: run.mode,
    ms: cost.totalMs,
    cost,
    running: run.finishedAtMs === null && (phase === 'loadingSnapshot' || phase === 'replaying'),
  };
}

/** The Log view's replay cursor (the next record replay reads, while it replays) and its stop point. */
export function replayCursor(node: NodeRow): { cursorNo: number | null; stopNo: number | null } {
  const run = node.recovery.replay;
  if (!run) return { cursorNo: null, stopNo: null };
  const replaying = restartPhaseOf(node) === 'replaying' && run.finishedAtMs === null;
  return { cursorNo: replaying ? run.cursorNo : null, stopNo: run.stopNo };
}

/** A shard's counter on a node (x = x + 1 per write): its LSN, plus any record replay applied twice. */
export function counterOf(node: NodeRow, shard: number): number {
  return (node.disk.get(shard) ?? 0) + (node.recovery.extraApplies.get(shard) ?? 0);
}

export type ReplayMetrics = Pick<
  Metrics,
  | 'walRecordsReplayed'
  | 'walRecordsSkipped'
  | 'walRecordsDiscarded'
  | 'walTornRecords'
  | 'walCorruptRecords'
  | 'recordsAppliedTwice'
  | 'lastReplayMs'
  | 'replayBytes'
  | 'snapshotBytesLoaded'
  | 'nodesRecovering'
  | 'nodesRefused'
>;

export function replayMetrics(w: World): ReplayMetrics {
  const m: ReplayMetrics = {
    walRecordsReplayed: 0,
    walRecordsSkipped: 0,
    walRecordsDiscarded: 0,
    walTornRecords: 0,
    walCorruptRecords: 0,
    recordsAppliedTwice: 0,
    lastReplayMs: null,
    replayBytes: 0,
    snapshotBytesLoaded: 0,
    nodesRecovering: 0,
    nodesRefused: 0,
  };
  let lastAt = -1;
  for (const node of w.nodes) {
    const t = node.recovery.totals;
    m.walRecordsReplayed += t.applied;
    m.walRecordsSkipped += t.skipped;
    m.walRecordsDiscarded += t.discarded;
    m.walTornRecords += t.torn;
    m.walCorruptRecords += t.corrupt;
    m.recordsAppliedTwice += t.twice;
    m.replayBytes += t.bytes;
    m.snapshotBytesLoaded += t.snapshotBytes;
    const phase = restartPhaseOf(node);
    if (phase === 'refused') m.nodesRefused++;
    else if (phase !== null) m.nodesRecovering++;
    const run = node.recovery.replay;
    if (run && run.finishedAtMs !== null && !run.refused && run.finishedAtMs > lastAt) {
      lastAt = run.finishedAtMs;
      m.lastReplayMs = Math.round(run.finishedAtMs - run.startedAtMs);
    }
  }
  return m;
}

// ------------------------------------------------------------ the mode preview

/**
 * What a replay under each recovery mode would do with the node's log as it is now, before the restart: where it
 * stops, what it applies, whether it starts at all. A running node is judged as if it crashed now (its dirty
 * pages fall back to the checkpoint); a crashed one from the pages it has.
 */
export function previewRecovery(w: World, node: NodeRow): RecoveryModePreview[] {
  const wal = node.wal;
  const records: PlannedRecord[] = [];
  const lastOffset = walRecordAt(wal, wal.lastNo)?.offset ?? 0;
  const seg = w.params.walSegmentBytes;
  for (let no = Math.max(wal.firstNo, wal.checkpointNo + 1); no <= wal.lastNo; no++) {
    const rec = walRecordAt(wal, no);
    if (!rec) continue;
    records.push({
      no,
      type: rec.type,
      shard: rec.shard,
      shardLsn: rec.shardLsn,
      bytes: rec.bytes,
      committed: rec.txn === 0,
      check: recordIsIntact(wal, no),
      inLastSegment: Math.floor(rec.offset / seg) === Math.floor(lastOffset / seg),
    });
  }
  const running = isUp(node);
  const pageOf = (shard: number): number =>
    running ? (node.ckpt.get(shard) ?? 0) : Math.max(node.disk.get(shard) ?? 0, node.recovery.replayedPages.get(shard) ?? 0);
  let folded = 0;
  let history = 0;
  for (const s of wal.olderSegments) {
    if (s.history) history += s.records;
    else folded += s.records;
  }
  // Records from before t = 0 (wal-history.ts): redone when a memory store's crash lost them (or would, if it crashed now).
  const historyRedone = wal.historyToRedo || (running && w.params.stateStore === 'memory');
  let foldedHeld = true;
  for (const [shard, lsn] of wal.folded) if (pageOf(shard) < lsn) foldedHeld = false;
  const foldedPage = (shard: number) => Math.max(pageOf(shard), wal.folded.get(shard) ?? 0);
  return WAL_RECOVERY_MODES.map((mode) => {
    const plan = planReplay(records, foldedPage, mode, w.params.idempotentApply);
    const applied = plan.applied + (foldedHeld ? 0 : folded) + (historyRedone ? history : 0);
    return {
      mode,
      outcome: plan.outcome,
      stopNo: plan.stopNo,
      applied,
      discarded: plan.discarded,
      appliedPastCorruption: plan.appliedPastCorruption,
      summary: summaryOf(mode, plan.outcome, plan.stopNo, applied, plan.discarded, plan.appliedPastCorruption),
    };
  });
}

function summaryOf(
  mode: WalRecoveryMode,
  outcome: 'starts' | 'refuses',
  stopNo: number | null,
  applied: number,
  discarded: number,
  past: number,
): string {
  if (outcome === 'refuses') return `${mode}: refuses to start at ${formatRecordNo(stopNo ?? 0)}; the node stays down until it is rebuilt or restarted under another mode.`;
  if (stopNo !== null)
    return `${mode}: stops at ${formatRecordNo(stopNo)} and starts; ${applied} applied, ${discarded} discarded after it.`;
  if (past > 0) return `${mode}: skips the damaged record(s) and applies ${past} past them — a hole the replica must repair.`;
  return `${mode}: reads to the end and starts; ${applied} applied.`;
}
