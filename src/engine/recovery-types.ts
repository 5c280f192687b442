import type { WalRecordType } from './model/wal';

/**
 * Public views of local recovery (design recovery-repair.md §3–§6, §11.5, §12): the log a node holds,
 * its recovery phase and what its last replay did. Read through `sim.state().nodes[].recovery`,
 * `sim.getWal(node)` and the CLI report's `nodes[].recovery`.
 */

export type { WalRecordType } from './model/wal';

/** RocksDB's `wal_recovery_mode`, in camelCase: what replay does with a torn or corrupt record. */
export type WalRecoveryMode = 'pointInTime' | 'tolerateCorruptedTail' | 'absoluteConsistency' | 'skipAnyCorrupted';
export const WAL_RECOVERY_MODES: readonly WalRecoveryMode[] = ['pointInTime', 'tolerateCorruptedTail', 'absoluteConsistency', 'skipAnyCorrupted'];

/** A process crash keeps everything written (the OS page cache survives); a power loss keeps only what was synced. */
export type CrashKind = 'process' | 'power';
export const CRASH_KINDS: readonly CrashKind[] = ['process', 'power'];

export type WalSyncMode = 'perCommit' | 'periodic';
/** Page stores keep data files and checkpoint; memory stores load a snapshot and replay the log after it. */
export type StateStore = 'pages' | 'memory';
export type VerifyOnRestart = 'none' | 'metadata' | 'full';
export type CorruptionResponse = 'reReplicate' | 'markInconsistent' | 'fatal';

// ---- replica divergence and repair (design recovery-repair.md §7, §11.2)
/** Who takes a write: the shard's primary and a majority of voters, or every replica with a coordinator counting acks (Cassandra, Dynamo). */
export type Replication = 'primary' | 'leaderless';
/** How many replicas must acknowledge a leaderless write: one, a majority of RF, all, or any node at all, a hint included (Cassandra's ANY). */
export type WriteConsistency = 'ONE' | 'QUORUM' | 'ALL' | 'ANY';
export type ReadConsistency = 'ONE' | 'QUORUM' | 'ALL';
/** Cassandra 4.0's table option read_repair: repair the replicas a read contacted before answering, or never. */
export type ReadRepairMode = 'BLOCKING' | 'NONE';
/** How two replicas compare Merkle trees: every hash at once (Cassandra), or level by level from the root (Dynamo, Riak). */
export type MerkleExchange = 'wholeTree' | 'levelByLevel';
/** Last-writer-wins, or Dynamo's version vectors keeping concurrent versions as siblings. */
export type Versioning = 'lww' | 'vectorClocks';
/** Design §9.1: may a checkpoint flush a running transaction's provisional changes (steal, ARIES) or never (noSteal, PostgreSQL)? */
export type BufferPolicy = 'noSteal' | 'steal';
/** Design §9.1: one redo pass (PostgreSQL), or ARIES's analysis, redo and undo with compensation records. */
export type RecoveryAlgorithm = 'redoOnly' | 'aries';

/**
 * Where a node is on its way back (the seed's detection → reconstruction → reintegration):
 * serving → (crash) crashed → loadingSnapshot (memory stores) → replaying → verifying → catchingUp → serving;
 * refused when the recovery mode will not start on what the log holds; destroyed when the disk is gone.
 */
export type RecoveryPhase = 'serving' | 'crashed' | 'loadingSnapshot' | 'replaying' | 'verifying' | 'refused' | 'catchingUp' | 'destroyed';

/** What replay decided about one record. `pending` = not read by a replay yet; `lost` = cut off by a power loss. */
export type WalRecordFate = 'pending' | 'applied' | 'skipped' | 'discarded' | 'torn' | 'crcMismatch' | 'badPrevLink' | 'lost';

/** Why a replay stopped. */
export type ReplayStopReason = 'end' | 'torn' | 'crc' | 'prevLink' | 'refused';

export interface WalRecordView {
  no: number;
  offset: number;
  prev: number;
  /** Shard id, or null for STATE and CHECKPOINT records. */
  shard: string | null;
  shardLsn: number;
  txn: number;
  type: WalRecordType;
  bytes: number;
  /** The checksum stored with the record. */
  crc: number;
  /** The checksum its fields give now (differs from `crc` when a bit flipped). */
  crcComputed: number;
  /** Reached stable storage (at or before the fsync line). */
  synced: boolean;
  torn: boolean;
  fate: WalRecordFate;
}

/** Records before the detail window, counted rather than listed. */
export interface WalSegmentSummary {
  firstNo: number;
  lastNo: number;
  records: number;
  bytes: number;
  /** Records that stand for traffic before t = 0 (`params.walHistoryRecords`, §4), never simulated one by one. */
  history?: boolean;
}

export interface WalView {
  node: string;
  /** Records after the last checkpoint (at most `walDetailRecordsPerNode`, newest kept), oldest first. */
  records: WalRecordView[];
  /** Older records of the same stretch, when more than the detail window holds. */
  olderSegments: WalSegmentSummary[];
  /** The fsync line: records up to this number survive a power loss (0 = none since the checkpoint). */
  syncedUpToNo: number;
  /** The last checkpoint (or snapshot) replay starts after; null before the first. */
  checkpoint: { recordNo: number; offset: number; atMs: number } | null;
  /** Last record number written (0 when the log is empty). */
  lastNo: number;
  /** While replaying: the next record replay reads; else null. */
  cursorNo: number | null;
  /** Where the last or current replay stopped (the first record it did not accept), or null. */
  stopNo: number | null;
  mode: WalRecoveryMode;
  syncMode: WalSyncMode;
  stateStore: StateStore;
}

/** The §3.6 formula, filled in: replayMs = startMs + scanMs + applyMs. */
export interface ReplayCost {
  startMs: number;
  scannedBytes: number;
  scanMs: number;
  appliedRecords: number;
  applyMs: number;
  /** Snapshot load (memory stores): snapshotBytes / snapshotLoadBytesPerSec. */
  snapshotBytes: number;
  snapshotMs: number;
  totalMs: number;
}

export interface ReplayReport {
  scanned: number;
  applied: number;
  skipped: number;
  discarded: number;
  /** Record number replay stopped at (the first it did not accept), or null when it read to the end. */
  stoppedAt: number | null;
  reason: ReplayStopReason;
  mode: WalRecoveryMode;
  /** Simulated time the replay took (the formula's total). */
  ms: number;
  cost: ReplayCost;
  /** Still running (the node is replaying). */
  running: boolean;
}

/** What a replay under each mode would do with the log as it is now (the Log view's preview). */
export interface RecoveryModePreview {
  mode: WalRecoveryMode;
  outcome: 'starts' | 'refuses';
  /** The first record it would not accept, or null when it reads to the end. */
  stopNo: number | null;
  applied: number;
  discarded: number;
  /** Records after a corrupt one it would apply anyway (skipAnyCorrupted's hole). */
  appliedPastCorruption: number;
  summary: string;
}

/** How a returning node's replicas are brought in line (§5.3). */
export interface CatchUpSplit {
  /** Shards caught up from the primary's log (entries, not bytes). */
  logTail: number;
  logEntries: number;
  /** Shards copied whole because the primary's log no longer reaches back far enough. */
  snapshot: number;
  snapshotBytes: number;
  /** Shards whose local tail above the common point was cut off. */
  truncated: number;
  /** Local copies dropped because the shard was re-homed meanwhile. */
  discarded: number;
  /** Which peer sent how many shards. */
  fetchedFrom: Record<string, number>;
}

export interface NodeRecoveryView {
  phase: RecoveryPhase;
  /** Kind of the last crash, or null if it never crashed. */
  crashKind: CrashKind | null;
  /** Record number of the checkpoint the (next) replay starts after. */
  checkpointRecord: number | null;
  /** The last (or running) replay, or null if it has not replayed. */
  replay: ReplayReport | null;
  /** Came back behind what it had acknowledged: does not vote until caught up past it (§5.2). */
  amnesiac: boolean;
  /** Shards whose replica here is known corrupt. */
  corruptKnown: number;
  catchUp: CatchUpSplit | null;
}
