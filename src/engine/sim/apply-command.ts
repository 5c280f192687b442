import { checkCommandAgainstCluster, describeCommand } from '../commands';
import { CONTROL_PLANE, type Command } from '../types';
import { sendFailoverEvent } from './failover';
import { applyRepair, previewRepair } from './emergency-repair';
import { applyCorruptionCommand, corruptionProblem } from './corruption';
import { runShardScrub, startScrubs } from './scrub';
import { repairProblem, runRepair, startAntiEntropy } from './anti-entropy';
import { applyControlPlaneCommand, controlPlaneProblem } from './control-plane/commands';
import { reviewMembers } from './control-plane/group';
import { applyTransactionCommand, transactionProblem } from './transactions/commands';
import { applyRestoreCommand, restoreProblem } from './restore/commands';
import { armMonitor } from './heartbeats';
import { sendNodeEvent } from './node-lifecycle';
import { refreshAllShards, refreshShards, shardsOfNodes } from './quorum';
import { startWorkload } from './workload';
import { startWalTimers, takeCheckpoint } from './wal-timers';
import { corruptWal, walCorruptProblem } from './wal-corrupt';
import { checkCopyStreams, forgetFailedSources, pumpCopies, rebalanceRates, replanWaitingShards } from './migrator';
import { crashLog, describeCrash, isRunning, noteWritesLostToPower, type CrashOutcome } from './power-loss';
import type { CrashKind } from '../recovery-types';
import type { TraceLevel } from '../types';
import { snapshotLoadMsFor } from './local-recovery';
import { lifecycleOf, listSome, record, restartPhaseOf, type NodeRow, type World } from './world';

/** A command that cannot apply. The message names the problem; nothing was changed. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

/** Everything that makes a command impossible right now, or null. Checked before any change. */
export function commandProblem(w: World, command: Command): string | null {
  const shape = checkCommandAgainstCluster(command, { nodeIds: w.nodes.map((n) => n.id), rackIds: w.racks, cpMembers: w.network.cpMembers });
  if (shape) return shape;
  const node = 'node' in command && command.node !== undefined ? w.nodes[w.nodeIndexById.get(command.node)!] : null;
  // The top-level state ('restarting' for each of its sub-states).
  const life = node ? lifecycleOf(node) : '';
  // Refused to start (its recovery mode will not accept its log): not running, waiting for a restart or a rebuild.
  const refused = node !== null && restartPhaseOf(node) === 'refused';
  switch (command.type) {
    case 'node.crash':
      if (refused) return `node.crash: ${command.node} is not running (it refused to start; restart or rebuild it)`;
      if (life !== 'up' && life !== 'restarting') return `node.crash: ${command.node} is not running (it is ${life})`;
      return null;
    case 'cluster.powerLoss':
      if (!w.nodes.some(isRunning)) return 'cluster.powerLoss: no node is running (every node is crashed or destroyed)';
      return null;
    case 'node.restart':
      if (life === 'destroyed') return `node.restart: ${command.node} was destroyed; its disk is gone and it cannot restart`;
      if (life !== 'crashed' && !refused) return `node.restart: ${command.node} is not crashed (it is ${life})`;
      return null;
    case 'node.rebuild':
      if (life === 'destroyed') return `node.rebuild: ${command.node} was destroyed; there is no node to rebuild`;
      if (life !== 'crashed' && !refused)
        return `node.rebuild: ${command.node} is ${life === 'up' ? 'running' : `still ${restartPhaseOf(node!) ?? life}`}; only a crashed node or one that refused to start is rebuilt`;
      // Its data must be re-homed before it is wiped: cp does that once it declares the node DEAD (the failover path).
      if (node!.placed.size > 0)
        return `node.rebuild: cp still lists ${command.node} for ${node!.placed.size} replica(s); once it declares ${command.node} DEAD it re-homes them, and the disk can be wiped then`;
      return null;
    case 'node.destroy':
      if (life === 'destroyed') return `node.destroy: ${command.node} is already destroyed`;
      return null;
    case 'wal.corrupt':
      return walCorruptProblem(node!, command.at);
    case 'node.checkpoint':
      if (life !== 'up') return `node.checkpoint: ${command.node} is not running (it is ${life}); only a running node can checkpoint`;
      return null;
    case 'shard.emergencyRepair': {
      const shard = w.shards.find((s) => s.id === command.shard);
      if (!shard) return `shard.emergencyRepair: unknown shard "${command.shard}" (this cluster has ${w.shards[0].id}…${w.shards[w.shards.length - 1].id})`;
      const preview = previewRepair(w, shard, command.mode);
      return preview.problem === null ? null : `shard.emergencyRepair: ${preview.problem}`;
    }
    case 'config.set': {
      const [group, key] = command.path.split('.');
      if (group === 'params') {
        // Records standing for traffic before t = 0 are laid down when the run is built: changing the count later would
        // rewrite the past, so it is refused by name rather than silently ignored.
        if (key === 'walHistoryRecords')
          return 'config.set: walHistoryRecords counts log records written before t = 0 and is read when the run is built; set it in the scenario\'s params instead';
        // Leaderless data (design recovery-repair.md §7.2): switching modes would leave a primary's log history beside
        // per-key versions, and a new key space would orphan the stale keys and Merkle trees sized by the old one.
        if (key === 'replication')
          return 'config.set: replication decides how the whole run keeps its data (a primary\'s log, or per-key versions every replica holds) and is read when the run is built; set it in the scenario\'s params (or pick the cassandra or dynamo profile) instead';
        if (key === 'keysPerShard')
          return 'config.set: keysPerShard fixes every shard\'s key space, which stale keys and Merkle trees are built over, and is read when the run is built; set it in the scenario\'s params instead';
        const next = { ...w.params, [key]: command.value };
        if (next.suspectAfterMs >= next.deadAfterMs)
          return `config.set: suspectAfterMs (${next.suspectAfterMs}) must stay below deadAfterMs (${next.deadAfterMs})`;
      }
      return null;
    }
    case 'replica.corrupt':
    case 'disk.corrupt':
    case 'scrub.run':
    case 'shard.repair':
      return corruptionProblem(w, command);
    case 'repair.run':
      return repairProblem(w, command);
    case 'cp.crash':
    case 'cp.restart':
      return controlPlaneProblem(w, command);
    case 'txn.run':
    case 'txn.resolve':
      return transactionProblem(w, command);
    case 'backup.take':
    case 'cluster.restore':
      return restoreProblem(w, command);
    default:
      return null;
  }
}

/** Applies a command that passed `commandProblem`. */
export function applyCommand(w: World, command: Command, actor: string): void {
  record(w, actor, 'command', `${actor === 'user' ? 'You' : 'The scenario'}: ${describeCommand(command)}.`, 'warn', {
    command,
  });
  switch (command.type) {
    case 'node.crash': {
      const outcome = crashNode(w, nodeRow(w, command.node), command.kind ?? 'process', 'alert');
      // A power loss, or a torn record of a process crash (tornOnProcessCrash), may take acknowledged writes.
      noteWritesLostToPower(w, [outcome]);
      return;
    }
    case 'node.restart':
      sendNodeEvent(w, nodeRow(w, command.node), { type: 'cmd.node.restart', snapshotLoadMs: snapshotLoadMsFor(w, nodeRow(w, command.node)) });
      return;
    case 'node.rebuild':
      sendNodeEvent(w, nodeRow(w, command.node), { type: 'cmd.node.rebuild' });
      return;
    case 'node.destroy':
      sendNodeEvent(w, nodeRow(w, command.node), { type: 'cmd.node.destroy' });
      return;
    case 'node.checkpoint':
      takeCheckpoint(w, nodeRow(w, command.node), 'command');
      return;
    case 'wal.corrupt':
      corruptWal(w, nodeRow(w, command.node), command.at);
      return;
    case 'rack.fail': {
      const kind = command.kind ?? 'process';
      const victims = w.nodes.filter((n) => n.rack === command.rack && isRunning(n));
      record(
        w,
        command.rack,
        'rack.failed',
        kind === 'power'
          ? `Rack ${command.rack} loses power: ${victims.length > 0 ? listSome(victims.map((n) => n.id)) : 'no running node'} go(es) down at once, ` +
              'each keeping only the log it had flushed.'
          : `Rack ${command.rack} loses power: ${victims.length > 0 ? listSome(victims.map((n) => n.id)) : 'no running node'} go(es) down at once.`,
        'alert',
        { rack: command.rack, kind },
      );
      crashAll(w, victims, kind);
      return;
    }
    case 'cluster.powerLoss': {
      const victims = w.nodes.filter(isRunning);
      record(
        w,
        'cluster',
        'cluster.powerLoss',
        `The whole cluster loses power: ${victims.length} running node(s) go down at the same instant. Each keeps only the log it had flushed; ` +
          'no replica anywhere is left to fill in what was not.',
        'alert',
        { nodes: victims.length },
      );
      crashAll(w, victims, 'power');
      return;
    }
    case 'link.cut':
      w.network.cut(command.a, command.b, command.oneWay ?? false);
      // A control-plane member may stop (or start) hearing its leader.
      reviewMembers(w);
      checkCopyStreams(w);
      refreshShards(w, shardsOfLink(w, command.a, command.b));
      return;
    case 'link.heal':
      w.network.heal(command.a, command.b);
      reviewMembers(w);
      onNetworkHealed(w);
      refreshShards(w, shardsOfLink(w, command.a, command.b));
      return;
    case 'network.partition':
      partition(w, command.groups);
      reviewMembers(w);
      checkCopyStreams(w);
      refreshAllShards(w);
      return;
    case 'network.heal':
      w.network.healAll();
      reviewMembers(w);
      onNetworkHealed(w);
      refreshAllShards(w);
      return;
    case 'config.set':
      applyConfig(w, command.path, command.value);
      return;
    case 'workload.set':
      startWorkload(w, { writesPerSec: command.writesPerSec, readsPerSec: command.readsPerSec ?? w.workload.spec.readsPerSec });
      return;
    case 'shard.emergencyRepair':
      applyRepair(w, w.shards.find((s) => s.id === command.shard)!, command.mode);
      return;
    case 'replica.corrupt':
    case 'disk.corrupt':
    case 'shard.repair':
      applyCorruptionCommand(w, command);
      return;
    case 'scrub.run':
      runShardScrub(w, w.shards.find((s) => s.id === command.shard)!, command.deep ?? false);
      return;
    case 'repair.run':
      runRepair(w, command);
      return;
    case 'cp.crash':
    case 'cp.restart':
      applyControlPlaneCommand(w, command);
      return;
    case 'txn.run':
    case 'txn.resolve':
      applyTransactionCommand(w, command);
      return;
    case 'backup.take':
    case 'cluster.restore':
      applyRestoreCommand(w, command);
      return;
  }
}

/** Shards whose replicas sit on both ends of a link (node–node); a cut to cp changes nothing until the monitor notices. */
function shardsOfLink(w: World, a: string, b: string): number[] {
  const ia = w.nodeIndexById.get(a);
  const ib = w.nodeIndexById.get(b);
  if (ia === undefined || ib === undefined) return [];
  const onB = shardsOfNodes(w, [w.nodes[ib]]);
  return [...shardsOfNodes(w, [w.nodes[ia]])].filter((s) => onB.has(s));
}

/**
 * One node goes down: the log and pages first (power-loss.ts: what survives, decided from the node's own stream),
 * then the node machine, then the entry that says what survived.
 */
function crashNode(w: World, node: NodeRow, kind: CrashKind, level: TraceLevel): CrashOutcome {
  const outcome = crashLog(w, node, kind);
  sendNodeEvent(w, node, { type: 'cmd.node.crash' });
  const what = kind === 'power' ? `${node.id} loses power.` : `${node.id}'s process stops.`;
  record(w, node.id, 'node.crashed', `${what} ${describeCrash(outcome, w)} cp does not know yet.`, level, {
    node: node.id,
    kind,
    unsynced: outcome.unsynced,
    survived: outcome.survived,
    tornNo: outcome.tornNo,
    lost: outcome.lost,
  });
  return outcome;
}

/** Several nodes at the same instant (a rack, the cluster). A process crash of a rack says nothing per node, as before. */
function crashAll(w: World, victims: readonly NodeRow[], kind: CrashKind): void {
  const outcomes: CrashOutcome[] = [];
  for (const n of victims) {
    if (kind === 'process') {
      outcomes.push(crashLog(w, n, kind));
      sendNodeEvent(w, n, { type: 'cmd.node.crash' });
    } else outcomes.push(crashNode(w, n, kind, 'warn'));
  }
  noteWritesLostToPower(w, outcomes);
}

function nodeRow(w: World, id: string) {
  return w.nodes[w.nodeIndexById.get(id)!];
}

/** Cuts every link between groups. Endpoints not listed stay with the first group. */
function partition(w: World, groups: string[][]): void {
  // A 3-member control plane: each member is an endpoint; "cp" in a group stands for every member.
  const members = w.network.cpMembers;
  const all = [...w.nodes.map((n) => n.id), ...(members.length > 0 ? members : [CONTROL_PLANE])];
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => g.forEach((id) => (id === CONTROL_PLANE && members.length > 0 ? members : [id]).forEach((e) => groupOf.set(e, i))));
  const unlisted = all.filter((id) => !groupOf.has(id));
  for (const id of unlisted) groupOf.set(id, 0);
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++)
      if (groupOf.get(all[i]) !== groupOf.get(all[j])) w.network.cut(all[i], all[j]);
  if (unlisted.length > 0)
    record(w, 'network', 'network.partitioned', `Endpoints not named in any group stay with the first: ${listSome(unlisted)}.`, 'info');
}

function onNetworkHealed(w: World): void {
  checkCopyStreams(w);
  forgetFailedSources(w);
  replanWaitingShards(w, 'links healed');
  pumpCopies(w);
}

function applyConfig(w: World, path: string, value: unknown): void {
  const [group, key] = path.split('.');
  if (group === 'params') {
    (w.params as unknown as Record<string, unknown>)[key] = value;
    if (key === 'linkLatencyMs') w.network.defaultLatencyMs = value as number;
    if (key === 'suspectAfterMs' || key === 'deadAfterMs') for (const n of w.nodes) armMonitor(w, n);
    if (key === 'scrubIntervalMs' || key === 'deepScrubIntervalMs') startScrubs(w);
    if (key === 'antiEntropyIntervalMs' || key === 'replication') startAntiEntropy(w);
    if (key === 'walSyncMode' || key === 'walSyncPeriodMs' || key === 'checkpointIntervalMs' || key === 'stateStore') startWalTimers(w);
    if (key === 'rebuildBytesPerSecPerNode') {
      const overrides = new Map(w.scenario.nodes.map((n) => [n.id, n.rebuildBytesPerSec]));
      for (const n of w.nodes) n.bandwidthBytesPerSec = overrides.get(n.id) ?? (value as number);
      rebalanceRates(w, new Set(w.nodes.map((n) => n.index)));
    }
  } else if (group === 'failover') {
    (w.failover as unknown as Record<string, unknown>)[key] = value;
    if (key === 'registeredNodes') {
      const list = value === 'all' ? null : new Set(value as string[]);
      for (const n of w.nodes) n.registered = list === null || list.has(n.id);
    }
  }
  sendFailoverEvent(w, {
    type: 'config.changed',
    autoReReplicate: w.failover.autoReReplicate,
    asyncReReplicate: w.failover.asyncReReplicate,
    migratorHasNodes: w.nodes.some((n) => n.registered),
    rehomeGraceMs: w.params.rehomeGraceMs,
    controlPlaneStepMs: w.params.controlPlaneStepMs,
  });
  replanWaitingShards(w, `${path} changed`);
  pumpCopies(w);
}
