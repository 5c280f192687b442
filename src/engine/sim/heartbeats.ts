import { healthMonitorMachine, type HealthMonitorEffect, type HealthMonitorEvent } from '../machines/health-monitor.machine';
import { stateOf, stepMachine, type EffectHandlers } from '../machines/machine-step';
import { carryOut } from './machine-timers';
import { readDetector, silenceDeadline } from '../failure-detector';
import { CONTROL_PLANE } from '../types';
import { sendFailoverEvent } from './failover';
import { refreshShards, shardsOfNodes } from './quorum';
import { forgetFailedSources, pumpCopies, replanWaitingShards } from './migrator';
import { beginResync, cancelResync, forgetRejoiningCopies } from './rejoin';
import { noteHeardFrom } from './hints';
import { heartbeatWords } from './heartbeat-words';
import { cpActing, cpListening, deathMayAct } from './control-plane/journal';
import { fmtMs, healthOf, isUp, record, schedule, unschedule, type NodeRow, type World } from './world';

/**
 * Heartbeats travel from each node to `cp` over the simulated network, and
 * the HealthMonitor turns silence into belief. Heartbeats themselves never
 * touch a machine while a node is ACTIVE; a lazily re-armed deadline per node
 * fires only when a threshold may have passed.
 */

export function startHeartbeats(w: World, node: NodeRow, firstAtMs: number): void {
  unschedule(w, node.heartbeatTimer);
  node.heartbeatTimer = schedule(w, firstAtMs, { type: 'heartbeat.tick', node: node.index });
}

/** The process stopped: its next heartbeat is taken off the clock. */
export function stopHeartbeats(w: World, node: NodeRow): void {
  unschedule(w, node.heartbeatTimer);
  node.heartbeatTimer = null;
}

export function onHeartbeatTick(w: World, nodeIndex: number): boolean {
  const node = w.nodes[nodeIndex];
  node.heartbeatTimer = schedule(w, w.nowMs + w.params.heartbeatIntervalMs, { type: 'heartbeat.tick', node: nodeIndex });
  if (!w.network.canSend(node.id, CONTROL_PLANE)) {
    record(w, node.id, 'heartbeat.dropped', `${node.id}'s heartbeat is dropped: the link ${node.id}→cp is cut.`, 'detail', {
      node: node.id,
    });
    return true;
  }
  const latency = w.network.latencyMs(node.id, CONTROL_PLANE);
  const id = w.heartbeats.nextId++;
  w.heartbeats.inFlight.set(id, { id, from: nodeIndex, sentAtMs: w.nowMs, arriveAtMs: w.nowMs + latency });
  schedule(w, w.nowMs + latency, { type: 'heartbeat.arrive', message: id });
  const words = heartbeatWords(node.id);
  record(w, node.id, 'heartbeat.sent', words.sent, 'detail', words.data);
  return true;
}

export function onHeartbeatArrive(w: World, messageId: number): boolean {
  const message = w.heartbeats.inFlight.get(messageId);
  if (!message) return false;
  w.heartbeats.inFlight.delete(messageId);
  const node = w.nodes[message.from];
  // A 3-member control plane between leaders: nobody is there to hear it (the next leader restarts the monitor).
  if (!cpListening(w)) {
    record(w, 'network', 'heartbeat.dropped', `${node.id}'s heartbeat reaches no control-plane leader: there is none until the election ends.`, 'detail', {
      node: node.id,
    });
    return true;
  }
  if (!w.network.canSend(node.id, CONTROL_PLANE)) {
    record(w, 'network', 'heartbeat.dropped', `${node.id}'s heartbeat was lost in flight: the link to cp was cut.`, 'detail', {
      node: node.id,
    });
    return true;
  }
  node.lastHeartbeatAtMs = w.nowMs;
  // Leaderless: a replica seen alive again ends its hint window and gets its hints (hints.ts).
  noteHeardFrom(w, node, message.sentAtMs);
  const words = heartbeatWords(node.id);
  record(w, CONTROL_PLANE, 'heartbeat.received', words.received, 'detail', words.data);
  if (healthOf(node) !== 'ACTIVE') sendMonitorEvent(w, node, { type: 'heartbeat.received' });
  return true;
}

/** Arms the node's silence deadline relative to its last heartbeat, replacing the one armed before. */
export function armMonitor(w: World, node: NodeRow): void {
  unschedule(w, node.monitorTimer);
  node.monitorTimer = null;
  const health = healthOf(node);
  if (health === 'DEAD') return;
  // The next belief the detector would reach from here, and when (failure-detector.ts).
  const deadline = silenceDeadline(health === 'SUSPECT' ? 'DEAD' : 'SUSPECT', node.lastHeartbeatAtMs, w.params);
  node.monitorTimer = schedule(w, deadline, { type: 'monitor.check', node: node.index });
}

export function onMonitorCheck(w: World, nodeIndex: number): boolean {
  const node = w.nodes[nodeIndex];
  node.monitorTimer = null;
  // No leader that has applied the journal: DEAD declarations pause; the new leader restarts the monitor (§8.3 step 7).
  if (!cpActing(w)) return true;
  const { belief } = readDetector(node.lastHeartbeatAtMs, w.nowMs, w.params);
  const health = healthOf(node);
  // The monitor steps one belief at a time: a node it trusts becomes SUSPECT before it can be DEAD.
  if (health === 'SUSPECT' && belief === 'DEAD') {
    sendMonitorEvent(w, node, { type: 'silence.deadThresholdPassed' });
  } else if (health !== 'SUSPECT' && belief !== 'ACTIVE') {
    sendMonitorEvent(w, node, { type: 'silence.suspectThresholdPassed' });
  } else {
    armMonitor(w, node);
  }
  return true;
}

export function sendMonitorEvent(w: World, node: NodeRow, event: HealthMonitorEvent): void {
  const step = stepMachine(healthMonitorMachine, node.monitor, event);
  if (!step.changed) return;
  const wasDead = healthOf(node) === 'DEAD';
  w.machines.note('healthMonitor', node.id, healthOf(node), stateOf(step.snapshot), event.type, w.nowMs);
  node.monitor = step.snapshot;
  w.nodesVersion++;
  // What cp believes decides failover: a primary declared DEAD is replaced; a returning voter may unblock an
  // election. SUSPECT changes nothing yet (cp still talks to a suspect), so those transitions skip the refresh.
  const matters = wasDead || healthOf(node) === 'DEAD' || healthOf(node) === 'ACTIVE';
  // Gathered first: declaring DEAD makes the router forget the node's shards.
  const touched = matters ? shardsOfNodes(w, [node]) : null;
  carryOut(w.timers, 'healthMonitor', node.id, step.effects, monitorHandlers, { w, node });
  armMonitor(w, node);
  if (touched) refreshShards(w, touched);
}

const silenceOf = (w: World, node: NodeRow): string => fmtMs(w.nowMs - node.lastHeartbeatAtMs);

/** The monitor's named effects: one handler each (a missing or misspelled one does not compile). */
const monitorHandlers: EffectHandlers<HealthMonitorEffect, { w: World; node: NodeRow }> = {
  announceSuspect: ({ w, node }) =>
    record(
      w,
      'monitor',
      'node.suspected',
      `${node.id} is SUSPECT: no heartbeat for ${silenceOf(w, node)}. It will be declared DEAD at ` +
        `${fmtMs(silenceDeadline('DEAD', node.lastHeartbeatAtMs, w.params))} unless it speaks up. It receives no new replicas meanwhile.`,
      'warn',
      { node: node.id },
    ),
  announceRecovered: ({ w, node }) => {
    record(w, 'monitor', 'node.recovered', `${node.id} is ACTIVE again: its heartbeat arrived while it was only SUSPECT.`, 'info', {
      node: node.id,
    });
    forgetFailedSources(w);
    // A shard that found no target while this node was SUSPECT can use it now.
    replanWaitingShards(w, `${node.id} is ACTIVE again`);
    pumpCopies(w);
  },
  declareDead: ({ w, node }) => {
    node.declaredDeadAtMs = w.nowMs;
    record(
      w,
      'monitor',
      'node.declaredDead',
      `${node.id} is declared DEAD after ${silenceOf(w, node)} of silence` +
        (isUp(node) ? ' — although its process is running: only its heartbeats are not getting through.' : '.'),
      'alert',
      { node: node.id },
    );
    // With a metadata journal the failover path starts once a majority of cp members hold the declaration.
    if (deathMayAct(w, node.id)) sendFailoverEvent(w, { type: 'node.declaredDead', node: node.id });
  },
  beginResync: ({ w, node }) => beginResync(w, node),
  abandonResync: ({ w, node }) => {
    cancelResync(w, node);
    forgetRejoiningCopies(w, node);
    node.declaredDeadAtMs = w.nowMs;
    record(w, 'monitor', 'node.rejoinAbandoned', `${node.id} went silent again before it finished rejoining: DEAD.`, 'warn', {
      node: node.id,
    });
    // A second death: the failover path runs for it again (copies already listed again must go, and the
    // shards that were waiting for its copies are planned by that path, after its grace period).
    sendFailoverEvent(w, { type: 'node.declaredDead', node: node.id });
  },
  announceRejoined: ({ w, node }) => {
    node.declaredDeadAtMs = null;
    // Its copies are settled: a later death must not claim shards its last path left waiting for them.
    w.failoverPath.leftToReturning.delete(node.index);
    // Only now: every copy it kept is listed again (rejoin.ts), and the belief below already reads ACTIVE.
    record(w, 'monitor', 'node.rejoined', `${node.id} has resynced and is ACTIVE: it can take new replicas again.`, 'info', {
      node: node.id,
    });
    forgetFailedSources(w);
    replanWaitingShards(w, `${node.id} has resynced and is ACTIVE again`);
    pumpCopies(w);
  },
};
