import {
  failoverManagerMachine,
  type FailoverManagerContext,
  type FailoverManagerEffect,
  type FailoverManagerEvent,
} from '../../machines/failover-manager.machine';
import { stateOf, stepMachine, type EffectHandlers } from '../../machines/machine-step';
import { carryOut, type MachineTimerEvent } from '../machine-timers';
import { pumpCopies, replanWaitingShards } from '../migrator';
import { currentEvent, currentNode, nodeName } from './current';
import { fireCallback, logFallback, releaseShards } from './fallback';
import { queueMigration } from './migration-start';
import { removeFromRouter } from './router-removal';
import { computeTargets } from './target-plan';
import { fmtMs, record, setWaiting, type World } from '../world';

/** Feeds the failover-manager machine, which decides the order, and carries out the actions it names. */
export function sendFailoverEvent(w: World, event: FailoverManagerEvent | MachineTimerEvent['event']): void {
  const before = w.failoverPath.machine.context;
  const step = stepMachine(failoverManagerMachine, w.failoverPath.machine, event);
  if (step.changed) w.machines.note('failoverManager', 'fm', stateOf(w.failoverPath.machine), stateOf(step.snapshot), event.type, w.nowMs);
  w.failoverPath.machine = step.snapshot;
  carryOut(w.timers, 'failoverManager', 'fm', step.effects, failoverHandlers, w);
  if (event.type === 'config.changed') replanIfSwitchedOn(w, before);
}

/** Re-replication allowed again (switched on, or the migrator knows nodes again): shards left short are planned now. */
function replanIfSwitchedOn(w: World, before: FailoverManagerContext): void {
  const now = w.failoverPath.machine.context;
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
    for (const s of w.failoverPath.affectedShards)
      if (w.shards[s].waiting?.kind === 'failoverPath')
        setWaiting(w.shards[s], 'needsPlan', `waiting for ${nodeName(w, node)}'s own copy to catch up (it came back in its grace period)`);
    // Should it die again before those copies are listed, its next path takes these shards back.
    if (node !== null) w.failoverPath.leftToReturning.set(node, [...w.failoverPath.affectedShards]);
  },
  computeTargets: (w) => computeTargets(w),
  startMigration: (w) => {
    // A synchronous failover whose plan was empty finishes at once.
    if (queueMigration(w)) sendFailoverEvent(w, { type: 'migration.finished' });
    pumpCopies(w);
  },
  logFallbackWarning: (w) => logFallback(w),
  fireCallback: (w) => fireCallback(w),
  releaseShards: (w) => releaseShards(w),
};

/** A failover's last copy ended (the migrator tells it through w.hooks): a synchronous path waiting for it moves on. */
export function onMigrationFinished(w: World, failoverIndex: number): void {
  const current = w.failoverPath.machine.context.current;
  const event = w.failoverPath.events[failoverIndex];
  if (w.failoverPath.machine.value === 'migrating' && event && current === event.failedNode) {
    sendFailoverEvent(w, { type: 'migration.finished' });
  }
}
