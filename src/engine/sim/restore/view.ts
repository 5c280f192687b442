import type { RestorePhase, RestoreView } from '../../restore-types';
import { formatBytes, type World } from '../world';
import { archivedCount } from './archive';
import { backupById, type RestoreRun } from './state';

/** The restore panel's view (`sim.getRestoreView()`): backups taken, and the restore under way or last. */
export function buildRestoreView(w: World): RestoreView {
  const run = w.backups.restore;
  return {
    backups: w.backups.list.map((b) => ({ id: b.id, atMs: b.atMs, shards: b.lsn.length, bytes: b.bytes, writesHeld: b.writesHeld, discardedBy: b.discardedBy })),
    restore: run ? runView(w, run) : null,
    walArchive: w.params.walArchive,
    archivedWrites: archivedCount(w),
  };
}

function runView(w: World, run: RestoreRun): NonNullable<RestoreView['restore']> {
  const phase = run.machine.value as RestorePhase;
  const backupAtMs = backupById(w.backups, run.backup)?.atMs ?? 0;
  const loaded = phase === 'loading' ? Math.min(1, run.loadMs > 0 ? (w.nowMs - run.startedAtMs) / run.loadMs : 1) : phase === 'requested' ? 0 : 1;
  const p = w.params;
  const archive = run.targetMs === null ? '' : ` + ${formatBytes(run.archivedBytes)} / ${formatBytes(p.walScanBytesPerSec)}/s + ${run.archivedRecords} × ${p.walApplyMsPerRecord} ms`;
  return {
    backup: run.backup,
    backupAtMs,
    targetMs: run.targetMs,
    phase,
    startedAtMs: run.startedAtMs,
    finishedAtMs: run.finishedAtMs,
    bytesDone: Math.round(run.totalBytes * loaded),
    bytesTotal: run.totalBytes,
    rpoWrites: run.rpoWrites ?? pendingRpo(w, run, backupAtMs),
    rpoFinal: run.rpoWrites !== null,
    cause: run.cause,
    rto: {
      totalBytes: run.totalBytes,
      liveNodes: run.liveNodes,
      bytesPerSecPerNode: run.bytesPerSecPerNode,
      loadMs: run.loadMs,
      archivedBytes: run.archivedBytes,
      walScanBytesPerSec: p.walScanBytesPerSec,
      scanMs: run.scanMs,
      archivedRecords: run.archivedRecords,
      walApplyMsPerRecord: p.walApplyMsPerRecord,
      applyMs: run.applyMs,
      rtoMs: run.rtoMs,
      text: `${formatBytes(run.totalBytes)} / (${run.liveNodes} × ${formatBytes(run.bytesPerSecPerNode)}/s)${archive} = ${Math.round(run.rtoMs)} ms`,
    },
  };
}

/** While it runs: the writes it will not bring back (as accounting.ts will count them when it finishes). */
function pendingRpo(w: World, run: RestoreRun, backupAtMs: number): number {
  const since = new Map<string, number>();
  for (const l of w.workload.lostWrites) if (l.atMs >= backupAtMs) since.set(l.shard, (since.get(l.shard) ?? 0) + l.count);
  let rpo = 0;
  for (const shard of w.shards) rpo += Math.max(0, shard.lsn + (since.get(shard.id) ?? 0) - run.restoredLsn[shard.index]);
  return rpo;
}
