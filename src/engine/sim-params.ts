import type {
  CorruptionResponse,
  MerkleExchange,
  ReadConsistency,
  ReadRepairMode,
  Replication,
  StateStore,
  VerifyOnRestart,
  Versioning,
  WalRecoveryMode,
  WalSyncMode,
  WriteConsistency,
  BufferPolicy,
  RecoveryAlgorithm,
} from './recovery-types';

/** The simulation's tunable settings: `params` in a scenario file, `config.set params.*` at run time. */
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
  /**
   * The fixed start-up part of a restart (open files, read the control file), before the replay's per-record
   * cost (design recovery-repair.md §3.6: replayMs = walReplayMs + scannedBytes / walScanBytesPerSec + applied × walApplyMsPerRecord).
   */
  walReplayMs: number;
  // ---- replay (design recovery-repair.md §3.5–§3.7, §4, §11.2)
  /**
   * What replay does with a torn or corrupt record, named after RocksDB's wal_recovery_mode: stop there (pointInTime,
   * RocksDB's default; PostgreSQL), cut a bad tail and start but refuse mid-log (tolerateCorruptedTail; etcd, Cassandra),
   * refuse to start (absoluteConsistency; MyRocks), or skip it and go on (skipAnyCorrupted).
   */
  walRecoveryMode: WalRecoveryMode;
  /** How fast replay reads the log sequentially (bytes/s). Classroom 64 MiB/s. */
  walScanBytesPerSec: number;
  /** Time replay takes to apply one record to the data pages (ms). Classroom 5 so a step is visible; etcd applies ~10k entries/s (0.1). */
  walApplyMsPerRecord: number;
  /** Records each replay step reads: 1 makes every record a step; big clusters use 256 so a rack restart stays a few events per node. */
  walReplayChunkRecords: number;
  /** How fast a memory store loads its snapshot at restart (bytes/s). Classroom 512 MiB/s. */
  snapshotLoadBytesPerSec: number;
  /**
   * Replay skips a record the data already holds (PostgreSQL's page-LSN rule). Off only to teach why: each write is
   * x = x + 1, so a record applied twice shows as a counter above the acknowledged writes (recordsAppliedTwice).
   */
  idempotentApply: boolean;
  /** Time the control plane takes to elect a new primary once it decides one is needed (Raft election timeout). */
  electionTimeoutMs: number;
  // ---- corruption and scrub (design recovery-repair.md §6, §11.2)
  /**
   * A read verifies the checksums of what it reads; a mismatch marks the replica corrupt and the read is retried on
   * another replica. Real anchor: HDFS verifies every 512-byte chunk with CRC32C (dfs.bytes-per-checksum, dfs.checksum.type).
   */
  checksumOnRead: boolean;
  /** Each node's light scrub (sizes and object counts; bit rot passes it), every this many ms; 0 = off. Ceph osd_scrub_min_interval 1 day. */
  scrubIntervalMs: number;
  /** Gap between the end of one deep scrub of a node (every replica read, data checksums checked) and the start of the next; 0 = off. Ceph osd_deep_scrub_interval 7 days; HDFS block scanner 504 h. */
  deepScrubIntervalMs: number;
  /** How fast a deep scrub (and a full verify on restart) reads a node's replicas, in bytes/s. Ceph osd_scrub_* throttles; HDFS 1 MiB/s per volume. */
  scrubBytesPerSec: number;
  /** What cp does with a replica found corrupt: re-replicate it (HDFS, ZeptoDB), mark the shard inconsistent for an operator (Ceph), or stop the node (CockroachDB). */
  corruptionResponse: CorruptionResponse;
  /** markInconsistent only: repair at once after a scrub finds at most 5 corrupt objects (Ceph osd_scrub_auto_repair, default false; osd_scrub_auto_repair_num_errors 5). */
  scrubAutoRepair: boolean;
  /** What a restarting node checks before it serves: nothing, each replica's header checksum (cost ~0), or every byte at scrubBytesPerSec. */
  verifyOnRestart: VerifyOnRestart;
  // ---- catch-up from peers (design recovery-repair.md §5.3, §11.2)
  /**
   * Entries the primary's log keeps behind its newest (0 = keep the whole log). A replica further behind than the
   * log reaches is caught up by a snapshot (design §5.3). Real anchor: etcd keeps 5,000 (DefaultSnapshotCatchUpEntries).
   */
  logRetainEntries: number;
  /**
   * The primary does not truncate its log past a replica it heard from within this time, so a short absence is
   * caught up from the log (ms). Real anchor: CockroachDB held truncation for a replica contactable in the last 10 s.
   */
  logTruncationHoldMs: number;
  /** Rate at which a replica fetches missed log entries from its source (bytes/s). Real anchor: 32 MiB/s. */
  catchUpBytesPerSec: number;
  // ---- the write-ahead log (design recovery-repair.md §3.2–§3.3, §11.2)
  /** Bytes of each log record's header. Real anchor: PostgreSQL's XLogRecord is 24 bytes. */
  walRecordHeaderBytes: number;
  /** Bytes of a write's payload in its log record (a PUT is header + this). */
  walWriteBytes: number;
  /** Bytes per log segment file (display, and the "last segment" of tolerateCorruptedTail). Cassandra 32 MiB, etcd 64 MB. */
  walSegmentBytes: number;
  /** Most log records each node keeps itemised since its checkpoint; older ones fold into segment summaries. */
  walDetailRecordsPerNode: number;
  /**
   * When a replica flushes its log: 'perCommit' before it acknowledges a write (PostgreSQL synchronous_commit=on,
   * etcd), or 'periodic' every walSyncPeriodMs, acknowledging at once (Cassandra commitlog_sync: periodic).
   */
  walSyncMode: WalSyncMode;
  /** With walSyncMode 'periodic': how often each node flushes its log (ms). Real anchor: Cassandra commitlog_sync_period 10,000 ms. */
  walSyncPeriodMs: number;
  /** Page stores flush their data pages and mark the log every this many ms; 0 = never. Real anchor: PostgreSQL checkpoint_timeout 5 min. */
  checkpointIntervalMs: number;
  /** Memory stores write a snapshot every this many log records; 0 = never. Real anchor: etcd --snapshot-count 100,000, ZooKeeper snapCount 100,000. */
  snapshotEveryRecords: number;
  /** 'pages': data files survive a crash and checkpoints bound replay (PostgreSQL, Cassandra); 'memory': state is rebuilt from a snapshot plus the log (etcd, ZooKeeper, ZeptoDB). */
  stateStore: StateStore;
  /** Chance a power loss tears the first record it cuts off (only part of it reached the disk); drawn from `node:<id>:crash`. */
  tornWriteProbability: number;
  /** A process crash may tear the last record too (a write the OS had not finished). Default false: the page cache survives a process crash. */
  tornOnProcessCrash: boolean;
  /**
   * Log records written before t = 0, standing for earlier traffic without simulating it (design §4, exercise 2):
   * a memory store replays those after its last snapshot (all of them with snapshots off). Read once, when the run
   * is built. Kept as segment summaries, never one by one.
   */
  walHistoryRecords: number;
  /**
   * The first PUT per shard after a checkpoint carries an image of the whole 8 KiB page (PostgreSQL full_page_writes,
   * default on): the log grows, and a page torn by a power loss is restored from the image at replay.
   */
  fullPageWrites: boolean;
  /**
   * Chance a power loss tears the data page of each shard modified since the checkpoint (a page write is not atomic);
   * harmless with fullPageWrites, corruption found at verify without. Drawn from `node:<id>:crash` after the log's draws.
   */
  tornPageProbability: number;
  // ---- replica divergence and repair (design recovery-repair.md §7, §11.2); all off unless replication is 'leaderless'
  /** 'primary': a shard's primary orders writes and a majority of voters acknowledges them. 'leaderless': a coordinator sends each write to every replica (Cassandra, Dynamo). */
  replication: Replication;
  /** Leaderless: replicas that must acknowledge a write (ANY: a stored hint is enough). Cassandra's write consistency level. */
  writeConsistency: WriteConsistency;
  /** Leaderless: replicas a read asks (one for the data, the rest for digests). Cassandra's read consistency level. */
  readConsistency: ReadConsistency;
  /** Keys in each shard (shard bytes / row bytes in a real system; 1,024 keeps a classroom tree small). A row is walWriteBytes. */
  keysPerShard: number;
  /** The hot set's share of a shard's keys, and the share of traffic that goes to it (reads repair hot keys first). */
  hotKeyFraction: number;
  hotTrafficFraction: number;
  /** Leaderless reads: on a digest mismatch, write the newest version back to the replicas the read asked before answering (BLOCKING), or never (NONE). Cassandra's read_repair, default BLOCKING. */
  readRepair: ReadRepairMode;
  /** Leaderless: a coordinator keeps a hint for a replica it believes down and hands it over when the replica returns. Cassandra hinted_handoff_enabled. */
  hintedHandoff: boolean;
  /** No new hints for a node down longer than this (ms). Cassandra max_hint_window 3 h; classroom 60 s. */
  maxHintWindowMs: number;
  /** Hint delivery rate of one thread (bytes/s), shared among the other nodes. Cassandra hinted_handoff_throttle 1024 KiB. */
  hintDeliveryBytesPerSec: number;
  /** Hint delivery threads per node. Cassandra max_hints_delivery_threads 2. */
  maxHintsDeliveryThreads: number;
  /** Dynamo: a write that cannot reach an owner is taken by the next healthy node, which hands it back later. */
  sloppyQuorum: boolean;
  /** Deepest Merkle tree (a tree has min(ceil(log2 keysPerShard), this) levels below its root). Cassandra 15 (≤ 20); classroom 4. */
  merkleMaxDepth: number;
  /** How replicas compare trees: every hash at once (Cassandra) or level by level from the root (Dynamo, Riak). */
  merkleExchange: MerkleExchange;
  /** How fast a replica reads itself to build its tree (validation compaction), bytes/s. Cassandra compaction_throughput 64 MiB/s. */
  validationBytesPerSec: number;
  /** How fast repair streams differing ranges, bytes/s. Cassandra stream_throughput_outbound 24 MiB/s. */
  repairStreamBytesPerSec: number;
  /** Each node starts an anti-entropy session for its shards every this many ms; 0 = only by repair.run (Riak active anti-entropy). */
  antiEntropyIntervalMs: number;
  /** Leaderless conflicts: last writer wins (Cassandra), or Dynamo's version vectors with siblings. */
  versioning: Versioning;
  // ---- control plane group, transactions, backup and restore (design recovery-repair.md §8–§10, §11.2)
  /** With a 3-member control plane: each follower waits a time drawn from [min, max] without hearing the leader before it stands (Raft, RethinkDB 1–2 s). */
  cpElectionTimeoutMinMs: number;
  cpElectionTimeoutMaxMs: number;
  /** A cold standby's cost to apply one journal entry when it takes over (a hot standby has applied them already). */
  cpApplyMsPerEntry: number;
  /** The control plane snapshots its journal every this many entries; a cold standby replays from the last snapshot. */
  cpSnapshotEveryEntries: number;
  /** A copy whose plan the new leader does not know is kept (copy.resumed) when it is complete, instead of being removed and re-planned (ZeptoDB's checkpointed migrator). */
  resumeCopies: boolean;
  /** May a checkpoint flush a running transaction's provisional changes (steal) or never (noSteal)? */
  bufferPolicy: BufferPolicy;
  /** Restart recovery of transactions: redo only (PostgreSQL) or ARIES analysis, redo and undo with compensation records. */
  recoveryAlgorithm: RecoveryAlgorithm;
  /** Take a backup (backup.take) every this many ms; 0 = only by command. */
  backupIntervalMs: number;
  /** Archive every sealed log segment, so cluster.restore can replay past the backup to a target time (point-in-time recovery). */
  walArchive: boolean;
  /** How fast each node loads its replicas back from a backup (bytes/s). */
  restoreBytesPerSecPerNode: number;
}
