import { MAX_NODES, MAX_SHARDS, type FailoverConfig, type SimParams, type WorkloadSpec } from '../engine/index';

/**
 * What a scenario gets for every field it leaves out. Scaled for a
 * classroom: failures are detected in seconds, not minutes, and a 64 MiB
 * shard copies in about a second at the default rebuild rate.
 */

export const DEFAULT_PARAMS: Readonly<SimParams> = Object.freeze({
  heartbeatIntervalMs: 1000,
  suspectAfterMs: 3000,
  deadAfterMs: 10000,
  // ZeptoDB re-homes at once; built-ins raise this to show why others wait.
  rehomeGraceMs: 0,
  rebuildBytesPerSecPerNode: 67108864, // 64 MiB/s
  maxConcurrentCopiesPerNode: 2,
  // A stalled copy is abandoned and re-planned after this. Real systems wait minutes (HDFS re-queues a
  // replication task whose target never reported the block after its pending-reconstruction timeout, 300 s;
  // ZeptoDB's move_timeout is 300 s) or seconds (CockroachDB throttles a store after a failed snapshot
  // reservation for server.failed_reservation_timeout, 5 s); scaled down like the grace period, and below
  // deadAfterMs so the learner sees the migrator find a dead node before the monitor does.
  copyStreamTimeoutMs: 5000,
  linkLatencyMs: 2,
  controlPlaneStepMs: 100,
  // The fixed start-up of a restart; the replay itself costs what its records cost (recovery-repair.md §3.6).
  walReplayMs: 500,
  // RocksDB's default recovery mode; PostgreSQL also stops at the first invalid record.
  walRecoveryMode: 'pointInTime',
  walScanBytesPerSec: 67108864, // 64 MiB/s
  // 5 ms a record so a replay step is visible; etcd applies ~10k entries/s (0.1 ms), used in the snapshot exercise.
  walApplyMsPerRecord: 5,
  // Every record is a step; built-ins with >= 100 nodes set 256.
  walReplayChunkRecords: 1,
  snapshotLoadBytesPerSec: 536870912, // 512 MiB/s
  idempotentApply: true,
  // Raft election timeouts are 1–2 s in RethinkDB (domain facts §1.1).
  electionTimeoutMs: 1500,
  // Corruption (design recovery-repair.md §6): reads check checksums (HDFS); scrubs are off unless a scenario turns
  // them on (built-ins use 20 s / 60 s for Ceph's 1-day / 7-day intervals); a deep scrub reads 16 MiB/s.
  checksumOnRead: true,
  scrubIntervalMs: 0,
  deepScrubIntervalMs: 0,
  scrubBytesPerSec: 16777216,
  corruptionResponse: 'reReplicate',
  scrubAutoRepair: true,
  // Each replica's header checksum at restart: costs ~0 and finds torn pages, not bit rot.
  verifyOnRestart: 'metadata',
  // 0 keeps the whole log: every lagging replica catches up from it. Built-ins that teach snapshot catch-up set 50.
  logRetainEntries: 0,
  // CockroachDB held off log truncation for a replica contactable in the last 10 s.
  logTruncationHoldMs: 10000,
  catchUpBytesPerSec: 33554432, // 32 MiB/s
  // The write-ahead log (design recovery-repair.md §3.2–§3.3): PostgreSQL's 24-byte record header, 1 KiB rows,
  // 4 MiB segments (Cassandra 32 MiB, etcd 64 MB, scaled down so a classroom log has several).
  walRecordHeaderBytes: 24,
  walWriteBytes: 1024,
  walSegmentBytes: 4194304,
  // 4,096 records × ~18 bytes of typed arrays ≈ 72 KiB per node at most.
  walDetailRecordsPerNode: 4096,
  // Flushed before each acknowledgement (PostgreSQL, etcd); Cassandra's periodic mode flushes every 10 s, scaled to 1 s.
  walSyncMode: 'perCommit',
  walSyncPeriodMs: 1000,
  // PostgreSQL checkpoints every 5 min, etcd snapshots every 100,000 entries: scaled so a classroom replay is short.
  checkpointIntervalMs: 30000,
  snapshotEveryRecords: 1000,
  stateStore: 'pages',
  tornWriteProbability: 0.5,
  tornOnProcessCrash: false,
  // No earlier traffic: the log starts at t = 0 (§4's exercise sets 200,000).
  walHistoryRecords: 0,
  // PostgreSQL's full_page_writes = on; §3.4's classroom chance of a torn data page at a power loss.
  fullPageWrites: true,
  tornPageProbability: 0.25,
  // Replica divergence and repair (design recovery-repair.md §7): off (primary replication) unless a profile or scenario
  // turns it on. Cassandra's defaults scaled for a classroom: QUORUM both ways, blocking read repair, a 60 s hint window
  // for its 3 h, 1 MiB/s × 2 hint threads, 64 MiB/s validation, 24 MiB/s streaming, trees 15 deep (classroom built-ins 4).
  replication: 'primary',
  writeConsistency: 'QUORUM',
  readConsistency: 'QUORUM',
  keysPerShard: 1024,
  hotKeyFraction: 0.1,
  hotTrafficFraction: 0.9,
  readRepair: 'BLOCKING',
  hintedHandoff: false,
  maxHintWindowMs: 60000,
  hintDeliveryBytesPerSec: 1048576, // 1 MiB/s
  maxHintsDeliveryThreads: 2,
  sloppyQuorum: false,
  merkleMaxDepth: 15,
  merkleExchange: 'wholeTree',
  validationBytesPerSec: 67108864, // 64 MiB/s
  repairStreamBytesPerSec: 25165824, // 24 MiB/s
  antiEntropyIntervalMs: 0,
  versioning: 'lww',
  // Control plane group, transactions, restore (design recovery-repair.md §8–§10): Raft's 1–2 s election timeout, a cold
  // standby applying 1 ms per journal entry from a snapshot every 1,000 entries; PostgreSQL's redo-only recovery; no
  // scheduled backups; 128 MiB/s per node from backup.
  cpElectionTimeoutMinMs: 1000,
  cpElectionTimeoutMaxMs: 2000,
  cpApplyMsPerEntry: 1,
  cpSnapshotEveryEntries: 1000,
  resumeCopies: false,
  bufferPolicy: 'noSteal',
  recoveryAlgorithm: 'redoOnly',
  backupIntervalMs: 0,
  walArchive: false,
  restoreBytesPerSecPerNode: 134217728, // 128 MiB/s
});

export const DEFAULT_WORKLOAD: Readonly<WorkloadSpec> = Object.freeze({ writesPerSec: 0, readsPerSec: 0 });

export const DEFAULT_FAILOVER: Readonly<FailoverConfig> = Object.freeze({
  autoReReplicate: true,
  asyncReReplicate: true,
  registeredNodes: 'all',
});

export const DEFAULT_REPLICATION_FACTOR = 3;
export const DEFAULT_SHARD_SIZE_BYTES = 67108864; // 64 MiB
export const DEFAULT_SEED = 1;

/** Caps that keep a scenario from freezing the browser tab that loads it (all limits: engine/input-limits.ts). */
export const SCENARIO_LIMITS = Object.freeze({ maxNodes: MAX_NODES, maxShards: MAX_SHARDS });
