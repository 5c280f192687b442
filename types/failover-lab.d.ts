/**
 * Failover Lab — types for test authors and embedders.
 *
 * The console exposes `window.failoverLab` (see README, "Driver API"). This
 * file describes it and the plain-JSON data it takes and returns. It is
 * self-contained (no imports), so it can be copied into another project.
 *
 * In this repository:
 *   import type { FailoverLabDriver, Command } from 'failover-lab';
 * (package.json `types`/`exports` point here; a relative import of
 * `types/failover-lab` works too). Importing it also types
 * `window.failoverLab` in page.evaluate / page.waitForFunction callbacks.
 *
 * Kept in step with the source by src/embed/driver-types.check.ts: `tsc`
 * fails when the real driver and this declaration drift apart.
 */

/** Endpoint ids: nodes are `n1…nN`, the control plane is `cp`. */
export type NodeId = string;
export type RackId = string;
export type ShardId = string;

// ---------------------------------------------------------------- scenario

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
  /**
   * How long a copy stream may make no progress before the migrator gives up on it and re-plans the copy
   * (its target or source died, or the link between them is cut). The migrator learns of a dead end this
   * way, not from the monitor.
   */
  copyStreamTimeoutMs: number;
  /** One-way latency of every link unless overridden. */
  linkLatencyMs: number;
  /** Time each control-plane step of the failover path takes (router, coordinator, planning). */
  controlPlaneStepMs: number;
  /** Time a restarting node spends replaying its write-ahead log before it serves. */
  walReplayMs: number;
  /** Time the control plane takes to elect a new primary once it decides one is needed (Raft election timeout). */
  electionTimeoutMs: number;
  /** A read checks data checksums; a mismatch marks the replica corrupt and the read is retried elsewhere. */
  checksumOnRead: boolean;
  /** Each node's light scrub every this many ms; 0 = off. */
  scrubIntervalMs: number;
  /** Gap between one deep scrub of a node and the next; 0 = off. */
  deepScrubIntervalMs: number;
  scrubBytesPerSec: number;
  corruptionResponse: 'reReplicate' | 'markInconsistent' | 'fatal';
  /** markInconsistent: repair at once when a scrub finds at most 5 corrupt objects (Ceph osd_scrub_auto_repair). */
  scrubAutoRepair: boolean;
  verifyOnRestart: 'none' | 'metadata' | 'full';
  /** Entries the primary's log keeps for lagging replicas (0 = the whole log); further behind needs a snapshot. */
  logRetainEntries: number;
  /** The primary keeps its log for a replica it heard from within this time (ms). */
  logTruncationHoldMs: number;
  /** Rate at which a lagging replica fetches missed log entries (bytes/s). */
  catchUpBytesPerSec: number;
  /** Bytes of each write-ahead log record's header (PostgreSQL's XLogRecord: 24). */
  walRecordHeaderBytes: number;
  /** Bytes of a write's payload in its log record. */
  walWriteBytes: number;
  /** Bytes per log segment file. */
  walSegmentBytes: number;
  /** Most log records each node keeps itemised since its checkpoint; older ones are summarised. */
  walDetailRecordsPerNode: number;
  /** 'perCommit': flushed before each acknowledgement; 'periodic': every walSyncPeriodMs (Cassandra). */
  walSyncMode: 'perCommit' | 'periodic';
  walSyncPeriodMs: number;
  /** Page stores checkpoint every this many ms; 0 = never. */
  checkpointIntervalMs: number;
  /** Memory stores snapshot every this many log records; 0 = never. */
  snapshotEveryRecords: number;
  stateStore: 'pages' | 'memory';
  /** Chance a power loss tears the first log record it cuts off. */
  tornWriteProbability: number;
  /** A process crash may tear the last unflushed record too. */
  tornOnProcessCrash: boolean;
  /** Log records written before t = 0 (not simulated); a memory store replays those after its last snapshot. */
  walHistoryRecords: number;
  /** The first write to a page after a checkpoint logs the whole 8 KiB page (PostgreSQL full_page_writes). */
  fullPageWrites: boolean;
  /** Chance a power loss tears the data page of each shard modified since the checkpoint. */
  tornPageProbability: number;
  /** 'leaderless': a coordinator sends each write to every replica (Cassandra, Dynamo). */
  replication: 'primary' | 'leaderless';
  /** Leaderless: replicas that must acknowledge a write (ANY: a stored hint is enough). */
  writeConsistency: 'ONE' | 'QUORUM' | 'ALL' | 'ANY';
  /** Leaderless: replicas a read asks. */
  readConsistency: 'ONE' | 'QUORUM' | 'ALL';
  keysPerShard: number;
  hotKeyFraction: number;
  hotTrafficFraction: number;
  /** Leaderless: repair the replicas a read asked on a digest mismatch before answering (Cassandra read_repair). */
  readRepair: 'BLOCKING' | 'NONE';
  hintedHandoff: boolean;
  /** No new hints for a node down longer than this (ms). */
  maxHintWindowMs: number;
  hintDeliveryBytesPerSec: number;
  maxHintsDeliveryThreads: number;
  /** Dynamo: a stand-in node takes a write an owner cannot, and hands it back later. */
  sloppyQuorum: boolean;
  merkleMaxDepth: number;
  merkleExchange: 'wholeTree' | 'levelByLevel';
  validationBytesPerSec: number;
  repairStreamBytesPerSec: number;
  /** Periodic anti-entropy per node (ms); 0 = only by repair.run. */
  antiEntropyIntervalMs: number;
  versioning: 'lww' | 'vectorClocks';
  /** 3-member control plane: a follower stands for election after a silence drawn from [min, max] (ms). */
  cpElectionTimeoutMinMs: number;
  cpElectionTimeoutMaxMs: number;
  /** A cold standby's cost per journal entry at takeover (ms). */
  cpApplyMsPerEntry: number;
  cpSnapshotEveryEntries: number;
  /** Keep a complete copy the new cp leader does not know of, instead of removing and re-planning it. */
  resumeCopies: boolean;
  bufferPolicy: 'noSteal' | 'steal';
  recoveryAlgorithm: 'redoOnly' | 'aries';
  /** Take a backup every this many ms; 0 = only by backup.take. */
  backupIntervalMs: number;
  /** Archive sealed log segments for point-in-time restore. */
  walArchive: boolean;
  restoreBytesPerSecPerNode: number;
  /** What replay does with a torn or corrupt record (RocksDB's wal_recovery_mode). */
  walRecoveryMode: WalRecoveryMode;
  /** How fast replay reads the log (bytes/s). */
  walScanBytesPerSec: number;
  /** Time replay takes to apply one record (ms). */
  walApplyMsPerRecord: number;
  /** Records each replay step reads (1 = every record is a step). */
  walReplayChunkRecords: number;
  /** How fast a memory store loads its snapshot at restart (bytes/s). */
  snapshotLoadBytesPerSec: number;
  /** Replay skips records the data already holds (page-LSN rule); false applies them again (teaching only). */
  idempotentApply: boolean;
}

export type WalRecoveryMode = 'pointInTime' | 'tolerateCorruptedTail' | 'absoluteConsistency' | 'skipAnyCorrupted';
export type CrashKind = 'process' | 'power';
export type RecoveryPhase = 'serving' | 'crashed' | 'loadingSnapshot' | 'replaying' | 'verifying' | 'refused' | 'catchingUp' | 'destroyed';
export type ReplayStopReason = 'end' | 'torn' | 'crc' | 'prevLink' | 'refused';

/** The replay-time formula, filled in: replayMs = startMs + snapshotMs + scanMs + applyMs. */
export interface ReplayCost {
  startMs: number;
  scannedBytes: number;
  scanMs: number;
  appliedRecords: number;
  applyMs: number;
  snapshotBytes: number;
  snapshotMs: number;
  totalMs: number;
}

export interface ReplayReport {
  scanned: number;
  applied: number;
  skipped: number;
  discarded: number;
  stoppedAt: number | null;
  reason: ReplayStopReason;
  mode: WalRecoveryMode;
  ms: number;
  cost: ReplayCost;
  running: boolean;
}

export interface CatchUpSplit {
  logTail: number;
  logEntries: number;
  snapshot: number;
  snapshotBytes: number;
  truncated: number;
  discarded: number;
  fetchedFrom: Record<string, number>;
}

export interface NodeRecoveryView {
  phase: RecoveryPhase;
  crashKind: CrashKind | null;
  checkpointRecord: number | null;
  replay: ReplayReport | null;
  amnesiac: boolean;
  corruptKnown: number;
  catchUp: CatchUpSplit | null;
}

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

export type RepairMode = 'unsafe_rollback' | 'unsafe_rollback_or_erase';

export interface FailoverConfig {
  /** Re-replicate automatically when a node is declared DEAD. */
  autoReReplicate: boolean;
  /** Run migration in the background (true) or block the failover path until it ends (false). */
  asyncReReplicate: boolean;
  /** Nodes the migrator knows how to reach. With none, failover falls back to callback-only. */
  registeredNodes: 'all' | NodeId[];
}

// ---------------------------------------------------------------- commands

export type Command =
  /** kind: 'process' (default; the OS page cache survives) or 'power' (only the flushed log survives). */
  | { type: 'node.crash'; node: NodeId; kind?: 'process' | 'power' }
  | { type: 'node.restart'; node: NodeId }
  | { type: 'node.destroy'; node: NodeId }
  | { type: 'node.checkpoint'; node: NodeId }
  | { type: 'node.rebuild'; node: NodeId }
  | { type: 'link.cut'; a: NodeId; b: NodeId; oneWay?: boolean }
  | { type: 'link.heal'; a: NodeId; b: NodeId }
  | { type: 'network.partition'; groups: NodeId[][] }
  | { type: 'network.heal' }
  | { type: 'rack.fail'; rack: RackId; kind?: 'process' | 'power' }
  | { type: 'cluster.powerLoss' }
  /** Flips a bit in one log record: the newest ('tail') or one halfway since the checkpoint ('middle'). */
  | { type: 'wal.corrupt'; node: NodeId; at: 'tail' | 'middle' }
  | { type: 'config.set'; path: string; value: number | boolean | string | string[] }
  | { type: 'workload.set'; writesPerSec: number; readsPerSec?: number }
  | { type: 'shard.emergencyRepair'; shard: ShardId; mode: RepairMode }
  | { type: 'replica.corrupt'; node: NodeId; shard: ShardId; keys?: number }
  | { type: 'disk.corrupt'; node: NodeId; fraction: number }
  | { type: 'scrub.run'; shard: ShardId; deep?: boolean }
  | { type: 'shard.repair'; shard: ShardId }
  /** Anti-entropy (leaderless only): Merkle trees compared, differing key ranges streamed; `all` = every shard (the node's, with `node`). */
  | { type: 'repair.run'; shard: ShardId | 'all'; mode: 'full' | 'incremental'; node?: NodeId }
  | { type: 'cp.crash'; member: string }
  | { type: 'cp.restart'; member: string }
  | { type: 'txn.run'; shard: ShardId; writes?: number; end: 'commit' | 'abort' | 'none' | 'prepare' }
  | { type: 'txn.resolve'; txn: string; decision: 'commit' | 'abort' }
  | { type: 'backup.take'; id: string }
  | { type: 'cluster.restore'; backup: string; targetMs?: number };

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
  /** Local recovery: phase, last crash, checkpoint, replay. */
  recovery: NodeRecoveryView;
  /** Its last restart with transactions in its log: each transaction, the rule applied and its fate; absent when none. */
  transactions?: NodeTransactionsView;
}

/** The chapter's rules: replay (committed), abort (in progress), rollBack (aborted, not undone), inDoubt, resolve, none. */
export type TransactionRule = 'replay' | 'abort' | 'rollBack' | 'inDoubt' | 'resolve' | 'none';

/** One row of a node's restart table. */
export interface TransactionAtRestart {
  txn: string;
  shard: ShardId;
  /** Its writes this node's log held. */
  writes: number;
  /** What the log held, in words: "3 PUT + COMMIT". */
  logHeld: string;
  rule: TransactionRule;
  /** Its fate in words. */
  fate: string;
  /** Compensation records written for it on this node so far. */
  clrs: number;
}

/** A node's last restart with transactions in its log. */
export interface NodeTransactionsView {
  restartAtMs: number;
  algorithm: 'redoOnly' | 'aries';
  rows: TransactionAtRestart[];
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
  /** The shard's counter on this replica (x = x + 1 per write): `lsn` unless replay applied a record twice. */
  counter: number;
  /** Its data fails its checksums: 'known' to cp, 'truth' only (nobody has noticed yet), or null. */
  corrupt: 'known' | 'truth' | null;
  /** Came back below what it had acknowledged and has not caught up past it: it neither votes nor serves fresh reads. */
  amnesiac: boolean;
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
  /** Flagged inconsistent (a scrub found a corrupt replica); cleared by `shard.repair`. */
  inconsistent: boolean;
  /** Nodes holding a known-corrupt copy, including removed copies awaiting deletion. */
  corruptKnown: NodeId[];
  /** Key-level divergence (leaderless replication) and incremental repair's marks; null while it has neither. */
  divergence: {
    staleReplicas: number;
    staleKeys: number;
    divergentReplicas: NodeId[];
    repairedAt: number | null;
    pendingRepair: boolean;
    inconsistent: boolean;
  } | null;
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
  corruptReplicasTruth: number;
  corruptReplicasKnown: number;
  corruptionDetectionDelayMs: number | null;
  scrubBytes: number;
  walRecordsReplayed: number;
  walRecordsSkipped: number;
  walRecordsDiscarded: number;
  walTornRecords: number;
  walCorruptRecords: number;
  /** Must stay 0 (only idempotentApply false makes it grow). */
  recordsAppliedTwice: number;
  /** The latest finished replay, snapshot load included (ms). */
  lastReplayMs: number | null;
  replayBytes: number;
  snapshotBytesLoaded: number;
  nodesRecovering: number;
  nodesRefused: number;
  /** Log entries lagging replicas fetched from their source's log. */
  catchUpLogEntries: number;
  /** Bytes of snapshots copied to replicas the source's log no longer reached back to. */
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

export interface RunResult {
  reached: boolean;
  timeMs: number;
  /** Plain words: what was reached, or why the run stopped at maxMs. */
  reason: string;
}

// ---------------------------------------------------------------- scenario files

/** A node of an explicit node list in a scenario file. */
export interface NodeSpec {
  id: NodeId;
  rack: RackId;
  /** Overrides `params.rebuildBytesPerSecPerNode` for this node (in and out). */
  rebuildBytesPerSec?: number;
}

/** A scenario as written in a JSON file (README, "Scenario files"). Only `nodes` and `shards` are required. */
export interface ScenarioFile {
  /** A slug: lowercase letters, digits and "-". */
  id?: string;
  title?: string;
  description?: string;
  /** What the learner should watch, in order. */
  watch?: string[];
  seed?: number;
  /** A count (nodes n1…nN dealt over racks r1…rR in turn) or an explicit list. */
  nodes: number | NodeSpec[];
  racks?: number;
  shards: number;
  replicationFactor?: number;
  shardSizeBytes?: number;
  params?: Partial<SimParams>;
  failover?: Partial<FailoverConfig>;
  /** Pinned placements: shard id → node ids, first = configured primary. */
  placement?: Record<ShardId, NodeId[]>;
  /** Voting replicas of pinned shards. */
  voters?: Record<ShardId, NodeId[]>;
  profile?: ProfileId | null;
  workload?: Partial<Omit<WorkloadSpec, 'txn'>> & { txn?: Partial<WorkloadTxnSpec> & { fraction: number } };
  timeline?: TimedCommand[];
  /** The control plane as a group (absent = one member "cp" without a journal). */
  controlPlane?: { members?: 1 | 3; journal?: boolean; standby?: 'hot' | 'cold' };
}

// ---------------------------------------------------------------- the driver

export interface TimedCommand {
  atMs: number;
  command: Command;
}

export interface LoadOptions {
  /** Overrides the scenario's seed: a whole number from 0 to 4294967295 (else `load` rejects with a RangeError). */
  seed?: number;
  /** `false` loads the scenario without its own timeline, so only your commands act on the run. Default `true`. */
  timeline?: boolean;
}

/** What `load` set up: the scenario id, the seed, and the commands its own timeline will apply (none with `timeline: false`). */
export interface LoadResult {
  scenario: string;
  seed: number;
  timeline: TimedCommand[];
}

/** A timeline command that came due but could not apply. */
export interface SkippedCommand {
  atMs: number;
  command: Command;
  /** The engine's words: which command, and why it could not apply. */
  text: string;
}

/**
 * `window.failoverLab`. The engine runs in a Web Worker, so every call returns a promise (await it): it resolves
 * once the worker has acted and the page's store shows the result. A bad argument rejects with a RangeError
 * naming the limit, with the same words as before.
 */
// ---------------------------------------------------------------- repair view (getRepairView)

/** One drawn node of a Merkle tree: level 0 is the root; `index` counts from the left within its level. */
export interface MerkleNodeView {
  level: number;
  index: number;
  /** The first 4 hex digits of its hash (the panel's label). */
  hash: string;
  /** Its hash differs from the same node in the other replica's tree. */
  differs: boolean;
}

/** One replica's tree as drawn: the top levels in full, deeper levels only along differing paths (design §12). */
export interface MerkleTreeView {
  replica: string;
  /** The root's hash, 8 hex digits. */
  root: string;
  /** levels[ℓ] = the nodes drawn at level ℓ, left to right. */
  levels: MerkleNodeView[][];
}

export type RepairSessionPhase = 'requested' | 'validating' | 'comparing' | 'streaming' | 'finished' | 'failed';

/** An anti-entropy session (`repair.run`), running or the latest one for the shard. */
export interface RepairSessionView {
  id: string;
  shard: string;
  mode: 'full' | 'incremental';
  exchange: 'wholeTree' | 'levelByLevel';
  phase: RepairSessionPhase;
  /** The tree level being compared (level by level), or null outside `comparing`. */
  level: number | null;
  participants: string[];
  /** Hashes sent so far by every participant, and what sending every tree whole would cost ("hashes exchanged / whole tree"). */
  hashesExchanged: number;
  wholeTreeHashes: number;
  /** Keys streamed so far, and the stale keys those ranges held ("keys streamed / stale keys"). */
  keysStreamed: number;
  staleKeys: number;
  /** Leaves whose hashes differed, ascending. */
  differingLeaves: number[];
  startedAtMs: number;
  endedAtMs: number | null;
  /** Why it failed (a participant went down), else null. */
  failedReason: string | null;
}

/** A key some replica holds differently: the version each replica holds (a writeId, 'older' or 'corrupt'). */
export interface StaleKeyView {
  key: number;
  /** The leaf (key range) it falls in. */
  leaf: number;
  hot: boolean;
  latest: number;
  versions: { replica: string; version: number | 'older' | 'corrupt' }[];
}

/** Everything the Repair panel shows for one shard (`sim.getRepairView(shard, pair?)`). */
export interface RepairView {
  shard: string;
  /** Tree depth D (levels below the root), its leaves (2^D) and keys per leaf. */
  depth: number;
  leaves: number;
  keysPerLeaf: number;
  replicas: string[];
  /** The two replicas drawn side by side (by default the session's, else the most divergent pair). */
  pair: [string, string];
  trees: [MerkleTreeView, MerkleTreeView];
  session: RepairSessionView | null;
  /** Stale keys, most recently written first, capped at `staleKeysShown`; `staleKeysTotal` counts them all. */
  staleKeys: StaleKeyView[];
  staleKeysTotal: number;
  staleKeysShown: number;
  repairedAt: number | null;
  pendingRepair: boolean;
  /** Hints held for this shard's replicas, not yet delivered. */
  hintsPending: number;
}

// ---------------------------------------------------------------- control plane view (getControlPlaneView)

export type CpMemberRole = 'leader' | 'follower' | 'candidate' | 'down';

export interface CpMemberView {
  /** "cp1"… ("cp" with one member). */
  id: string;
  up: boolean;
  role: CpMemberRole;
  /** The highest term this member has seen. */
  term: number;
  /** The last journal index it holds (committed or not). */
  journalIndex: number;
  /** The last index it has applied to its placement state (a cold standby lags until it takes over). */
  appliedIndex: number;
}

export type CpFailoverStep = 'leaderLost' | 'electionStarted' | 'elected' | 'noopCommitted' | 'journalReplayed' | 'stateValidated' | 'monitorRestarted';

export interface CpFailoverView {
  from: string;
  to: string | null;
  term: number;
  steps: { step: CpFailoverStep; atMs: number; text: string }[];
  done: boolean;
}

export interface JournalEntryView {
  index: number;
  term: number;
  /** The MetaEntry type, e.g. "copy.planned", "node.declaredDead". */
  kind: string;
  text: string;
  /** Held by a majority of members. */
  committed: boolean;
  heldBy: string[];
}

export interface ControlPlaneView {
  members: CpMemberView[];
  leader: string | null;
  term: number;
  commitIndex: number;
  journal: boolean;
  standby: 'hot' | 'cold';
  snapshotIndex: number;
  /** The newest journal entries (at most 50), oldest first. */
  entries: JournalEntryView[];
  /** The leader failover under way, or the latest one; null before any. */
  failover: CpFailoverView | null;
}

// ---------------------------------------------------------------- restore view (getRestoreView)

export interface BackupView {
  id: string;
  /** When it was taken (simulated ms). */
  atMs: number;
  shards: number;
  /** One copy of every shard. */
  bytes: number;
  /** Acknowledged writes it holds, summed over shards. */
  writesHeld: number;
  /** Why it can no longer be restored (a later restore discarded the history it was taken on), or null. */
  discardedBy: string | null;
}

export type RestorePhase = 'requested' | 'loading' | 'replayingArchive' | 'finished';

/** RTO = bytes / (nodes × rate) + archivedBytes / scanRate + archivedRecords × applyMs: each term, filled in. */
export interface RtoFormula {
  totalBytes: number;
  liveNodes: number;
  bytesPerSecPerNode: number;
  loadMs: number;
  archivedBytes: number;
  walScanBytesPerSec: number;
  scanMs: number;
  archivedRecords: number;
  walApplyMsPerRecord: number;
  applyMs: number;
  /** loadMs + scanMs + applyMs. */
  rtoMs: number;
  /** The formula with its numbers, in words: "2.3 GiB / (3 × 128 MiB/s) = 6000 ms". */
  text: string;
}

export interface RestoreRunView {
  backup: string;
  /** When the backup was taken. */
  backupAtMs: number;
  /** Point-in-time target, or null (the backup only). */
  targetMs: number | null;
  phase: RestorePhase;
  startedAtMs: number;
  finishedAtMs: number | null;
  bytesDone: number;
  bytesTotal: number;
  /** Acknowledged writes it does not bring back: final once finished, what it will lose while it runs. */
  rpoWrites: number;
  rpoFinal: boolean;
  /** The cause its LostWrites entries carry ("restored to backup b1 taken at 30.0 s"). */
  cause: string;
  rto: RtoFormula;
}

export interface RestoreView {
  backups: BackupView[];
  /** The restore under way, or the last one; null before any. */
  restore: RestoreRunView | null;
  /** params.walArchive, and the writes in archived (sealed) segments. */
  walArchive: boolean;
  archivedWrites: number;
}

export interface FailoverLabDriver {
  readonly version: '1.1';
  /** Resolves once the console has rendered its first frame. */
  readonly ready: Promise<void>;
  /** Applies a command now. Resolves to the engine's message instead of rejecting when it is refused (also shown as an alert). */
  dispatch(command: Command): Promise<{ ok: true } | { ok: false; error: string }>;
  /** One event forward; resolves to its trace entries. */
  step(): Promise<TraceEntry[]>;
  /** Forward `ms` simulated ms; rejects with a RangeError naming the limit unless the run stays within 24 h (86400000 ms). */
  advanceBy(ms: number): Promise<void>;
  /** `maxMs` is absolute simulated time, at most 86400000 (24 h); default ten minutes from now. Rejects with a RangeError naming the limit past it. */
  runUntil(target: 'healthy' | 'idle' | 'converged', options?: { maxMs?: number }): Promise<RunResult>;
  getState(): Promise<ClusterState>;
  /**
   * One shard's Merkle trees, repair session and stale keys, as the Repair panel shows them (leaderless replication;
   * null in primary mode). `pair`: the two replica ids to draw (default: the session's, else the most divergent).
   * Rejects for an unknown shard or a pair that is not two of its replicas.
   */
  getRepairView(shard: string, pair?: [string, string]): Promise<RepairView | null>;
  /** Backups taken and the cluster restore under way or last (backup, target, phase, bytes, RPO writes, RTO with its formula). */
  getRestoreView(): Promise<RestoreView>;
  /** The control plane: members (role, term, journal index), leader, commit index, newest journal entries, the latest leader failover step by step. */
  getControlPlaneView(): Promise<ControlPlaneView>;
  getTrace(sinceSeq?: number): Promise<TraceEntry[]>;
  digest(): Promise<string>;
  pause(): Promise<void>;
  play(): Promise<void>;
  /** Above 0 and at most 64; rejects with a RangeError naming the limit otherwise. */
  setSpeed(x: number): Promise<void>;
  /** Exact: re-simulates from the inputs. `n` a whole number, 0 or more (more than have happened goes to the start); else rejects with a RangeError. */
  stepBack(n?: number): Promise<void>;
  /** Exact: re-simulates from the inputs. `timeMs` from 0 to 86400000 (24 h); else rejects with a RangeError naming the limit. */
  seek(timeMs: number): Promise<void>;
  /**
   * Loads a built-in scenario by id, or a scenario object (validated; rejects naming every problem). Its own
   * timeline still runs unless `timeline: false`; the result lists what it will apply.
   */
  load(scenario: string | ScenarioFile, options?: LoadOptions): Promise<LoadResult>;
  /** Timeline commands that came due and could not apply (e.g. you crashed n3 first), each with why; also shown as an alert. */
  getSkippedCommands(): Promise<SkippedCommand[]>;
  /** A URL that rebuilds this exact moment. */
  getShareUrl(): Promise<string>;
  /** Selects a node or shard in the view, or clears the selection. */
  select(selection: { kind: 'node' | 'shard'; id: string } | null): Promise<void>;
  /**
   * Calls `callback` for each `time` ({timeMs, event, playing}: after each step, seek and load, at most 4 a second
   * while playing), `trace` ({seq, entries}: new trace entries in order, batched) or `alert` ({message}: each new
   * alert) from now on. Returns the unsubscribe. Synchronous; throws a TypeError for an unknown event.
   */
  on<E extends DriverEventName>(event: E, callback: (data: DriverEventMap[E]) => void): () => void;
}

// ---------------------------------------------------------------- driver events (on)

export type DriverEventName = 'time' | 'trace' | 'alert';

/** The run's moment (also the embed protocol's `time` event). */
export interface TimeEventData {
  timeMs: number;
  event: number;
  playing: boolean;
}

/** New trace entries, in order; `seq` is the first one's. */
export interface DriverTraceEvent {
  seq: number;
  entries: TraceEntry[];
}

export interface AlertEventData {
  message: string;
}

export interface DriverEventMap {
  time: TimeEventData;
  trace: DriverTraceEvent;
  alert: AlertEventData;
}

declare global {
  interface Window {
    failoverLab?: FailoverLabDriver;
    /** Every console in this document by its `instance=` URL parameter ('default' without one). */
    failoverLabInstances?: Record<string, FailoverLabDriver>;
  }
}
