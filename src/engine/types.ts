/**
 * Public data shapes of the engine. Everything here is plain JSON data so a
 * scenario, a command list or a state snapshot can be saved, shared in a URL
 * or compared in a test.
 */

/** Endpoint ids: nodes are `n1…nN`, the control plane is `cp`. */
export type NodeId = string;
export type RackId = string;
export type ShardId = string;
export const CONTROL_PLANE = 'cp';

// ---------------------------------------------------------------- scenario

export interface NodeSpec {
  id: NodeId;
  rack: RackId;
  /** Overrides `params.rebuildBytesPerSecPerNode` for this node (in and out). */
  rebuildBytesPerSec?: number;
}

export interface SimParams {
  /** How often each node sends a heartbeat to `cp`. */
  heartbeatIntervalMs: number;
  /** Silence after which the monitor marks a node SUSPECT. */
  suspectAfterMs: number;
  /** Silence after which the monitor declares a node DEAD. */
  deadAfterMs: number;
  /** Extra wait after DEAD before re-homing starts (0 in ZeptoDB; minutes in CockroachDB/Ceph). */
  rehomeGraceMs: number;
  /** Rebuild bandwidth of each node, in and out separately. */
  rebuildBytesPerSecPerNode: number;
  /** At most this many incoming and this many outgoing copies per node at once. */
  maxConcurrentCopiesPerNode: number;
  /** One-way latency of every link unless overridden. */
  linkLatencyMs: number;
  /** Time each control-plane step of the failover path takes (router, coordinator, planning). */
  controlPlaneStepMs: number;
  /** Time a restarting node spends replaying its write-ahead log before it serves. */
  walReplayMs: number;
}

export interface FailoverConfig {
  /** Re-replicate automatically when a node is declared DEAD. */
  autoReReplicate: boolean;
  /** Run migration in the background (true) or block the failover path until it ends (false). */
  asyncReReplicate: boolean;
  /** Nodes the migrator knows how to reach. With none, failover falls back to callback-only. */
  registeredNodes: 'all' | NodeId[];
}

export interface TimedCommand {
  atMs: number;
  command: Command;
}

export interface Scenario {
  id: string;
  title: string;
  description?: string;
  seed: number;
  nodes: NodeSpec[];
  shards: number;
  replicationFactor: number;
  shardSizeBytes: number;
  params: SimParams;
  failover: FailoverConfig;
  /** Pinned placements: shard id → node ids, first = configured primary. */
  placement: Record<ShardId, NodeId[]>;
  timeline: TimedCommand[];
}

// ---------------------------------------------------------------- commands

export type Command =
  | { type: 'node.crash'; node: NodeId }
  | { type: 'node.restart'; node: NodeId }
  | { type: 'node.destroy'; node: NodeId }
  | { type: 'link.cut'; a: NodeId; b: NodeId; oneWay?: boolean }
  | { type: 'link.heal'; a: NodeId; b: NodeId }
  | { type: 'network.partition'; groups: NodeId[][] }
  | { type: 'network.heal' }
  | { type: 'rack.fail'; rack: RackId }
  | { type: 'config.set'; path: string; value: number | boolean | string | string[] };

export type CommandType = Command['type'];

// ---------------------------------------------------------------- trace

export type TraceLevel = 'detail' | 'info' | 'warn' | 'alert';

export interface TraceEntry {
  seq: number;
  timeMs: number;
  /** How many events had been processed when this entry was written (0 before the first). Seek here to see it. */
  event: number;
  /** Who acted: a node id, `cp`, `monitor`, `failover`, `migrator`, `router`, `network`, a shard id, `user`. */
  actor: string;
  /** Dot-namespaced fact, e.g. `heartbeat.dropped`, `node.declaredDead`, `copy.committed`. */
  kind: string;
  /** What happened and why, in plain words. */
  text: string;
  /** Importance: `detail` entries (heartbeats) are skipped by "next significant event". */
  level: TraceLevel;
  data: Record<string, unknown>;
}

// ---------------------------------------------------------------- state

export type NodeLifecycle = 'up' | 'crashed' | 'restarting' | 'destroyed';
export type MonitorBelief = 'ACTIVE' | 'SUSPECT' | 'DEAD' | 'REJOINING';
export type ShardState = 'healthy' | 'underReplicated' | 'rehoming' | 'lost';

export interface NodeView {
  id: NodeId;
  rack: RackId;
  /** Truth: is the process running? */
  up: boolean;
  lifecycle: NodeLifecycle;
  /** The control plane's belief. */
  health: MonitorBelief;
  lastHeartbeatAtMs: number | null;
  /** When SUSPECT: the time at which the monitor will declare DEAD if silence continues. */
  deadAtMs: number | null;
  /** Replicas this node holds in the router's placement. */
  replicaCount: number;
  copiesIn: number;
  copiesOut: number;
  registered: boolean;
}

export interface CopyView {
  shard: ShardId;
  source: NodeId | null;
  target: NodeId;
  phase: 'queued' | 'snapshot' | 'catchingUp';
  sizeBytes: number;
  bytesDone: number;
  rateBytesPerSec: number;
}

export interface Rejection {
  node: NodeId;
  reason: string;
}

/** Why a shard's new replica went where it went. */
export interface TargetChoice {
  shard: ShardId;
  target: NodeId | null;
  atMs: number;
  /** True when no rack-diverse candidate existed and the rack rule was relaxed. */
  rackRuleRelaxed: boolean;
  candidates: number;
  rejected: Rejection[];
  /** Rejections not listed individually (large clusters), counted by reason. */
  rejectedMore: Record<string, number>;
  summary: string;
}

export interface ShardView {
  id: ShardId;
  /** Router placement; the first replica is the primary. */
  replicas: NodeId[];
  primary: NodeId | null;
  state: ShardState;
  /** Replicas in placement whose node is really up. */
  liveCopies: number;
  lsn: number;
  /** Why an under-replicated shard is neither queued nor copying. */
  waitingReason: string | null;
}

export interface MessageView {
  id: number;
  kind: 'heartbeat';
  from: NodeId;
  to: NodeId;
  sentAtMs: number;
  arriveAtMs: number;
}

export interface FailoverEvent {
  failedNode: NodeId;
  /** Truth: when the node really went down (null if it was cut off, not down). */
  crashedAtMs: number | null;
  declaredDeadAtMs: number;
  detectionDelayMs: number | null;
  targetsComputedAtMs: number | null;
  callbackFiredAtMs: number | null;
  completedAtMs: number | null;
  affectedShards: number;
  targets: number;
  reReplicationAttempted: boolean;
  reReplicationSucceeded: boolean;
  /** Why re-replication was skipped, when it was. */
  fallbackReason: string | null;
}

export interface Metrics {
  /** Belief: shards whose router placement has fewer than RF replicas. */
  underReplicatedShards: number;
  /** Truth: shards with fewer than RF copies on running nodes. */
  underReplicatedShardsTruth: number;
  lostShards: number;
  lostShardsTruth: number;
  /** The fewest live copies any shard was down to during the run. */
  minCopies: number;
  bytesMoved: number;
  rebuildBytesRemaining: number;
  rebuildTargetsByNode: Record<NodeId, number>;
  rebuildBytesInByNode: Record<NodeId, number>;
  rebuildBytesOutByNode: Record<NodeId, number>;
  copiesInFlight: number;
  copiesQueued: number;
  detectionDelayMs: number | null;
  timeToRestoreRfMs: number | null;
  durabilityWindowMs: number | null;
}

export type FailoverStep =
  | 'idle'
  | 'removingFromRouter'
  | 'removingFromCoordinator'
  | 'waitingGrace'
  | 'computingTargets'
  | 'migrating'
  | 'fallback'
  | 'callback';

export interface FailoverManagerView {
  step: FailoverStep;
  currentNode: NodeId | null;
  queuedNodes: NodeId[];
}

export interface LinkCut {
  from: NodeId;
  to: NodeId;
}

export interface InvariantViolation {
  invariant: string;
  detail: string;
}

export interface ClusterState {
  scenarioId: string;
  seed: number;
  timeMs: number;
  replicationFactor: number;
  shardSizeBytes: number;
  params: SimParams;
  failover: FailoverConfig;
  racks: RackId[];
  nodes: NodeView[];
  shards: ShardView[];
  copies: CopyView[];
  messages: MessageView[];
  cuts: LinkCut[];
  failoverManager: FailoverManagerView;
  failoverEvents: FailoverEvent[];
  metrics: Metrics;
  /** Timeline commands that have not fired yet. */
  pendingCommands: number;
}

export type RunTarget = 'healthy' | 'idle' | ((sim: { timeMs: number }) => boolean);

export interface RunResult {
  reached: boolean;
  timeMs: number;
  /** Plain words: what was reached, or why the run stopped at maxMs. */
  reason: string;
}
