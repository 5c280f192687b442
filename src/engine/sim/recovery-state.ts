import type { CrashKind, ReplayStopReason, WalRecoveryMode } from '../recovery-types';
import type { WalSegmentSummary } from '../recovery-types';
import type { RecordCheck, InvalidRecordRule } from '../model/wal-replay';
import type { Scheduled } from './event-queue';

/**
 * A node's local-recovery record (`node.recovery`): its last crash, the replay running or last run, and its
 * running totals for the metrics. Written by local-recovery.ts (and node-lifecycle.ts for the crash); read by
 * state-view (NodeView.recovery, metrics) and the Log view (cursorNo, stopNo).
 */

/** One record (or a folded segment) of the chunk a replay step reads, decided when the step was scheduled. */
export type ChunkItem =
  | { kind: 'record'; no: number; shard: number; shardLsn: number; bytes: number; offset: number; decision: ChunkDecision; pageBefore: number }
  | { kind: 'segment'; segment: WalSegmentSummary; applied: boolean };

export type ChunkDecision =
  | { outcome: 'apply'; twice: boolean }
  | { outcome: 'skip' }
  | { outcome: 'read' }
  | { outcome: 'discard' }
  | { outcome: 'invalid'; check: Exclude<RecordCheck, 'ok'>; rule: InvalidRecordRule };

export interface ReplayRun {
  mode: WalRecoveryMode;
  idempotentApply: boolean;
  /** When the restart began (the snapshot load included) and when reading the log began. */
  startedAtMs: number;
  replayStartedAtMs: number;
  /** The checkpoint replay starts after (0 = none: from the log's beginning). */
  checkpointNo: number;
  /** Last record when the replay began: it reads up to here. */
  endNo: number;
  /** The next record the replay reads (the Log view's cursor); past endNo when it has read everything. */
  cursorNo: number;
  /** Folded segments (before the detail window) not yet read, oldest first. */
  segmentsLeft: WalSegmentSummary[];
  /** Where it stopped or refused (the first record it did not accept), or null. */
  stopNo: number | null;
  reason: ReplayStopReason;
  scanned: number;
  scannedBytes: number;
  applied: number;
  skipped: number;
  discarded: number;
  torn: number;
  corrupt: number;
  appliedTwice: number;
  /** The first record this replay applied although the data already held it (idempotentApply off): invariant 1 names it. */
  firstTwiceNo?: number;
  /** Records applied after a bad record was skipped (skipAnyCorrupted's hole). */
  appliedPastCorruption: number;
  /** Shard → LSN of the first record skipped as damaged (skipAnyCorrupted), and shards a later record applied past it. */
  holes: Map<number, number>;
  pastHole: Set<number>;
  snapshotBytes: number;
  snapshotMs: number;
  /** Page LSNs as replay leaves them (also written through to `disk`, §3.7). */
  pages: Map<number, number>;
  /** The next step on the clock and what it will read. */
  timer: Scheduled<unknown> | null;
  chunk: ChunkItem[];
  /** The offset of the last record it accepted ("redo done at"). */
  lastGoodOffset: number;
  finishedAtMs: number | null;
  refused: boolean;
}

export interface NodeRecoveryRecord {
  /** Kind of the last crash (set where the crash is applied), null before any. */
  crashKind: CrashKind | null;
  /** The running or last replay. */
  replay: ReplayRun | null;
  /**
   * Page LSNs a replay wrote through before a crash cut it short (🅂 replay's page writes are durable): the next
   * replay starts from them, so it skips what the first one reached. Cleared when a replay completes.
   */
  replayedPages: Map<number, number>;
  /** Per shard: applies of a record the data already held (idempotentApply off): the x = x + 1 counter's excess. */
  extraApplies: Map<number, number>;
  /** Running totals over every replay of this node (the metrics sum them). */
  totals: { applied: number; skipped: number; discarded: number; torn: number; corrupt: number; twice: number; bytes: number; snapshotBytes: number };
}

export function newNodeRecoveryRecord(): NodeRecoveryRecord {
  return {
    crashKind: null,
    replay: null,
    replayedPages: new Map(),
    extraApplies: new Map(),
    totals: { applied: 0, skipped: 0, discarded: 0, torn: 0, corrupt: 0, twice: 0, bytes: 0, snapshotBytes: 0 },
  };
}
