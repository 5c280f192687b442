import { initialSnapshot, stateOf, stepMachine, type EffectHandlers } from '../../machines/machine-step';
import { restoreMachine, type RestoreEffect, type RestoreEvent, type RestoreStateValue } from '../../machines/restore.machine';
import { carryOut, type MachineTimerEvent } from '../machine-timers';
import { cancelJob, NO_FAILOVER } from '../migrator';
import { cancelCatchUps, cancelElection, refreshAllShards, setPrimary } from '../quorum';
import { sendShardEvent } from '../shard-events';
import { forgetCorruptionOfGoneCopy } from '../corrupt-copies';
import { checkpointWal } from '../wal-log';
import { CheckpointImage } from '../checkpoint-image';
import { startWorkload } from '../workload';
import { fmtMs, formatBytes, isUp, lifecycleOf, listSome, record, setReplicas, setVoters, unschedule, type World } from '../world';
import { archivedCount, archivedRecordBytes } from './archive';
import { settleRestoredWrites } from './accounting';
import { restorePlacement } from './placement';
import type { BackupManifest, RestoreRun } from './state';

/**
 * cluster.restore (design recovery-repair.md §10): every shard is reloaded from a backup onto its placement, and with
 * a point-in-time target the archived log after the backup is replayed up to it. The plan — what each shard comes
 * back at, where, and how long it takes — is fixed when the restore starts (writes pause then); the restore machine
 * (machines/restore.machine.ts) times loading and replay; at the end the data and placement are installed at once
 * and the writes the restore does not bring back are listed (RPO).
 *
 * RTO = totalBytes / (live nodes × restoreBytesPerSecPerNode) + archivedBytes / walScanBytesPerSec
 *       + archived records × walApplyMsPerRecord.
 */

const MACHINE_ID = 'restore';

/** The restore's id in the statechart panel (there is at most one at a time). */
export const RESTORE_MACHINE_ID = MACHINE_ID;

export function startRestore(w: World, backup: BackupManifest, targetMs: number | null): void {
  const restoredLsn = Int32Array.from(backup.lsn);
  let archivedRecords = 0;
  let archivedUpToMs: number | null = null;
  let unarchivedBeforeTarget = 0;
  if (targetMs !== null) {
    const a = w.backups.archive;
    const sealed = archivedCount(w);
    for (let i = backup.archiveAt; i < sealed; i++) {
      if (a.atMs[i] > targetMs) break;
      restoredLsn[a.shard[i]] = a.lsn[i];
      archivedRecords++;
      archivedUpToMs = a.atMs[i];
    }
    // Acknowledged by the target, but still in the segment that was open (never archived).
    for (let i = Math.max(sealed, backup.archiveAt); i < a.atMs.length; i++) if (a.atMs[i] <= targetMs) unarchivedBeforeTarget++;
  }
  const placement = restorePlacement(w);
  const liveNodes = w.nodes.filter(isUp).length;
  const rate = w.params.restoreBytesPerSecPerNode;
  let copies = 0;
  for (const list of placement) copies += list.length;
  const totalBytes = copies * w.shardSizeBytes;
  const loadMs = (totalBytes / (liveNodes * rate)) * 1000;
  const archivedBytes = archivedRecords * archivedRecordBytes(w);
  const scanMs = (archivedBytes / w.params.walScanBytesPerSec) * 1000;
  const applyMs = archivedRecords * w.params.walApplyMsPerRecord;
  const when = `${(backup.atMs / 1000).toFixed(1)} s`;
  const run: RestoreRun = {
    backup: backup.id,
    targetMs,
    startedAtMs: w.nowMs,
    finishedAtMs: null,
    machine: initialSnapshot(restoreMachine, { loadMs, replayMs: scanMs + applyMs }),
    restoredLsn,
    placement,
    unarchivedBeforeTarget,
    liveNodes,
    bytesPerSecPerNode: rate,
    totalBytes,
    loadMs,
    archivedRecords,
    archivedBytes,
    scanMs,
    applyMs,
    archivedUpToMs,
    rtoMs: loadMs + scanMs + applyMs,
    rpoWrites: null,
    cause: `restored to backup ${backup.id} taken at ${when}` + (targetMs === null ? '' : ` and its archived log up to ${(targetMs / 1000).toFixed(1)} s`),
  };
  w.backups.restore = run;
  sendRestoreEvent(w, { type: 'restore.begin' });
}

/** Feeds the restore machine (a command, or its own timer) and carries out what it decides. */
export function sendRestoreEvent(w: World, event: RestoreEvent | MachineTimerEvent['event']): void {
  const run = w.backups.restore;
  if (!run) return;
  const step = stepMachine(restoreMachine, run.machine, event);
  if (!step.changed) return;
  w.machines.note('restore', MACHINE_ID, stateOf(run.machine), stateOf(step.snapshot), event.type, w.nowMs);
  run.machine = step.snapshot;
  carryOut(w.timers, 'restore', MACHINE_ID, step.effects, restoreHandlers, { w, run });
}

export function restorePhase(run: RestoreRun): RestoreStateValue {
  return run.machine.value as RestoreStateValue;
}

const restoreHandlers: EffectHandlers<RestoreEffect, { w: World; run: RestoreRun }> = {
  beginLoad: ({ w, run }) => beginLoad(w, run),
  announceLoaded: ({ w, run }) => announceLoaded(w, run),
  finishRestore: ({ w, run }) => finishRestore(w, run),
};

function beginLoad(w: World, run: RestoreRun): void {
  // Client traffic pauses: nothing may write to a shard being overwritten from the backup.
  unschedule(w, w.workload.timers.write);
  unschedule(w, w.workload.timers.read);
  w.workload.timers.write = null;
  w.workload.timers.read = null;
  const cancelled = supersedeCopies(w);
  const rate = formatBytes(run.bytesPerSecPerNode);
  const pitr =
    run.targetMs === null
      ? ''
      : ` Then the archived log after the backup is replayed up to ${(run.targetMs / 1000).toFixed(1)} s: ${run.archivedRecords} record(s), ` +
        `${formatBytes(run.archivedBytes)} scanned at ${formatBytes(w.params.walScanBytesPerSec)}/s (${fmtMs(run.scanMs)}) and applied at ` +
        `${w.params.walApplyMsPerRecord} ms each (${fmtMs(run.applyMs)}).`;
  record(
    w,
    'operator',
    'restore.started',
    `The cluster is restored from backup ${run.backup}: ${run.liveNodes} running node(s) each load their replicas from it, ` +
      `${formatBytes(run.totalBytes)} in all at ${rate}/s per node (${fmtMs(run.loadMs)}).${pitr} ` +
      `Client writes and reads pause until it finishes; expected time to recover (RTO) ${fmtMs(run.rtoMs)}.${cancelled}`,
    'alert',
    { backup: run.backup, targetMs: run.targetMs, totalBytes: run.totalBytes, loadMs: run.loadMs, archivedRecords: run.archivedRecords, rtoMs: run.rtoMs },
  );
}

/**
 * Re-homing under way copies data the restore is about to overwrite: every copy job stops (a catch-up's included).
 * The failovers they served end here, unfinished — said in the restore's words, never as "every copy landed".
 */
function supersedeCopies(w: World): string {
  const copies = [...w.migrator.jobs.values()];
  if (copies.length === 0) return '';
  const failovers = new Set<number>();
  for (const job of copies) {
    const event = w.failoverPath.events[job.failoverIndex];
    if (job.failoverIndex !== NO_FAILOVER && event && event.completedAtMs === null && event.reReplicationAttempted) {
      event.completedAtMs = w.nowMs;
      event.reReplicationSucceeded = false;
      failovers.add(job.failoverIndex);
    }
  }
  for (const job of copies) {
    cancelJob(w, job);
    const shard = w.shards[job.shard];
    shard.catchUps?.delete(job.target);
    if (shard.catchUps?.size === 0) shard.catchUps = null;
  }
  for (const index of failovers) w.hooks.migrationFinished(index);
  const after = [...failovers].map((i) => w.failoverPath.events[i].failedNode);
  return (
    ` ${copies.length} copy job(s) under way stop: the restore rewrites every shard` +
    (after.length === 0 ? '.' : ` (the re-replication after ${after.join(', ')} ends unfinished).`)
  );
}

/** Per shard, detail level, and only for clusters a learner reads shard by shard; one line says the rest. */
const SHARD_LINES_MAX = 2000;

function announceLoaded(w: World, run: RestoreRun): void {
  const placement = run.placement;
  if (w.shards.length <= SHARD_LINES_MAX) {
    for (const shard of w.shards) {
      const lsn = w.backups.list.find((b) => b.id === run.backup)?.lsn[shard.index] ?? 0;
      const on = placement[shard.index].map((n) => w.nodes[n].id).join(', ');
      record(w, shard.id, 'restore.shardLoaded', `${shard.id} is loaded from backup ${run.backup} on ${on || 'no node'}: it holds writes up to LSN ${lsn}.`, 'detail', {
        shard: shard.id,
        backup: run.backup,
        lsn,
        nodes: placement[shard.index].map((n) => w.nodes[n].id),
      });
    }
  }
}

function finishRestore(w: World, run: RestoreRun): void {
  run.finishedAtMs = w.nowMs;
  const placement = run.placement;
  const backup = w.backups.list.find((b) => b.id === run.backup)!;
  if (run.targetMs !== null) {
    record(
      w,
      'operator',
      'restore.walReplayed',
      run.archivedRecords === 0
        ? `No archived log lies between backup ${run.backup} and ${(run.targetMs / 1000).toFixed(1)} s: nothing to replay.`
        : `The archived log is replayed from backup ${run.backup} to ${(run.targetMs / 1000).toFixed(1)} s: ${run.archivedRecords} write(s), the last ` +
            `acknowledged at ${((run.archivedUpToMs ?? 0) / 1000).toFixed(1)} s.` +
            (run.unarchivedBeforeTarget > 0
              ? ` ${run.unarchivedBeforeTarget} later write(s) before the target sat in the log segment still open, never archived: they cannot be replayed.`
              : ''),
      'info',
      { backup: run.backup, records: run.archivedRecords, bytes: run.archivedBytes, upToMs: run.archivedUpToMs },
    );
  }
  const { total: rpo, perShard: lostShards } = settleRestoredWrites(w, backup.atMs, run.restoredLsn, run.cause);
  // Which nodes hold each shard now, in one pass over the disks (not a pass over every node per shard).
  const holdersOf = new Map<number, number[]>();
  for (const node of w.nodes)
    for (const s of node.disk.keys()) {
      const list = holdersOf.get(s);
      if (list) list.push(node.index);
      else holdersOf.set(s, [node.index]);
    }
  for (const shard of w.shards) {
    const s = shard.index;
    // A destroyed node loaded nothing; every other node of the plan holds the backup's copy now.
    const next = placement[s].filter((n) => lifecycleOf(w.nodes[n]) !== 'destroyed');
    for (const id of [...shard.jobs]) {
      const job = w.migrator.jobs.get(id);
      if (job) cancelJob(w, job);
    }
    cancelCatchUps(w, shard);
    for (const holder of holdersOf.get(s) ?? []) {
      if (next.includes(holder)) continue;
      const node = w.nodes[holder];
      node.disk.delete(s);
      node.ckpt.delete(s);
      node.disk.deleteHeld(s);
      forgetCorruptionOfGoneCopy(w, node.index, s);
    }
    for (const r of shard.replicas) w.nodes[r].placed.delete(s);
    for (const r of next) {
      const node = w.nodes[r];
      node.placed.add(s);
      node.disk.set(s, run.restoredLsn[s]);
      forgetCorruptionOfGoneCopy(w, r, s);
    }
    setReplicas(shard, [...next]);
    setVoters(shard, [...next]);
    shard.nonVoting = null;
    shard.promised = null;
    shard.staleLeaders = null;
    shard.divergent = null;
    shard.roles = null;
    shard.lsn = run.restoredLsn[s];
    shard.term++;
    setPrimary(w, shard, next.length > 0 ? next[0] : null);
    if (next.length > 0) shard.configuredPrimary = next[0];
    // A shard led as configured has no election to call off (and stepping its machine would cost 100,000 steps).
    if (shard.primaryMachine !== null) cancelElection(w, shard);
    w.quorum.stalledElections.delete(s);
    shard.noPrimaryReason = null;
    shard.noPrimarySinceMs = null;
    shard.lastWriteOutcome = null;
    shard.failingSinceMs = null;
    w.durability.lostTruth.delete(s);
    // Whole again, or (fewer running nodes than the replication factor) under-replicated until nodes join.
    if (shard.machine || next.length < w.replicationFactor) sendShardEvent(w, shard, { type: 'backup.restored', copies: next.length, copying: 0 });
  }
  // Every node's pages now hold what it loaded: its log restarts at a checkpoint, so no record from the discarded
  // history is ever replayed over the restored data.
  for (const node of w.nodes) {
    if (lifecycleOf(node) === 'destroyed') continue;
    node.ckpt = CheckpointImage.of(node.disk);
    node.disk.clearHeld();
    for (const [s, lsn] of node.disk) node.disk.setHeld(s, lsn);
    node.heldAtCrash = null;
    checkpointWal(node.wal, w.params.walRecordHeaderBytes, w.params.walSegmentBytes, w.nowMs);
    node.disk.clearImages();
  }
  discardLaterHistory(w, run, backup);
  w.nodesVersion++;
  refreshAllShards(w);
  run.rpoWrites = rpo;
  w.backups.restoreBytes += run.totalBytes;
  record(
    w,
    'operator',
    'restore.finished',
    `The restore from backup ${run.backup} is finished after ${fmtMs(w.nowMs - run.startedAtMs)}: every shard holds the backup's data` +
      (run.targetMs === null ? '' : ` plus the archived log up to ${(run.targetMs / 1000).toFixed(1)} s`) +
      ` on ${run.liveNodes} node(s), and writes resume. ` +
      (rpo === 0
        ? 'No acknowledged write is lost (RPO 0).'
        : `${rpo} acknowledged write(s) are lost (RPO), acknowledged after that point: ${listSome(lostShards)}.`) +
      ` RTO ${fmtMs(run.rtoMs)} = ${formatBytes(run.totalBytes)} / (${run.liveNodes} × ${formatBytes(run.bytesPerSecPerNode)}/s)` +
      (run.targetMs === null ? '' : ` + ${formatBytes(run.archivedBytes)} / ${formatBytes(w.params.walScanBytesPerSec)}/s + ${run.archivedRecords} × ${w.params.walApplyMsPerRecord} ms`) +
      '.',
    rpo > 0 ? 'warn' : 'info',
    { backup: run.backup, rpoWrites: rpo, rtoMs: run.rtoMs, restoreBytes: run.totalBytes },
  );
  run.placement = [];
  if (w.workload.spec.writesPerSec > 0 || w.workload.spec.readsPerSec > 0) startWorkload(w, w.workload.spec);
}

/**
 * The history after the restore's point is gone: archived writes after it are dropped (a later point-in-time
 * restore must not replay them over the new history), and backups taken after it can no longer be restored.
 */
function discardLaterHistory(w: World, run: RestoreRun, backup: BackupManifest): void {
  const point = run.targetMs ?? backup.atMs;
  const a = w.backups.archive;
  let keep = a.atMs.length;
  while (keep > 0 && a.atMs[keep - 1] > point) keep--;
  a.shard.length = keep;
  a.lsn.length = keep;
  a.atMs.length = keep;
  for (const b of w.backups.list) if (b.atMs > point && b.discardedBy === null) b.discardedBy = `the restore of ${backup.id} at ${(w.nowMs / 1000).toFixed(1)} s`;
}
