import { healthMonitorMachine, type HealthMonitorEvent } from '../machines/health-monitor.machine';
import { stepMachine } from '../machines/machine-step';
import { PROFILES } from '../profiles';
import { CONTROL_PLANE } from '../types';
import { sendFailoverEvent } from './failover';
import { refreshShards, shardsOfNodes } from './quorum';
import { cancelJob, forgetFailedSources, pumpCopies, replanWaitingShards } from './rebuild';
import { fmtMs, sendShardEvent } from './shard-events';
import { healthOf, isUp, listSome, record, schedule, type NodeRow, type ShardRow, type World } from './world';

/**
 * Heartbeats travel from each node to `cp` over the simulated network, and
 * the HealthMonitor turns silence into belief. Heartbeats themselves never
 * touch a machine while a node is ACTIVE; a lazily re-armed deadline per node
 * fires only when a threshold may have passed.
 */

export function startHeartbeats(w: World, node: NodeRow, firstAtMs: number): void {
  schedule(w, firstAtMs, { type: 'heartbeat.tick', node: node.index, incarnation: node.incarnation });
}

export function onHeartbeatTick(w: World, nodeIndex: number, incarnation: number): boolean {
  const node = w.nodes[nodeIndex];
  if (node.incarnation !== incarnation || !isUp(node)) return false;
  schedule(w, w.nowMs + w.params.heartbeatIntervalMs, { type: 'heartbeat.tick', node: nodeIndex, incarnation });
  if (!w.network.canSend(node.id, CONTROL_PLANE)) {
    record(w, node.id, 'heartbeat.dropped', `${node.id}'s heartbeat is dropped: the link ${node.id}→cp is cut.`, 'detail', {
      node: node.id,
    });
    return true;
  }
  const latency = w.network.latencyMs(node.id, CONTROL_PLANE);
  const id = w.nextMessageId++;
  w.messages.set(id, { id, from: nodeIndex, sentAtMs: w.nowMs, arriveAtMs: w.nowMs + latency });
  schedule(w, w.nowMs + latency, { type: 'heartbeat.arrive', message: id });
  record(w, node.id, 'heartbeat.sent', `${node.id} sends a heartbeat to cp.`, 'detail', { node: node.id });
  return true;
}

export function onHeartbeatArrive(w: World, messageId: number): boolean {
  const message = w.messages.get(messageId);
  if (!message) return false;
  w.messages.delete(messageId);
  const node = w.nodes[message.from];
  if (!w.network.canSend(node.id, CONTROL_PLANE)) {
    record(w, 'network', 'heartbeat.dropped', `${node.id}'s heartbeat was lost in flight: the link to cp was cut.`, 'detail', {
      node: node.id,
    });
    return true;
  }
  node.lastHeartbeatAtMs = w.nowMs;
  record(w, CONTROL_PLANE, 'heartbeat.received', `cp hears from ${node.id}.`, 'detail', { node: node.id });
  if (healthOf(node) !== 'ACTIVE') sendMonitorEvent(w, node, { type: 'heartbeat.received' });
  return true;
}

/** Arms the node's silence deadline relative to its last heartbeat. */
export function armMonitor(w: World, node: NodeRow): void {
  node.monitorGeneration++;
  const health = healthOf(node);
  if (health === 'DEAD') return;
  const threshold = health === 'SUSPECT' ? w.params.deadAfterMs : w.params.suspectAfterMs;
  schedule(w, node.lastHeartbeatAtMs + threshold, {
    type: 'monitor.check',
    node: node.index,
    generation: node.monitorGeneration,
  });
}

export function onMonitorCheck(w: World, nodeIndex: number, generation: number): boolean {
  const node = w.nodes[nodeIndex];
  if (node.monitorGeneration !== generation) return false;
  const silenceMs = w.nowMs - node.lastHeartbeatAtMs;
  const health = healthOf(node);
  if (health === 'SUSPECT' && silenceMs >= w.params.deadAfterMs) {
    sendMonitorEvent(w, node, { type: 'silence.deadThresholdPassed' });
  } else if (health !== 'SUSPECT' && silenceMs >= w.params.suspectAfterMs) {
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
  node.monitor = step.snapshot;
  w.nodesVersion++;
  // What cp believes decides failover: a primary declared DEAD is replaced; a returning voter may unblock an
  // election. SUSPECT changes nothing yet (cp still talks to a suspect), so those transitions skip the refresh.
  const matters = wasDead || healthOf(node) === 'DEAD' || healthOf(node) === 'ACTIVE';
  // Gathered first: declaring DEAD makes the router forget the node's shards.
  const touched = matters ? shardsOfNodes(w, [node]) : null;
  for (const action of step.actions) runMonitorAction(w, node, action.type);
  armMonitor(w, node);
  if (touched) refreshShards(w, touched);
}

function runMonitorAction(w: World, node: NodeRow, type: string): void {
  const silence = fmtMs(w.nowMs - node.lastHeartbeatAtMs);
  switch (type) {
    case 'announceSuspect':
      record(
        w,
        'monitor',
        'node.suspected',
        `${node.id} is SUSPECT: no heartbeat for ${silence}. It will be declared DEAD at ` +
          `${fmtMs(node.lastHeartbeatAtMs + w.params.deadAfterMs)} unless it speaks up. It receives no new replicas meanwhile.`,
        'warn',
        { node: node.id },
      );
      return;
    case 'announceRecovered':
      record(w, 'monitor', 'node.recovered', `${node.id} is ACTIVE again: its heartbeat arrived while it was only SUSPECT.`, 'info', {
        node: node.id,
      });
      forgetFailedSources(w);
      pumpCopies(w);
      return;
    case 'declareDead':
      node.declaredDeadAtMs = w.nowMs;
      record(
        w,
        'monitor',
        'node.declaredDead',
        `${node.id} is declared DEAD after ${silence} of silence` +
          (isUp(node) ? ' — although its process is running: only its heartbeats are not getting through.' : '.'),
        'alert',
        { node: node.id },
      );
      sendFailoverEvent(w, { type: 'node.declaredDead', node: node.id });
      return;
    case 'beginResync':
      beginResync(w, node);
      return;
    case 'abandonResync':
      node.resyncGeneration++;
      node.declaredDeadAtMs = w.nowMs;
      record(w, 'monitor', 'node.rejoinAbandoned', `${node.id} went silent again before it finished rejoining: DEAD.`, 'warn', {
        node: node.id,
      });
      return;
    case 'announceRejoined':
      node.declaredDeadAtMs = null;
      record(w, 'monitor', 'node.rejoined', `${node.id} has resynced and is ACTIVE: it can take new replicas again.`, 'info', {
        node: node.id,
      });
      forgetFailedSources(w);
      replanWaitingShards(w);
      pumpCopies(w);
      return;
  }
}

/**
 * A DEAD node spoke again. Its disk may still hold shards: those already
 * re-homed elsewhere are stale and discarded; those still missing a replica
 * catch up from the log and rejoin the placement when resync ends.
 */
function beginResync(w: World, node: NodeRow): void {
  sendFailoverEvent(w, { type: 'node.rejoined', node: node.id });
  const stale: string[] = [];
  const keep: string[] = [];
  for (const [s] of [...node.disk]) {
    const shard = w.shards[s];
    if (shard.replicas.includes(node.index)) continue;
    if (shard.replicas.length + runningCopies(w, s) >= w.replicationFactor && !holdsNewerWrites(w, shard, node)) {
      stale.push(shard.id);
      node.disk.delete(s);
    } else keep.push(shard.id);
  }
  node.resyncGeneration++;
  const resyncMs = 2 * w.network.latencyMs(node.id, CONTROL_PLANE) + w.params.controlPlaneStepMs;
  const rule = w.scenario.profile ? PROFILES[w.scenario.profile] : null;
  schedule(w, w.nowMs + resyncMs, { type: 'resync.done', node: node.index, generation: node.resyncGeneration });
  record(
    w,
    'monitor',
    'node.rejoining',
    `${node.id} is heard from again after being declared DEAD: REJOINING. ` +
      (stale.length > 0
        ? `${stale.length} copy(ies) on its disk are stale (already re-homed) and are discarded (${listSome(stale)})` +
          `${rule ? ` — ${rule.returnAfterRehome}` : ''}. `
        : '') +
      (keep.length > 0
        ? `${keep.length} shard(s) still need it and will catch up from the log (${listSome(keep)})` +
          `${rule ? ` — ${rule.returnWithoutRehome}` : ''}.`
        : ''),
    'info',
    { node: node.id, stale: stale.length, catchUp: keep.length, profile: w.scenario.profile },
  );
}

/**
 * Does the returning copy hold acknowledged writes that no replica the router
 * lists has? Then it must never be discarded as stale, whatever the replica count.
 */
function holdsNewerWrites(w: World, shard: ShardRow, node: NodeRow): boolean {
  const lsn = node.disk.get(shard.index) ?? 0;
  return shard.replicas.every((r) => (w.nodes[r].disk.get(shard.index) ?? -1) < lsn);
}

/** Above RF after a fresher copy returned: the stalest other replica (never the primary) gives way. */
function dropStalestReplica(w: World, shard: ShardRow, keep: number): void {
  const lsnOf = (r: number) => w.nodes[r].disk.get(shard.index) ?? -1;
  const victims = shard.replicas.filter((r) => r !== keep && r !== shard.primary).sort((a, b) => lsnOf(a) - lsnOf(b));
  const victim = victims[0];
  if (victim === undefined) return;
  shard.replicas = shard.replicas.filter((r) => r !== victim);
  w.nodes[victim].placed.delete(shard.index);
  w.nodes[victim].disk.delete(shard.index);
  record(
    w,
    'router',
    'replica.dropped',
    `${w.nodes[victim].id}'s copy of ${shard.id} (LSN ${lsnOf(victim)}) gives way to ${w.nodes[keep].id}'s, which holds ` +
      `acknowledged writes no other replica has.`,
    'info',
    { shard: shard.id, node: w.nodes[victim].id },
  );
}

function runningCopies(w: World, shardIndex: number): number {
  return w.shards[shardIndex].jobs.filter((id) => w.jobs.get(id)?.phase !== 'queued').length;
}

/** Resync finished: reinstate the node's surviving copies that are still needed, then it is ACTIVE. */
export function onResyncDone(w: World, nodeIndex: number, generation: number): boolean {
  const node = w.nodes[nodeIndex];
  if (node.resyncGeneration !== generation || healthOf(node) !== 'REJOINING') return false;
  const reinstated: string[] = [];
  for (const [s] of [...node.disk]) {
    const shard = w.shards[s];
    if (shard.replicas.includes(node.index)) continue;
    const newer = holdsNewerWrites(w, shard, node);
    if (shard.replicas.length + runningCopies(w, s) >= w.replicationFactor && !newer) {
      node.disk.delete(s);
      continue;
    }
    // It keeps the LSN it had; the primary backfills the writes it missed.
    shard.replicas.push(node.index);
    node.placed.add(s);
    reinstated.push(shard.id);
    // The old replica is back, so a queued copy may now be surplus; a copy that holds acknowledged writes
    // nobody else has also displaces running copies (from staler sources) and, if need be, the stalest replica.
    while (shard.replicas.length + shard.jobs.length > w.replicationFactor) {
      const jobs = shard.jobs.map((id) => w.jobs.get(id)!);
      const surplus = jobs.find((j) => j.phase === 'queued') ?? (newer ? jobs.find((j) => j.phase === 'snapshot') : undefined);
      if (!surplus) break;
      cancelJob(w, surplus);
    }
    if (newer && shard.replicas.length > w.replicationFactor) dropStalestReplica(w, shard, node.index);
    sendShardEvent(w, shard, { type: 'replica.reinstated', copies: shard.replicas.length, copying: runningCopies(w, s) });
  }
  w.nodesVersion++;
  if (reinstated.length > 0)
    record(
      w,
      'router',
      'replica.reinstated',
      `${node.id} caught up and the router lists it again for ${reinstated.length} shard(s) (${listSome(reinstated)}).`,
      'info',
      { node: node.id, shards: reinstated.length },
    );
  sendMonitorEvent(w, node, { type: 'resync.completed' });
  replanWaitingShards(w);
  return true;
}
