import { failoverManagerMachine, type FailoverManagerEvent } from '../machines/failover-manager.machine';
import { stepMachine } from '../machines/machine-step';
import type { FailoverEvent } from '../types';
import { abortJobsTouching, enqueueJob, planTarget, pumpCopies } from './rebuild';
import { fmtMs, sendShardEvent } from './shard-events';
import { isUp, record, schedule, setWaiting, type World } from './world';

/**
 * The control plane's failover path (DESIGN.md §2, seed 000): the machine
 * decides the order; these functions are its named actions.
 */
export function sendFailoverEvent(w: World, event: FailoverManagerEvent): void {
  const step = stepMachine(failoverManagerMachine, w.fm, event);
  w.fm = step.snapshot;
  for (const action of step.actions) runAction(w, action.type);
}

function runAction(w: World, type: string): void {
  const node = currentNode(w);
  switch (type) {
    case 'scheduleStep':
      w.fmGeneration++;
      schedule(w, w.nowMs + w.params.controlPlaneStepMs, { type: 'failover.stepDone', generation: w.fmGeneration });
      return;
    case 'removeFromRouter':
      if (node !== null) removeFromRouter(w, node);
      return;
    case 'removeFromCoordinator':
      if (node !== null)
        record(
          w,
          'failover',
          'failover.coordinatorRemoved',
          `Step 2: the coordinator drops ${w.nodes[node].id}, so no query plan or new placement includes it.`,
          'info',
          { node: w.nodes[node].id },
        );
      return;
    case 'startGraceTimer':
      w.fmGeneration++;
      schedule(w, w.nowMs + w.params.rehomeGraceMs, { type: 'failover.graceElapsed', generation: w.fmGeneration });
      record(
        w,
        'failover',
        'failover.graceStarted',
        `Waiting ${fmtMs(w.params.rehomeGraceMs)} before re-homing ${nodeName(w, node)}'s shards, in case it is only a blip.`,
        'info',
      );
      return;
    case 'skipRehomingNodeReturned': {
      const event = currentEvent(w);
      if (event) event.fallbackReason = `${nodeName(w, node)} returned during the grace period`;
      record(
        w,
        'failover',
        'failover.graceSaved',
        `${nodeName(w, node)} came back during the grace period: nothing is re-homed; its own copies catch up instead.`,
        'info',
      );
      return;
    }
    case 'computeTargets':
      computeTargets(w);
      return;
    case 'startMigration':
      startMigration(w);
      return;
    case 'logFallbackWarning':
      logFallback(w);
      return;
    case 'fireCallback':
      fireCallback(w);
      return;
  }
}

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
  const shards = [...node.placed].sort((a, b) => a - b);
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
    `Step 1: the router drops ${node.id}. ${shards.length} shard(s) it held now have fewer than ` +
      `${w.replicationFactor} replicas` +
      (primariesLost > 0 ? `; ${primariesLost} of them had their primary there and need an election` : '') +
      '.',
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

/** Step 3: pick a target for every missing replica, most endangered shards first. */
function computeTargets(w: World): void {
  const event = currentEvent(w);
  const shards = w.fmAffectedShards
    .map((s) => w.shards[s])
    .filter((s) => s.replicas.length > 0 && s.machine !== null)
    .sort((a, b) => a.replicas.length - b.replicas.length || a.index - b.index);
  const plan: { shard: number; target: number }[] = [];
  let unplaced = 0;
  let relaxed = 0;
  for (const shard of shards) {
    let missing = w.replicationFactor - shard.replicas.length - shard.jobs.length;
    const planned: number[] = [];
    while (missing-- > 0) {
      // Plan as if the earlier targets of this round were already incoming.
      const choice = planTarget(w, shard, [], planned);
      const target = choice.target === null ? -1 : w.nodeIndexById.get(choice.target)!;
      if (target < 0) {
        unplaced++;
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
  }
  if (event) w.failoverShardsUnplaced.set(w.failoverEvents.length - 1, unplaced);
  const perNode = new Map<string, number>();
  for (const p of plan) perNode.set(w.nodes[p.target].id, (perNode.get(w.nodes[p.target].id) ?? 0) + 1);
  record(
    w,
    'failover',
    'failover.targetsComputed',
    `Step 3: ${plan.length} new replica(s) planned across ${perNode.size} node(s) (` +
      [...perNode].map(([id, n]) => `${id} ${n}`).join(', ') +
      `). Each goes to an ACTIVE node that lacks the shard, in a rack without a copy where possible, least loaded first.` +
      (relaxed > 0 ? ` For ${relaxed} replica(s) no rack-diverse node existed, so the rack rule was relaxed.` : '') +
      (unplaced > 0 ? ` ${unplaced} shard(s) have no eligible node at all.` : ''),
    relaxed > 0 || unplaced > 0 ? 'warn' : 'info',
    { planned: plan.length, relaxed, unplaced },
  );
}

/** Step 4, the migrator path: hand every planned copy to the rebuild queue. */
function startMigration(w: World): void {
  const event = currentEvent(w);
  const index = w.failoverEvents.length - 1;
  for (const p of w.fmPlan) w.nodes[p.target].incoming--;
  for (const p of w.fmPlan) {
    const shard = w.shards[p.shard];
    // A replica may have come back while the targets were being computed; skip what is no longer missing.
    if (shard.replicas.length === 0 || shard.replicas.length + shard.jobs.length >= w.replicationFactor) continue;
    enqueueJob(w, shard, p.target, index);
  }
  w.fmPlan = [];
  if (event) event.reReplicationAttempted = true;
  record(
    w,
    'failover',
    'failover.migrationStarted',
    `Step 4: the migrator knows the nodes, so it starts copying` +
      (w.failover.asyncReReplicate
        ? ' in the background; the failover path moves on without waiting.'
        : ' and the failover path blocks until every copy has landed (asyncReReplicate is off).'),
    'info',
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

/** Step 4, the fallback path: nothing is copied, and the shards say why. */
function logFallback(w: World): void {
  const event = currentEvent(w);
  const reason = !w.failover.autoReReplicate
    ? 'autoReReplicate is off'
    : w.fm.context.migratorHasNodes
      ? 'the node returned'
      : 'the migrator has no registered nodes';
  for (const p of w.fmPlan) w.nodes[p.target].incoming--;
  w.fmPlan = [];
  if (event) event.fallbackReason = reason;
  let left = 0;
  for (const s of w.fmAffectedShards) {
    const shard = w.shards[s];
    if (shard.machine !== null && shard.machine.value !== 'lost') {
      setWaiting(shard, 'fallback', `not re-replicated: ${reason} (fallback: callback only)`);
      left++;
    }
  }
  record(
    w,
    'failover',
    'failover.fallback',
    `Step 4: ${reason}, so no data is copied; the failover path only fires its callback. ` +
      `${left} shard(s) stay under-replicated until someone acts.`,
    'warn',
    { reason, shards: left },
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

/** Wires the migrator's "all copies done" signal back into a synchronous failover path. */
export function installFailoverHooks(w: World): void {
  w.onMigrationFinished = (failoverIndex) => {
    const current = w.fm.context.current;
    const event = w.failoverEvents[failoverIndex];
    if (w.fm.value === 'migrating' && event && current === event.failedNode) {
      sendFailoverEvent(w, { type: 'migration.finished' });
    }
  };
}
