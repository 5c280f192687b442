import { sendJobEvent } from './job-machine';
import { record, unschedule, type CopyJob, type ShardRow, type World } from '../world';

/** A copy job's life in the world's rows: created queued, dropped when it ends (which may finish its failover). */

/**
 * The failover index of a copy the migrator planned on its own (a re-plan):
 * it belongs to no failover path, so it neither delays one nor finishes one.
 * (Counting it towards the latest path once told that path "complete" during
 * its grace period, before its step 4 had started any copy of its own.)
 */
export const NO_FAILOVER = -1;

export function enqueueJob(w: World, shard: ShardRow, target: number, failoverIndex: number, catchUp = false): CopyJob {
  const job: CopyJob = {
    id: w.migrator.nextJobId++,
    shard: shard.index,
    target,
    source: null,
    phase: 'queued',
    bytesDone: 0,
    rateBytesPerSec: 0,
    lastUpdateMs: w.nowMs,
    transferTimer: null,
    machine: w.migrator.copyJobStepper.initial(),
    machineLast: null,
    failoverIndex,
    avoidSources: [],
    avoidTargets: [],
    stalledSinceMs: null,
    sourceIncarnation: 0,
    targetIncarnation: 0,
    queueRank: null,
    catchUp,
  };
  w.migrator.jobs.set(job.id, job);
  // A snapshot catch-up adds no replica: the shard's own list (what it counts as copies under way) leaves it out.
  if (!catchUp) {
    shard.jobs.push(job.id);
    shard.waiting = null;
  }
  w.nodes[target].incoming++;
  w.failoverPath.jobsOutstanding.set(failoverIndex, (w.failoverPath.jobsOutstanding.get(failoverIndex) ?? 0) + 1);
  return job;
}

export function dropJob(w: World, job: CopyJob): void {
  if (job.machine.value !== 'committed') sendJobEvent(w, job, { type: 'copy.dropped' });
  unschedule(w, job.transferTimer);
  w.timers.cancelAll('copyJob', String(job.id));
  w.migrator.jobs.delete(job.id);
  const shard = w.shards[job.shard];
  shard.jobs = shard.jobs.filter((id) => id !== job.id);
  w.nodes[job.target].incoming--;
  const left = (w.failoverPath.jobsOutstanding.get(job.failoverIndex) ?? 1) - 1;
  w.failoverPath.jobsOutstanding.set(job.failoverIndex, left);
  if (left === 0) finishFailover(w, job.failoverIndex);
}

/**
 * Keeps a failover path open across a gap in its copies: a new control-plane leader stops copies it cannot vouch for
 * and plans those shards again; without the hold the last stopped copy would finish the path ("every copy it planned
 * has landed") while its shards are still short. Pair every hold with `releaseFailover`.
 */
export function holdFailover(w: World, failoverIndex: number): void {
  w.failoverPath.jobsOutstanding.set(failoverIndex, (w.failoverPath.jobsOutstanding.get(failoverIndex) ?? 0) + 1);
}

export function releaseFailover(w: World, failoverIndex: number): void {
  const left = (w.failoverPath.jobsOutstanding.get(failoverIndex) ?? 1) - 1;
  w.failoverPath.jobsOutstanding.set(failoverIndex, left);
  if (left === 0) finishFailover(w, failoverIndex);
}

/** A failover's last job ended: record the outcome, and unblock a synchronous failover path. */
function finishFailover(w: World, failoverIndex: number): void {
  const event = w.failoverPath.events[failoverIndex];
  // Only a path whose step 4 has handed over its copies can be finished by the last of them.
  if (!event || event.completedAtMs !== null || !event.reReplicationAttempted) return;
  event.completedAtMs = w.nowMs;
  event.reReplicationSucceeded = (w.failoverPath.shardsUnplaced.get(failoverIndex) ?? 0) === 0;
  record(
    w,
    'migrator',
    'migration.finished',
    event.reReplicationSucceeded
      ? `Re-replication after ${event.failedNode} died is complete: every copy it planned has landed.`
      : `Re-replication after ${event.failedNode} died ended with shards still missing a replica.`,
    event.reReplicationSucceeded ? 'info' : 'warn',
    { failedNode: event.failedNode, succeeded: event.reReplicationSucceeded },
  );
  w.hooks.migrationFinished(failoverIndex);
}

/** A snapshot catch-up of `target`'s copy of the shard (catch-up.ts), queued or running, if any. */
export function catchUpJobOf(w: World, shard: number, target: number): CopyJob | undefined {
  for (const job of w.migrator.jobs.values()) if (job.catchUp && job.shard === shard && job.target === target) return job;
  return undefined;
}

/** Copies of the shard under way (not merely queued). */
export function activeCount(w: World, shard: ShardRow): number {
  let n = 0;
  for (const id of shard.jobs) if (w.migrator.jobs.get(id)?.phase !== 'queued') n++;
  return n;
}
