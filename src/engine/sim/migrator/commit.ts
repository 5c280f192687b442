import { copyCommitAllowed } from '../control-plane/journal';
import { completeCatchUp, refreshShard } from '../quorum';
import { clearCorruption } from '../corruption-state';
import { copyReplicaKeys } from '../divergence-rehome';
import { sendShardEvent } from '../shard-events';
import { sendJobEvent } from './job-machine';
import { activeCount, dropJob } from './jobs';
import { replanWaitingShards } from './replan';
import { pumpCopies } from './start-copies';
import { stallStream, streamAlive } from './streams';
import { rebalanceRates, setTransfer, settle } from './transfer';
import { formatBytes, isUp, record, setReplicas, setWaiting, sourceOf, type CopyJob, type NodeRow, type ShardRow, type World } from '../world';

/** A copy's two completions: the snapshot has landed, then the log tail has caught up and the router lists the replica. */

export function onSnapshotDone(w: World, jobId: number): boolean {
  const job = w.migrator.jobs.get(jobId);
  if (!job) return false;
  job.transferTimer = null;
  settle(w, job);
  // Floating-point dust: the scheduled time was rounded up, so the snapshot is whole.
  const dust = w.shardSizeBytes - job.bytesDone;
  job.bytesDone = w.shardSizeBytes;
  w.migrator.bytesMoved += dust;
  w.migrator.bytesInByNode[job.target] += dust;
  w.migrator.bytesOutByNode[sourceOf(job)] += dust;
  sendJobEvent(w, job, { type: 'snapshot.copied' });
  releaseSlots(w, job);
  const source = w.nodes[sourceOf(job)];
  const target = w.nodes[job.target];
  const shard = w.shards[job.shard];
  // Tailing the log takes a round trip plus the entries written since the snapshot.
  const tailMs = 2 * w.network.latencyMs(source.id, target.id);
  record(
    w,
    'migrator',
    'copy.snapshotCopied',
    `${target.id} has the snapshot of ${shard.id}; it now tails ${source.id}'s log up to LSN ${shard.lsn}.`,
    'info',
    { shard: shard.id, source: source.id, target: target.id },
  );
  setTransfer(w, job, w.nowMs + tailMs, 'copy.caughtUp');
  // Copies that finish in the same millisecond free their slots together: the last of them starts the next
  // copies, so the pairing of free ends (start-copies.ts) sees every free node at once rather than one at a time.
  const next = w.queue.peek();
  if (next?.timeMs !== w.nowMs || next.event.type !== 'copy.snapshotDone') pumpCopies(w);
  return true;
}

export function onCaughtUp(w: World, jobId: number): boolean {
  const job = w.migrator.jobs.get(jobId);
  // A stalled tail never completes: stalling took its completion off the clock (a resumed stream tails anew).
  if (!job) return false;
  job.transferTimer = null;
  const shard = w.shards[job.shard];
  const target = w.nodes[job.target];
  const source = w.nodes[sourceOf(job)];
  if (!streamAlive(w, job)) {
    stallStream(w, job);
    return true;
  }
  // With a metadata journal the router lists the copy only once its commit is held by a majority of cp members.
  if (!copyCommitAllowed(w, job)) return true;
  sendJobEvent(w, job, { type: 'tail.caughtUp' });
  // A fresh copy (a new replica, or a snapshot catch-up replacing an old one): any rot the old data had is gone.
  clearCorruption(w.corruption, target.index, shard.index);
  // Leaderless: the copy holds what its source held, key by key, stale keys included (divergence-rehome.ts).
  copyReplicaKeys(w, shard.index, source.index, target.index);
  if (job.catchUp) {
    // A snapshot catch-up: the returning copy now holds the snapshot and the tail; the job adds no replica.
    const reached = logTailLsn(w, shard, source, target);
    dropJob(w, job);
    completeCatchUp(w, shard.index, target.index, reached, `a ${formatBytes(w.shardSizeBytes)} snapshot from ${source.id}, then the log tail`, source.id);
    return true;
  }
  // A new list, not a push: replica-rows.ts trusts a list it has seen to stay as it was.
  setReplicas(shard, [...shard.replicas, target.index]);
  target.placed.add(shard.index);
  const lsn = logTailLsn(w, shard, source, target);
  target.disk.set(shard.index, lsn);
  w.migrator.targetsByNode[target.index]++;
  const complete = lsn === shard.lsn;
  record(
    w,
    'router',
    'copy.committed',
    `${target.id} caught up on ${shard.id} (LSN ${lsn}); the router now lists it: ${shard.id} has ` +
      `${shard.replicas.length} of ${w.replicationFactor} replicas.` +
      (complete
        ? ''
        : ` It lacks acknowledged writes up to LSN ${shard.lsn} (no reachable primary to stream them), so it does not vote until it has them.`),
    'info',
    { shard: shard.id, source: source.id, target: target.id, copies: shard.replicas.length, lsn },
  );

  // This job still counts as active until dropped, hence the minus one.
  sendShardEvent(w, shard, { type: 'copy.committed', copies: shard.replicas.length, copying: activeCount(w, shard) - 1 });
  // Only now is the job over; if it was its failover's last, that failover is finished.
  dropJob(w, job);
  refreshShard(w, shard);
  if (shard.machine !== null && shard.jobs.length === 0 && shard.replicas.length < w.replicationFactor) {
    if (shard.waiting === null) setWaiting(shard, 'needsPlan', 'still short of replicas after a copy landed');
    replanWaitingShards(w, `a copy of ${shard.id} landed and it is still short of replicas`);
  }
  return true;
}

/** The snapshot came from the source; the log tail comes from the primary when it can reach the target. */
function logTailLsn(w: World, shard: ShardRow, source: NodeRow, target: NodeRow): number {
  const fromSource = source.disk.get(shard.index) ?? 0;
  if (shard.primary === null) return fromSource;
  const primary = w.nodes[shard.primary];
  const reachable = primary === target || (isUp(primary) && w.network.connected(primary.id, target.id));
  return reachable ? Math.max(fromSource, primary.disk.get(shard.index) ?? 0) : fromSource;
}

function releaseSlots(w: World, job: CopyJob): void {
  if (job.source === null) return;
  const source = w.nodes[job.source];
  const target = w.nodes[job.target];
  if (job.phase === 'snapshot' || job.phase === 'catchingUp') {
    source.activeOut--;
    target.activeIn--;
  }
  rebalanceRates(w, new Set([source.index, target.index]));
}
