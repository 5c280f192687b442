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

/** In a module of its own: input-limits.ts needs it, and the command schema needs input-limits (no import cycle). */
export type { SimParams } from './sim-params';
import type { SimParams } from './sim-params';
import type { NodeRecoveryView } from './recovery-types';
import type { ShardDivergenceView } from './repair-types';
import type { NodeTransactionsView } from './transaction-types';

/** Client traffic. Each write goes to one shard, chosen by the seeded `workload` stream. */
export interface WorkloadSpec {
  writesPerSec: number;
  readsPerSec: number;
  /** Some writes are transactions (design recovery-repair.md §9.1); absent = none (no draw from workload:txn). */
  txn?: WorkloadTxnSpec;
}

/** `workload.txn`: which share of writes start a transaction, how long each is, how many abort or span two shards. */
export interface WorkloadTxnSpec {
  /** Share of write arrivals that run a transaction instead of one autocommit write (0–1). */
  fraction: number;
  /** Writes per transaction (per shard, for a two-phase one). */
  writesPerTxn: number;
  /** Share of transactions the client aborts. */
  abortFraction: number;
  /** Share of transactions that span two shards with a two-phase commit coordinated by the control plane. */
  twoPhaseFraction: number;
}

/** Presets for how a real system reacts to the same fault (DESIGN.md §2). */
export type ProfileId = 'zeptodb' | 'rethinkdb' | 'cockroachdb' | 'postgresql' | 'ceph' | 'hdfs' | 'cassandra' | 'dynamo';

export type { RepairMode } from './command-schema';
import type { RepairMode } from './command-schema';

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
  /** What the learner should watch, in order, one sentence or two each (shown as a numbered list in the console). */
  watch?: string[];
  seed: number;
  nodes: NodeSpec[];
  shards: number;
  replicationFactor: number;
  shardSizeBytes: number;
  params: SimParams;
  failover: FailoverConfig;
  /** Pinned placements: shard id → node ids, first = configured primary. */
  placement: Record<ShardId, NodeId[]>;
  /** Voting replicas of chosen (pinned) shards; their other replicas hold data but do not vote. Unlisted shards: all vote. */
  voters: Record<ShardId, NodeId[]>;
  /** The system whose rules the run follows; null = the plain defaults (ZeptoDB-style). */
  profile: ProfileId | null;
  workload: WorkloadSpec;
  timeline: TimedCommand[];
  /** The control plane's shape (design recovery-repair.md §8); absent = one member "cp" without a journal. */
  controlPlane?: ControlPlaneConfig;
}

import type { ControlPlaneConfig } from './control-plane-types';
export type { ControlPlaneConfig } from './control-plane-types';

// ---------------------------------------------------------------- commands

/** Defined once, as a schema: src/engine/command-schema.ts (the same definition validates and publishes it). */
export type { Command, CommandType } from './command-schema';
import type { Command } from './command-schema';

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

/**
 * The trace is a bounded window of the newest entries; what fell out of it is
 * kept only as counts. The digest still covers every entry ever recorded.
 */
export interface TraceWindow {
  /** How many of the newest entries are kept. */
  windowEntries: number;
  /** Entries ever recorded (the next entry's `seq`). */
  recorded: number;
  /** The `seq` of the oldest kept entry: `getTrace()` starts here. */
  firstKeptSeq: number;
  /** What fell out of the window: how many, up to when, and of which levels and kinds. */
  evicted: { entries: number; untilMs: number | null; byLevel: Record<TraceLevel, number>; byKind: Record<string, number> };
}

/** A scenario timeline command that came due and could not apply, with why. */
export interface SkippedTimelineCommand {
  atMs: number;
  command: Command;
  text: string;
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
  /** Local recovery: its phase, last crash, checkpoint and replay (design recovery-repair.md §3.5, §5.1, §12). */
  recovery: NodeRecoveryView;
  /** Its last restart with transactions in its log: each transaction, the rule applied and its fate (design §9.2); absent when none. */
  transactions?: NodeTransactionsView;
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

/**
 * A replica's part in its shard (RethinkDB's table_status words, in camelCase):
 * - primary: accepts writes, a majority of voters acknowledges them
 * - waitingForQuorum: is primary but reaches too few voters, so refuses writes
 * - secondary: caught up and streaming from the primary
 * - catchingUp: behind the primary, backfilling the writes it missed
 * - waitingForPrimary: up, but the shard has no primary to stream from
 * - disconnected: down, or cut off from the primary
 */
export type ReplicaRole = 'primary' | 'waitingForQuorum' | 'secondary' | 'catchingUp' | 'waitingForPrimary' | 'disconnected';

/**
 * Can the shard take writes?
 * - writable: a primary the router reaches, holding a majority of voters
 * - primaryUnreachable: the router cannot reach the primary (cp may not know why yet)
 * - noPrimary: no primary: an election is due, stalled for want of a majority, or a hand-over is under way
 * - noQuorum: the primary reaches too few voters
 * - lost: no replica left
 */
export type QuorumState = 'writable' | 'primaryUnreachable' | 'noPrimary' | 'noQuorum' | 'lost';

export interface ReplicaView {
  node: NodeId;
  role: ReplicaRole;
  voting: boolean;
  /** Highest write this replica has applied. */
  lsn: number;
  /**
   * Highest write of the shard's acknowledged history it holds: `lsn`, except for a copy holding
   * writes an emergency repair rolled back, where it is the split point (its history below it is shared).
   */
  heldLsn: number;
  /**
   * Came back below what it had acknowledged before its crash and has not caught up past it (design §5.2): it
   * neither votes nor counts for a write quorum, nor serves a fresh read, until then.
   */
  amnesiac: boolean;
  /**
   * The shard's counter on this replica: every write is x = x + 1, so it equals `lsn` unless replay applied a
   * record twice (idempotentApply off, design recovery-repair.md §3.7).
   */
  counter: number;
  /** Its data fails its checksums: 'known' to cp (a detector found it), 'truth' only (nobody has noticed yet), or null. */
  corrupt: 'known' | 'truth' | null;
}

export interface ShardView {
  id: ShardId;
  /** Router placement (which nodes hold it); the first is the configured primary while it is listed. */
  replicas: NodeId[];
  /** The primary the router sends writes to, or null during an election, a hand-over or quorum loss. */
  primary: NodeId | null;
  /** The primary named in the shard's configuration; it takes the role back when it returns and catches up. */
  configuredPrimary: NodeId | null;
  /** Election term: one more for each primary the control plane appoints. */
  term: number;
  /** The voting members (may include nodes the router no longer lists, such as a dead one). */
  voters: NodeId[];
  replicaRoles: ReplicaView[];
  quorum: QuorumState;
  writable: boolean;
  /** Why the shard refuses writes, in plain words; null when writable. */
  quorumReason: string | null;
  state: ShardState;
  /** Replicas in placement whose node is really up. */
  liveCopies: number;
  lsn: number;
  /** Why an under-replicated shard is neither queued nor copying. */
  waitingReason: string | null;
  /** Flagged inconsistent (Ceph's PG state: a scrub found a corrupt replica); cleared by `shard.repair`. */
  inconsistent: boolean;
  /** Nodes holding a known-corrupt copy of it, including copies removed from placement and awaiting deletion. */
  corruptKnown: NodeId[];
  /** Key-level divergence (leaderless replication) and repair marks; null while it has neither (design recovery-repair.md §11.5). */
  divergence: ShardDivergenceView | null;
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
  /** Client writes a write quorum acknowledged. */
  writesAcked: number;
  /** Client writes refused or timed out (no primary, no quorum, primary unreachable). */
  writesFailed: number;
  /** Acknowledged writes that no longer exist anywhere: only an unsafe repair or the loss of every copy does this. */
  writesLost: number;
  readsFresh: number;
  /** Reads served by a replica that may be behind (no primary to ask). */
  readsStale: number;
  readsFailed: number;
  shardsWithoutPrimary: number;
  /** Shards that refuse writes right now, for any reason (no primary, no quorum, primary unreachable, lost). */
  shardsNotWritable: number;
  /** Truth: replicas whose data fails its checksums, known or not (design §6). */
  corruptReplicasTruth: number;
  /** Belief: corrupt replicas cp knows of (a read, a copy, a scrub or a restart check found them). */
  corruptReplicasKnown: number;
  /** How long the last corruption found had gone unnoticed (ms), or null before any. */
  corruptionDetectionDelayMs: number | null;
  /** Bytes read by deep scrubs and full verifies on restart. */
  scrubBytes: number;
  // ---- replay (design recovery-repair.md §3.5–§3.7, §4, §11.5): totals over every node's replays
  /** Records replay applied to the data pages. */
  walRecordsReplayed: number;
  /** Records replay read and skipped: the data already held them (page-LSN rule), or nothing to apply. */
  walRecordsSkipped: number;
  /** Records replay kept out: not committed, or after the point where it stopped. */
  walRecordsDiscarded: number;
  /** Torn records replay met (a write cut short by a crash). */
  walTornRecords: number;
  /** Records that failed their checksum or prev-link. */
  walCorruptRecords: number;
  /** Records applied when the data already held them (must stay 0; only idempotentApply false does it). */
  recordsAppliedTwice: number;
  /** How long the latest finished replay took, snapshot load included (ms): §3.6's formula, to the millisecond. */
  lastReplayMs: number | null;
  /** Log bytes replays read. */
  replayBytes: number;
  /** Snapshot bytes memory stores loaded at restart. */
  snapshotBytesLoaded: number;
  /** Nodes loading a snapshot, replaying or verifying right now. */
  nodesRecovering: number;
  /** Nodes whose recovery mode refused their log: down until a rebuild or a restart. */
  nodesRefused: number;
  /** Log entries lagging replicas fetched from their source's log to catch up (design §5.3). */
  catchUpLogEntries: number;
  /** Bytes of snapshots copied to replicas the source's log no longer reached back to (§5.3). */
  catchUpSnapshotBytes: number;
  // ---- replica divergence and repair (design recovery-repair.md §7, §11.5); all 0 (or null) with primary replication
  /** Truth: replicas holding at least one key differently from the newest version (stale or corrupt). */
  divergentReplicasTruth: number;
  /** Truth: Σ over replicas of keys they hold differently (design §7.2). */
  staleKeysTruth: number;
  /** Belief: stale keys a read digest, a Merkle comparison or a hint has revealed and no repair has fixed yet. */
  staleKeysKnown: number;
  /** Reads whose digests disagreed and that wrote the newest version back to the replicas they asked. */
  readRepairs: number;
  /** Time clients waited for blocking read repairs, summed (ms). */
  readsBlockedMs: number;
  /** Leaderless reads that answered with an older version than the newest write. */
  staleReadsServed: number;
  /** Hints coordinators stored for replicas they believed down. */
  hintsStored: number;
  /** Hints handed to their replica (superseded ones included). */
  hintsDelivered: number;
  /** Writes a coordinator did not hint because the replica had been down longer than maxHintWindowMs. */
  hintsExpired: number;
  /** Hints lost with the coordinator that held them. */
  hintsLost: number;
  /** Hints stored and not yet delivered or lost. */
  hintsPending: number;
  /** Merkle hashes sent by the replicas of every anti-entropy session (design §7.4). */
  merkleHashesExchanged: number;
  /** The same in bytes (32 B a hash). */
  merkleBytesExchanged: number;
  /** Bytes replicas read to build their trees (validation compaction). */
  validationBytes: number;
  /** Keys repair streamed: every key of each differing leaf range. */
  repairStreamedKeys: number;
  repairStreamedBytes: number;
  /** Keys streamed / stale keys those ranges held; null before any repair streamed. */
  overstreamFactor: number | null;
  /** Incremental repair: share of written keys marked repaired; null before any incremental repair. */
  repairedFraction: number | null;
  // ---- control plane group, transactions, restore (design recovery-repair.md §8–§10, §11.5); all 0 (or null) when off
  /** Times a control-plane member became leader after the first (3-member control plane). */
  cpLeaderChanges: number;
  /** Time with no elected control-plane leader, summed (ms). */
  cpLeaderlessMs: number;
  /** Time with no leader that has applied the journal: leaderless time plus each new leader's replay (ms). */
  cpUnavailableMs: number;
  /** Entries in the control plane's metadata journal, committed or not. */
  cpJournalEntries: number;
  /** Replicas found on nodes that no committed plan lists (a copy planned by a leader that died before committing it). */
  orphanCopies: number;
  /** Transactions whose COMMIT a majority held. */
  txnCommitted: number;
  /** Committed transactions a restart replayed (committed but never acknowledged: rule 1). */
  txnRedone: number;
  /** Transactions in progress at a crash, aborted at restart (rule 2), or ended by ABORT. */
  txnAborted: number;
  /** Aborted transactions a restart found with ABORT logged and rolled back (rule 3): with steal, their flushed changes undone with CLRs; with noSteal there is nothing on disk to undo (0 CLRs). */
  txnRolledBack: number;
  /** Two-phase transactions prepared and waiting for a decision right now. */
  txnInDoubt: number;
  /** Compensation log records written by ARIES undo. */
  clrWritten: number;
  /** Client requests that timed out with their outcome decided later by recovery. */
  writesUnknownOutcome: number;
  /** Bytes loaded back from backups by cluster.restore. */
  restoreBytes: number;
  /** Acknowledged writes the latest restore lost (after the backup, or after the last archived segment); null before any. */
  rpoWrites: number | null;
  /** How long the latest restore took, by its formula (ms); null before any. */
  rtoMs: number | null;
}

/** Acknowledged writes that were lost, and how. */
export interface LostWrites {
  shard: ShardId;
  /** LSNs firstLsn…lastLsn of the shard's history before the loss. */
  firstLsn: number;
  lastLsn: number;
  count: number;
  atMs: number;
  cause: string;
}

/**
 * What a fault would do if it happened now (`sim.whatIf(command)`), computed without changing anything.
 * A copy counts while its node is up and the router on cp reaches it.
 */
export interface WhatIfReport {
  /** Shards that would lose at least one copy the router reaches. */
  loseCopy: ShardId[];
  /** Of those, shards left with exactly one such copy. */
  lastCopy: ShardId[];
  /** Of those, shards left with none: lost until a disk comes back (or for good, if the disks are destroyed). */
  lost: ShardId[];
  /** Shards that take writes now and would stop at once (what `shardsHitBy` returns). */
  stopWrites: ShardId[];
}

/** What an emergency repair would do, computed before it is run. */
export interface RepairPreview {
  shard: ShardId;
  mode: RepairMode;
  /** Null when the repair can run, else why not. */
  problem: string | null;
  /** Replicas cp can reach that would become the new voters. */
  keeps: NodeId[];
  /** Voters that would be demoted (they are unreachable). */
  demotes: NodeId[];
  newPrimary: NodeId | null;
  /** Acknowledged writes the repair would throw away. */
  writesLost: number;
  /** LSN the shard rolls back to. */
  rollbackToLsn: number;
  erases: boolean;
  summary: string;
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
  /** The control-plane member that leads the failover path now: "cp" with one member, null while a group has no leader. */
  leader?: string | null;
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
  profile: ProfileId | null;
  workload: WorkloadSpec;
  lostWrites: LostWrites[];
  /** For each endpoint (nodes and `cp`), the endpoints it can reach both ways. Only listed when some link is cut. */
  reach: Record<NodeId, NodeId[]> | null;
  /** Timeline commands that have not fired yet. */
  pendingCommands: number;
}

export type RunTarget = 'healthy' | 'idle' | 'converged' | ((sim: { timeMs: number }) => boolean);

export interface RunResult {
  reached: boolean;
  timeMs: number;
  /** Plain words: what was reached, or why the run stopped at maxMs. */
  reason: string;
}
