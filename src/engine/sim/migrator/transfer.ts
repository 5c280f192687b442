import { schedule, sourceOf, unschedule, type CopyJob, type World } from '../world';

/**
 * The physics of a copy: a snapshot moves at a rate shared fairly between the
 * copies each node runs; bytes are settled whenever a rate changes.
 */

/** The physics of a copy (bandwidth, latency) decides when its snapshot or tail is done: one pending completion per job. */
export function setTransfer(w: World, job: CopyJob, atMs: number | null, type: 'copy.snapshotDone' | 'copy.caughtUp'): void {
  unschedule(w, job.transferTimer);
  job.transferTimer = atMs === null ? null : schedule(w, atMs, { type, job: job.id });
}

/** Settles progress and gives every running copy on the touched nodes its fair share again. */
export function rebalanceRates(w: World, touched: ReadonlySet<number>): void {
  for (const job of w.migrator.jobs.values()) {
    if (job.phase !== 'snapshot' || (!touched.has(sourceOf(job)) && !touched.has(job.target))) continue;
    if (job.stalledSinceMs !== null) continue;
    settle(w, job);
    const source = w.nodes[sourceOf(job)];
    const target = w.nodes[job.target];
    // A stalled stream sends nothing, so the copies still moving share the node's bandwidth without it.
    const rate = Math.min(
      source.bandwidthBytesPerSec / Math.max(1, source.activeOut - source.stalledOut),
      target.bandwidthBytesPerSec / Math.max(1, target.activeIn - target.stalledIn),
    );
    if (rate === job.rateBytesPerSec && job.transferTimer !== null) continue;
    job.rateBytesPerSec = rate;
    // A new rate moves the snapshot's end: the old completion is taken off the clock.
    const remaining = w.shardSizeBytes - job.bytesDone;
    const doneAt = rate > 0 ? w.nowMs + Math.ceil((remaining / rate) * 1000) : Infinity;
    setTransfer(w, job, Number.isFinite(doneAt) ? doneAt : null, 'copy.snapshotDone');
  }
}

export function settle(w: World, job: CopyJob): void {
  const elapsedMs = w.nowMs - job.lastUpdateMs;
  if (elapsedMs > 0) {
    const bytes = Math.min(w.shardSizeBytes - job.bytesDone, (job.rateBytesPerSec * elapsedMs) / 1000);
    job.bytesDone += bytes;
    w.migrator.bytesInByNode[job.target] += bytes;
    w.migrator.bytesOutByNode[sourceOf(job)] += bytes;
    w.migrator.bytesMoved += bytes;
  }
  job.lastUpdateMs = w.nowMs;
}

/** Bytes copied so far, including the part since the last settle. */
export function bytesDoneNow(w: World, job: CopyJob): number {
  if (job.phase !== 'snapshot') return job.phase === 'queued' ? 0 : w.shardSizeBytes;
  return Math.min(w.shardSizeBytes, job.bytesDone + (job.rateBytesPerSec * (w.nowMs - job.lastUpdateMs)) / 1000);
}

export function rebuildBytesRemaining(w: World): number {
  let remaining = 0;
  for (const job of w.migrator.jobs.values()) remaining += w.shardSizeBytes - bytesDoneNow(w, job);
  for (const shard of w.affected.values()) {
    if (shard.replicas.length === 0) continue;
    const missing = w.replicationFactor - shard.replicas.length - shard.jobs.length;
    if (missing > 0) remaining += missing * w.shardSizeBytes;
  }
  return remaining;
}
