import { healthMonitorMachine } from '../machines/health-monitor.machine';
import { nodeMachine } from '../machines/node.machine';
import { initialSnapshot } from '../machines/machine-step';
import { ShardStepper } from '../machines/shard-stepper';
import { placeInitialReplicas } from '../model/placement';
import type { Scenario } from '../types';
import { newCatchUpRecord } from './catch-up-state';
import { newControlPlaneRecord } from './control-plane/state';
import { packedList } from './packed-list';
import { DiskMap } from './disk-map';
import { CheckpointImage } from './checkpoint-image';
import { newCorruptionRecord } from './corruption-state';
import { newDivergenceRecord } from './divergence-state';
import { newHintRecord } from './hint-state';
import { newLeaderlessRecord } from './leaderless-state';
import { newRepairRecord } from './repair-state';
import { newTransactionRecord } from './transactions/state';
import { newDurabilityRecord } from './durability-state';
import { EventQueue, type Scheduled } from './event-queue';
import { newFailoverPathRecord } from './failover/state';
import { newHeartbeatRecord } from './heartbeat-state';
import { MachineRecords } from './machine-records';
import { MachineTimers, type TimerClock } from './machine-timers';
import { newMigratorRecord } from './migrator/state';
import { Network } from './network';
import { newQuorumRecord } from './quorum/state';
import { RandomStreams } from './random';
import { KEY_NOT_MADE, type NodeRow, type ShardRow, type SimEvent } from './rows';
import { Trace } from './trace';
import { newNodeWal } from './wal-log';
import { seedWalHistory } from './wal-history';
import { newNodeRecoveryRecord } from './recovery-state';
import { newWorkloadRecord } from './workload-state';
import { newBackupRecord } from './restore/state';
import { schedule, unschedule, type EngineHooks, type World } from './world';

/**
 * Builds a run's world from a scenario and a seed: the rows, the initial
 * placement, each subsystem's record (`new…Record`), and hooks that throw
 * until wiring.ts installs the real ones.
 */

const unwired = (): never => {
  throw new Error('engine hooks not installed (sim/wiring.ts installHooks)');
};
const UNWIRED: EngineHooks = {
  migrationFinished: unwired,
  copyStreamTimedOut: unwired,
  settleRejoiningCopies: unwired,
  dropCopiesOf: unwired,
  resyncCompleted: unwired,
  startCatchUp: unwired,
  cancelSnapshotCatchUp: unwired,
  verifyReplicasOnRestart: unwired,
};

export function shardIdOf(index: number, total: number): string {
  return 's' + String(index + 1).padStart(Math.max(3, String(total).length), '0');
}

export function buildWorld(scenario: Scenario, seed: number): World {
  const w = buildRows(scenario, seed);
  w.timers = new MachineTimers(timerClockOf(w));
  return w;
}

/** Machines' delayed transitions go on this world's queue, at its clock. */
export function timerClockOf(w: World): TimerClock<Scheduled<SimEvent>> {
  return { nowMs: () => w.nowMs, push: (atMs, event) => schedule(w, atMs, event), cancel: (h) => unschedule(w, h) };
}

function buildRows(scenario: Scenario, seed: number): World {
  const random = new RandomStreams(seed);
  const racks = [...new Set(scenario.nodes.map((n) => n.rack))];
  const rackIndex = new Map(racks.map((r, i) => [r, i]));
  const registered = scenario.failover.registeredNodes;
  const interval = scenario.params.heartbeatIntervalMs;
  // packedList, not map: w.nodes and w.shards must be packed lists in every run (packed-list.ts says why).
  const nodes: NodeRow[] = packedList(scenario.nodes.length, (index) => {
    const spec = scenario.nodes[index];
    return {
      index,
      id: spec.id,
      rack: spec.rack,
      rackIndex: rackIndex.get(spec.rack) ?? 0,
      bandwidthBytesPerSec: spec.rebuildBytesPerSec ?? scenario.params.rebuildBytesPerSecPerNode,
      life: initialSnapshot(nodeMachine, { nodeId: spec.id }),
      monitor: initialSnapshot(healthMonitorMachine, { nodeId: spec.id }),
      incarnation: 0,
      heartbeatTimer: null,
      // Each node heartbeats on its own phase, drawn from its own stream.
      heartbeatPhaseMs: Math.floor(random.get(`node:${spec.id}:heartbeat`).next() * interval),
      lastHeartbeatAtMs: 0,
      monitorTimer: null,
      crashedAtMs: null,
      declaredDeadAtMs: null,
      registered: registered === 'all' || registered.includes(spec.id),
      placed: new Set(),
      // Remembers which shards' copies changed: the shard codes re-derive only those (shard-codes-view.ts).
      disk: new DiskMap(),
      incoming: 0,
      activeIn: 0,
      activeOut: 0,
      stalledIn: 0,
      stalledOut: 0,
      resyncTimers: [],
      wal: newNodeWal(scenario.params.walDetailRecordsPerNode),
      ckpt: new CheckpointImage(),
      heldAtCrash: null,
      recovery: newNodeRecoveryRecord(),
      walTimers: { sync: null, checkpoint: null },
      checkpointPhaseMs: null,
      recordsSinceSnapshot: 0,
    };
  });
  // Log records from before t = 0 (params.walHistoryRecords, §4): segment summaries, never one by one.
  for (const node of nodes) node.recordsSinceSnapshot = seedWalHistory(node.wal, scenario.params);
  const nodeIndexById = new Map(nodes.map((n) => [n.id, n.index]));

  const pinned = new Map<number, number[]>();
  const shardIndexById = new Map<string, number>();
  for (let i = 0; i < scenario.shards; i++) shardIndexById.set(shardIdOf(i, scenario.shards), i);
  for (const [shardId, ids] of Object.entries(scenario.placement)) {
    const shard = shardIndexById.get(shardId);
    if (shard !== undefined) pinned.set(shard, ids.map((id) => nodeIndexById.get(id) ?? 0));
  }
  const placement = placeInitialReplicas(
    nodes,
    scenario.shards,
    scenario.replicationFactor,
    pinned,
    random.get('placement:initial'),
  );
  // Node by node, each shard in index order: one node's disk and placed set stay in cache while it takes its replicas,
  // and its disk is sized for them first (1,000 × 100,000: 300,000 replicas, one node's at a time).
  const taken: number[][] = nodes.map(() => []);
  placement.forEach((replicas, index) => {
    for (const n of replicas) taken[n].push(index);
  });
  for (const node of nodes) {
    if (node.disk instanceof DiskMap) node.disk.reserve(taken[node.index].length);
    for (const index of taken[node.index]) {
      node.placed.add(index);
      node.disk.set(index, 0);
    }
  }
  const shards: ShardRow[] = packedList(placement.length, (index) => {
    const replicas = placement[index];
    const id = shardIdOf(index, scenario.shards);
    const votingIds = scenario.voters[id];
    const voters = votingIds ? votingIds.map((v) => nodeIndexById.get(v) ?? 0) : [...replicas];
    // The fields a client write reads, together at the front: a write's shard is random, so its row is a cache miss,
    // and every cache line of it the write reads is one more. Seven words after the object's header; the lists come
    // after them, since a write reads the replica key instead (bench case b: ~30 ms a run with the voters and the write
    // outcome at the far end of a 200-byte row, and ~9 % with the lists among the fields read). A copy keeps this order
    // (deep-copy.ts copies keys in order).
    return {
      index,
      id,
      replicaKey: KEY_NOT_MADE,
      lsn: 0,
      lastWriteId: 0,
      lastWriteOutcome: null,
      failingSinceMs: null,
      replicas,
      voters,
      machine: null,
      jobs: [],
      waiting: null,
      primary: replicas[0] ?? null,
      configuredPrimary: replicas[0] ?? -1,
      term: 1,
      nonVoting: votingIds ? new Set(replicas.filter((r) => !voters.includes(r))) : null,
      promised: null,
      staleLeaders: null,
      roles: null,
      primaryMachine: null,
      noPrimaryReason: null,
      noPrimarySinceMs: null,
      catchUps: null,
      divergent: null,
    };
  });

  const failover = { ...scenario.failover };
  return {
    scenario,
    seed,
    params: { ...scenario.params },
    failover,
    replicationFactor: scenario.replicationFactor,
    shardSizeBytes: scenario.shardSizeBytes,
    nowMs: 0,
    eventCount: 0,
    queue: new EventQueue<SimEvent>(),
    nonPeriodicPending: 0,
    trace: new Trace(),
    random,
    network: new Network(scenario.params.linkLatencyMs, scenario.controlPlane?.members === 3 ? ['cp1', 'cp2', 'cp3'] : []),
    racks,
    nodes,
    nodeIndexById,
    shards,
    affected: new Map(),
    shardStepper: new ShardStepper(),
    failoverPath: newFailoverPathRecord({
      autoReReplicate: failover.autoReReplicate,
      asyncReReplicate: failover.asyncReReplicate,
      migratorHasNodes: nodes.some((n) => n.registered),
      rehomeGraceMs: scenario.params.rehomeGraceMs,
      controlPlaneStepMs: scenario.params.controlPlaneStepMs,
    }),
    heartbeats: newHeartbeatRecord(),
    commandLog: [],
    pendingTimeline: scenario.timeline.length,
    durability: newDurabilityRecord(scenario.replicationFactor),
    nodesVersion: 0,
    workload: newWorkloadRecord(scenario.workload),
    rejoining: { byShard: new Map(), byNode: new Map() },
    catchUp: newCatchUpRecord(),
    migrator: newMigratorRecord(nodes.length),
    quorum: newQuorumRecord(),
    transactions: newTransactionRecord(),
    controlPlane: newControlPlaneRecord(scenario.controlPlane, racks),
    corruption: newCorruptionRecord(),
    divergence: newDivergenceRecord(),
    hints: newHintRecord(),
    leaderless: newLeaderlessRecord(),
    repair: newRepairRecord(),
    backups: newBackupRecord(),
    machines: new MachineRecords(),
    hooks: UNWIRED,
    // Replaced by buildWorld once the world exists (the timers schedule on its queue).
    timers: null as unknown as World['timers'],
  };
}
