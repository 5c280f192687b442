import { replanWaitingShards } from '../migrator';
import { currentEvent } from './current';
import { record, setWaiting, type World } from '../world';

/**
 * Step 4, the fallback path: the targets step 3 computed are dropped, not
 * queued — nothing is copied, and every short shard says why.
 */
export function logFallback(w: World): void {
  const event = currentEvent(w);
  const reason = !w.failover.autoReReplicate
    ? 'autoReReplicate is off'
    : w.failoverPath.machine.context.migratorHasNodes
      ? 'the node returned'
      : 'the migrator has no registered nodes';
  const planned = w.failoverPath.plan;
  const plannedFor = new Map<number, number[]>();
  for (const p of planned) {
    w.nodes[p.target].incoming--;
    plannedFor.set(p.shard, [...(plannedFor.get(p.shard) ?? []), p.target]);
  }
  w.failoverPath.plan = [];
  if (event) event.fallbackReason = reason;
  let left = 0;
  for (const s of w.failoverPath.affectedShards) {
    const shard = w.shards[s];
    if (shard.machine === null || shard.machine.value === 'lost') continue;
    left++;
    const targets = plannedFor.get(s);
    if (!targets) {
      // Step 3 found no target: that reason (set then) still holds, and this one comes on top.
      setWaiting(shard, 'fallback', `not re-replicated: ${reason} (fallback: callback only)`);
      continue;
    }
    const names = targets.map((t) => w.nodes[t].id).join(' and ');
    setWaiting(shard, 'fallback', `not re-replicated: ${reason} (fallback: callback only; step 3 had planned ${names})`);
    // "Why this target" must not read as if the copy happened.
    const choice = w.migrator.explanations.get(s);
    if (choice && choice.target !== null && !choice.summary.startsWith('Planned at step 3'))
      w.migrator.explanations.set(s, { ...choice, summary: `Planned at step 3, never copied (${reason}): ${choice.summary}` });
  }
  const detail = reason === 'the migrator has no registered nodes' ? ' (failover.registeredNodes is empty)' : '';
  const outcome =
    planned.length > 0
      ? `so none of the ${planned.length} planned copies is made`
      : 'so nothing is copied (step 3 found no target anyway)';
  record(
    w,
    'failover',
    'failover.fallback',
    `Step 4: ${reason}${detail}, ${outcome}; the failover path only fires its callback. ` +
      `${left} shard(s) stay under-replicated until someone acts.`,
    'warn',
    { reason, shards: left, planned: planned.length },
  );
}

/** Step 5: the callback fires and the FailoverEvent is complete from the path's point of view. */
export function fireCallback(w: World): void {
  const event = currentEvent(w);
  if (event) event.callbackFiredAtMs = w.nowMs;
  record(
    w,
    'failover',
    'failover.callbackFired',
    `Step 5: the failover callback fires for ${event?.failedNode ?? '?'} ` +
      `(re-replication attempted: ${event?.reReplicationAttempted ? 'yes' : 'no'}).`,
    'info',
    { node: event?.failedNode },
  );
}

/**
 * The path is done with its node: while it ran, its shards were left to it
 * (step 3 plans them); now the migrator plans any still short and uncovered,
 * whatever happened meanwhile (the node came back and died again, a target
 * recovered while the path was busy).
 */
export function releaseShards(w: World): void {
  // Runs before the next queued node's step 1, so the last event is still this path's.
  const ended = currentEvent(w)?.failedNode ?? '?';
  w.failoverPath.affectedShards = [];
  replanWaitingShards(w, `the failover path for ${ended} has ended`);
}
