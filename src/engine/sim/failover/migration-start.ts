import { enqueueJob, planTarget } from '../migrator';
import { currentEvent } from './current';
import { record, setWaiting, type World } from '../world';

/**
 * Step 4, the migrator path: hand every planned copy to the rebuild queue. Returns true when a synchronous
 * path has nothing to wait for (its plan queued no copy): the manager finishes it at once, before the queue runs.
 */
export function queueMigration(w: World): boolean {
  const event = currentEvent(w);
  const index = w.failoverPath.events.length - 1;
  for (const p of w.failoverPath.plan) w.nodes[p.target].incoming--;
  let unknownTargets = 0;
  let noRegisteredTarget = 0;
  let queued = 0;
  // Targets still to be queued for each shard: a stand-in for an unknown target must not pick one of them.
  const plannedFor = new Map<number, number[]>();
  for (const p of w.failoverPath.plan) plannedFor.set(p.shard, [...(plannedFor.get(p.shard) ?? []), p.target]);
  for (const p of w.failoverPath.plan) {
    const shard = w.shards[p.shard];
    // A replica may have come back while the targets were being computed; skip what is no longer missing.
    if (shard.replicas.length === 0 || shard.replicas.length + shard.jobs.length >= w.replicationFactor) continue;
    let target = p.target;
    // An emergency repair between step 3 and now may have put the shard on the planned target itself.
    const alreadyThere = shard.replicas.includes(target) || shard.jobs.some((id) => w.migrator.jobs.get(id)?.target === target);
    if (alreadyThere || !w.nodes[target].registered) {
      // The migrator cannot copy to a node it does not know, nor to one that holds the shard: it picks again.
      if (!alreadyThere) unknownTargets++;
      const otherPlanned = (plannedFor.get(p.shard) ?? []).filter((t) => t !== p.target && w.nodes[t].registered);
      const choice = planTarget(w, shard, [], otherPlanned);
      if (choice.target === null) {
        noRegisteredTarget++;
        w.failoverPath.shardsUnplaced.set(index, (w.failoverPath.shardsUnplaced.get(index) ?? 0) + 1);
        setWaiting(shard, 'noTarget', `no eligible target: ${choice.summary}`);
        continue;
      }
      target = w.nodeIndexById.get(choice.target)!;
    }
    enqueueJob(w, shard, target, index);
    queued++;
  }
  w.failoverPath.plan = [];
  if (event) event.reReplicationAttempted = true;
  record(
    w,
    'failover',
    'failover.migrationStarted',
    (queued === 0
      ? 'Step 4: the migrator knows the nodes, but queues no copy.'
      : `Step 4: the migrator knows the nodes, so it starts copying` +
        (w.failover.asyncReReplicate
          ? ' in the background; the failover path moves on without waiting.'
          : ' and the failover path blocks until every copy has landed (asyncReReplicate is off).')) +
      (unknownTargets > 0
        ? ` ${unknownTargets} planned target(s) are not registered with the migrator, so it chose registered nodes instead` +
          (noRegisteredTarget > 0 ? `; for ${noRegisteredTarget} it found none.` : '.')
        : ''),
    noRegisteredTarget > 0 ? 'warn' : 'info',
  );
  if ((w.failoverPath.jobsOutstanding.get(index) ?? 0) === 0 && event) {
    event.completedAtMs = w.nowMs;
    event.reReplicationSucceeded = (w.failoverPath.shardsUnplaced.get(index) ?? 0) === 0;
    return !w.failover.asyncReReplicate;
  }
  return false;
}
