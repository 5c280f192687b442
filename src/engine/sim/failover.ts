import {
  failoverManagerMachine,
  type FailoverManagerContext,
  type FailoverManagerEffect,
  type FailoverManagerEvent,
} from '../machines/failover-manager.machine';
import { stateOf, stepMachine, type EffectHandlers } from '../machines/machine-step';
import { carryOut, type MachineTimerEvent } from './machine-timers';
import type { FailoverEvent, TargetChoice } from '../types';
import { abortJobsTouching, enqueueJob, planTarget, pumpCopies, replanWaitingShards } from './migrator';
import { sendShardEvent } from './shard-events';
import { fmtMs, isUp, listSome, record, setWaiting, type World } from './world';

/**
 * The control plane's failover path (DESIGN.md §2, seed 000): the machine
 * decides the order; these functions are its named actions.
 */
export function sendFailoverEvent(w: World, event: FailoverManagerEvent | MachineTimerEvent['event']): void {
  const before = w.fm.context;
  const step = stepMachine(failoverManagerMachine, w.fm, event);
  if (step.changed) w.machines.note('failoverManager', 'fm', stateOf(w.fm), stateOf(step.snapshot), event.type, w.nowMs);
  w.fm = step.snapshot;
  carryOut(w.timers, 'failoverManager', 'fm', step.effects, failoverHandlers, w);
  if (event.type === 'config.changed') replanIfSwitchedOn(w, before);
}

/** Re-replication allowed again (switched on, or the migrator knows nodes again): shards left short are planned now. */
function replanIfSwitchedOn(w: World, before: FailoverManagerContext): void {
  const now = w.fm.context;
  if (!before.autoReReplicate && now.autoReReplicate) replanWaitingShards(w, 'autoReReplicate was switched on');
  else if (!before.migratorHasNodes && now.migratorHasNodes)
    replanWaitingShards(w, 'the migrator has registered nodes again (failover.registeredNodes)');
}

/** The failover path's named effects: one handler each (a missing or misspelled one does not compile). */
const failoverHandlers: EffectHandlers<FailoverManagerEffect, World> = {
  removeFromRouter: (w) => {
    const node = currentNode(w);
    if (node !== null) removeFromRouter(w, node);
  },
  removeFromCoordinator: (w) => {
    const node = currentNode(w);
    if (node !== null)
      record(
        w,
        'failover',
        'failover.coordinatorRemoved',
        `Step 2: the coordinator drops ${w.nodes[node].id}, so no query plan or new placement includes it.`,
        'info',
        { node: w.nodes[node].id },
      );
  },
  announceGrace: (w) =>
    record(
      w,
      'failover',
      'failover.graceStarted',
      `Waiting ${fmtMs(w.params.rehomeGraceMs)} before re-homing ${nodeName(w, currentNode(w))}'s shards, in case it is only a blip.`,
      'info',
    ),
  skipRehomingNodeReturned: (w) => {
    const node = currentNode(w);
    const event = currentEvent(w);
    if (event) event.fallbackReason = `${nodeName(w, node)} returned during the grace period`;
    record(
      w,
      'failover',
      'failover.graceSaved',
      `${nodeName(w, node)} came back during the grace period: nothing is re-homed; its own copies catch up instead.`,
      'info',
    );
    // The path will not plan these shards any more: say what they wait for now (the migrator plans any
    // still short once the path has ended or the node's copies are settled).
    for (const s of w.fmAffectedShards)
      if (w.shards[s].waiting?.kind === 'failoverPath')
        setWaiting(w.shards[s], 'needsPlan', `waiting for ${nodeName(w, node)}'s own copy to catch up (it came back in its grace period)`);
    // Should it die again before those copies are listed, its next path takes these shards back.
    if (node !== null) w.fmLeftToReturning.set(node, [...w.fmAffectedShards]);
  },
  computeTargets: (w) => computeTargets(w),
  startMigration: (w) => startMigration(w),
  logFallbackWarning: (w) => logFallback(w),
  fireCallback: (w) => fireCallback(w),
  releaseShards: (w) => releaseShards(w),
};

function currentNode(w: World): number | null {
  const id = w.fm.context.current;
  return id === null ? null : (w.nodeIndexById.get(id) ?? null);
}

function nodeName(w: World, node: number | null): string {
  return node === null ? '?' : w.nodes[node].id;
}

function currentEvent(w: World): FailoverEvent | undefined {
  return w.failoverEvents[w.failoverEvents.length - 1];
}

/** Step 1: the router forgets the node; every shard it held loses a replica in the router's view. */
function removeFromRouter(w: World, nodeIndex: number): void {
  const node = w.nodes[nodeIndex];
  const event: FailoverEvent = {
    failedNode: node.id,
    crashedAtMs: isUp(node) ? null : node.crashedAtMs,
    declaredDeadAtMs: node.declaredDeadAtMs ?? w.nowMs,
    detectionDelayMs:
      !isUp(node) && node.crashedAtMs !== null && node.declaredDeadAtMs !== null
        ? node.declaredDeadAtMs - node.crashedAtMs
        : null,
    targetsComputedAtMs: null,
    callbackFiredAtMs: null,
    completedAtMs: null,
    affectedShards: 0,
    targets: 0,
    reReplicationAttempted: false,
    reReplicationSucceeded: false,
    fallbackReason: null,
  };
  w.failoverEvents.push(event);
  // Its listed replicas, and the shards its last path left waiting for its copies (it died again first).
  const leftToIt = (w.fmLeftToReturning.get(nodeIndex) ?? []).filter(
    (s) => !node.placed.has(s) && w.affected.has(s) && w.shards[s].replicas.length + w.shards[s].jobs.length < w.replicationFactor,
  );
  w.fmLeftToReturning.delete(nodeIndex);
  const shards = [...new Set([...node.placed, ...leftToIt])].sort((a, b) => a - b);
  event.affectedShards = shards.length;
  w.fmAffectedShards = shards;
  let primariesLost = 0;
  for (const s of shards) {
    const shard = w.shards[s];
    if (shard.primary === nodeIndex) primariesLost++;
    shard.replicas = shard.replicas.filter((r) => r !== nodeIndex);
  }
  node.placed.clear();
  w.nodesVersion++;
  record(
    w,
    'failover',
    'failover.routerRemoved',
    `Step 1: the router drops ${node.id}. ${shards.length - leftToIt.length} shard(s) it held now have fewer than ` +
      `${w.replicationFactor} replicas` +
      (primariesLost > 0 ? `; ${primariesLost} of them had their primary there and need an election` : '') +
      '.' +
      (leftToIt.length > 0
        ? ` ${leftToIt.length} more were waiting for its copies to be listed again (${listSome(leftToIt.map((s) => w.shards[s].id))}); ` +
          'this path takes them back.'
        : ''),
    'warn',
    { node: node.id, shards: shards.length },
  );
  // Copies to or from a node the control plane gave up on are pointless now.
  abortJobsTouching(w, node, `${node.id} was declared DEAD`);
  for (const s of shards) {
    const shard = w.shards[s];
    sendShardEvent(w, shard, {
      type: 'replica.removed',
      copies: shard.replicas.length,
      copying: shard.jobs.filter((id) => w.jobs.get(id)?.phase !== 'queued').length,
    });
  }
  for (const s of shards) if (w.shards[s].machine?.value !== 'lost') explainWaiting(w, s, 'waiting for the failover path to compute targets');
}

function explainWaiting(w: World, shardIndex: number, reason: string): void {
  const shard = w.shards[shardIndex];
  // Set even when a copy is running: once it lands the shard may still be short, and this says why.
  if (shard.machine !== null) setWaiting(shard, 'failoverPath', reason);
}

/**
 * Step 3: pick a target for every missing replica, most endangered shards
 * first. This is the coordinator's placement (ZeptoDB computes
 * `{new_primary, new_replica}` from the ring): it does not ask whether the
 * migrator can copy there, or whether copying is switched on — step 4 does.
 */
function computeTargets(w: World): void {
  const event = currentEvent(w);
  const shards = w.fmAffectedShards
    .map((s) => w.shards[s])
    .filter((s) => s.replicas.length > 0 && s.machine !== null)
    .sort((a, b) => a.replicas.length - b.replicas.length || a.index - b.index);
  const plan: { shard: number; target: number }[] = [];
  const unplaced: TargetChoice[] = [];
  let relaxed = 0;
  let considered = 0;
  for (const shard of shards) {
    let missing = w.replicationFactor - shard.replicas.length - shard.jobs.length;
    if (missing > 0) considered++;
    const planned: number[] = [];
    while (missing-- > 0) {
      // Plan as if the earlier targets of this round were already incoming.
      const choice = planTarget(w, shard, [], planned, false);
      const target = choice.target === null ? -1 : w.nodeIndexById.get(choice.target)!;
      if (target < 0) {
        unplaced.push(choice);
        setWaiting(shard, 'noTarget', `no eligible target: ${choice.summary}`);
        break;
      }
      if (choice.rackRuleRelaxed) relaxed++;
      // Count it as incoming now so the next shard's choice sees the load.
      w.nodes[target].incoming++;
      planned.push(target);
      plan.push({ shard: shard.index, target });
    }
  }
  w.fmPlan = plan;
  if (event) {
    event.targetsComputedAtMs = w.nowMs;
    event.targets = plan.length;
    w.failoverShardsUnplaced.set(w.failoverEvents.length - 1, unplaced.length);
  }
  record(
    w,
    'failover',
    'failover.targetsComputed',
    describePlan(w, plan, unplaced, relaxed, considered),
    relaxed > 0 || unplaced.length > 0 ? 'warn' : 'info',
    { planned: plan.length, relaxed, unplaced: unplaced.length },
  );
}

/** Step 3 in words: how many targets, on which nodes, a few examples — or why there are none. */
function describePlan(
  w: World,
  plan: readonly { shard: number; target: number }[],
  unplaced: readonly TargetChoice[],
  relaxed: number,
  considered: number,
): string {
  const noTarget = unplaced.length > 0 ? `for example, ${unplaced[0].summary}` : '';
  if (plan.length === 0) {
    return considered === 0
      ? 'Step 3: nothing to plan: every affected shard is lost or already has its copies queued.'
      : considered === 1
        ? `Step 3: no new replica can be planned: ${unplaced[0]?.summary ?? 'no eligible node'}.`
        : `Step 3: no new replica can be planned for any of the ${considered} shard(s): ${noTarget}.`;
  }
  const perNode = new Map<number, number>();
  for (const p of plan) perNode.set(p.target, (perNode.get(p.target) ?? 0) + 1);
  const counts = [...perNode]
    .sort(([a], [b]) => a - b)
    .map(([node, n]) => `${w.nodes[node].id} ${n}`)
    .join(', ');
  const examples = plan
    .slice(0, 3)
    .map((p) => `${w.shards[p.shard].id} → ${w.nodes[p.target].id}`)
    .join(', ');
  return (
    `Step 3: ${plan.length} new replica(s) planned across ${perNode.size} node(s) (${counts}), e.g. ${examples}. ` +
    'Each goes to an ACTIVE node that lacks the shard, in a rack without a copy where possible, least loaded first.' +
    (relaxed > 0 ? ` For ${relaxed} replica(s) no rack-diverse node existed, so the rack rule was relaxed.` : '') +
    (unplaced.length > 0 ? ` ${unplaced.length} shard(s) have no eligible node: ${noTarget}.` : '')
  );
}

/** Step 4, the migrator path: hand every planned copy to the rebuild queue. */
function startMigration(w: World): void {
  const event = currentEvent(w);
  const index = w.failoverEvents.length - 1;
  for (const p of w.fmPlan) w.nodes[p.target].incoming--;
  let unknownTargets = 0;
  let noRegisteredTarget = 0;
  let queued = 0;
  // Targets still to be queued for each shard: a stand-in for an unknown target must not pick one of them.
  const plannedFor = new Map<number, number[]>();
  for (const p of w.fmPlan) plannedFor.set(p.shard, [...(plannedFor.get(p.shard) ?? []), p.target]);
  for (const p of w.fmPlan) {
    const shard = w.shards[p.shard];
    // A replica may have come back while the targets were being computed; skip what is no longer missing.
    if (shard.replicas.length === 0 || shard.replicas.length + shard.jobs.length >= w.replicationFactor) continue;
    let target = p.target;
    if (!w.nodes[target].registered) {
      // The migrator cannot copy to a node it does not know: it picks among the nodes it does.
      unknownTargets++;
      const otherPlanned = (plannedFor.get(p.shard) ?? []).filter((t) => t !== p.target && w.nodes[t].registered);
      const choice = planTarget(w, shard, [], otherPlanned);
      if (choice.target === null) {
        noRegisteredTarget++;
        w.failoverShardsUnplaced.set(index, (w.failoverShardsUnplaced.get(index) ?? 0) + 1);
        setWaiting(shard, 'noTarget', `no eligible target: ${choice.summary}`);
        continue;
      }
      target = w.nodeIndexById.get(choice.target)!;
    }
    enqueueJob(w, shard, target, index);
    queued++;
  }
  w.fmPlan = [];
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
  if ((w.failoverJobsOutstanding.get(index) ?? 0) === 0 && event) {
    event.completedAtMs = w.nowMs;
    event.reReplicationSucceeded = (w.failoverShardsUnplaced.get(index) ?? 0) === 0;
    if (!w.failover.asyncReReplicate) queueMicroFinish(w);
  }
  pumpCopies(w);
}

/** A synchronous failover whose plan was empty finishes at once. */
function queueMicroFinish(w: World): void {
  sendFailoverEvent(w, { type: 'migration.finished' });
}

/**
 * Step 4, the fallback path: the targets step 3 computed are dropped, not
 * queued — nothing is copied, and every short shard says why.
 */
function logFallback(w: World): void {
  const event = currentEvent(w);
  const reason = !w.failover.autoReReplicate
    ? 'autoReReplicate is off'
    : w.fm.context.migratorHasNodes
      ? 'the node returned'
      : 'the migrator has no registered nodes';
  const planned = w.fmPlan;
  const plannedFor = new Map<number, number[]>();
  for (const p of planned) {
    w.nodes[p.target].incoming--;
    plannedFor.set(p.shard, [...(plannedFor.get(p.shard) ?? []), p.target]);
  }
  w.fmPlan = [];
  if (event) event.fallbackReason = reason;
  let left = 0;
  for (const s of w.fmAffectedShards) {
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
    const choice = w.explanations.get(s);
    if (choice && choice.target !== null && !choice.summary.startsWith('Planned at step 3'))
      w.explanations.set(s, { ...choice, summary: `Planned at step 3, never copied (${reason}): ${choice.summary}` });
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
function fireCallback(w: World): void {
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
function releaseShards(w: World): void {
  // Runs before the next queued node's step 1, so the last event is still this path's.
  const ended = currentEvent(w)?.failedNode ?? '?';
  w.fmAffectedShards = [];
  replanWaitingShards(w, `the failover path for ${ended} has ended`);
}

/** Wires the migrator's "all copies done" signal back into a synchronous failover path. */
/** A failover's last copy ended (the migrator tells it through w.hooks): a synchronous path waiting for it moves on. */
export function onMigrationFinished(w: World, failoverIndex: number): void {
  const current = w.fm.context.current;
  const event = w.failoverEvents[failoverIndex];
  if (w.fm.value === 'migrating' && event && current === event.failedNode) {
    sendFailoverEvent(w, { type: 'migration.finished' });
  }
}
