import { KnownStaleKeys } from './known-stale';
/**
 * The world's leaderless belief record (`w.leaderless`, design recovery-repair.md §7.2): which stale keys the
 * cluster has learnt of — from a read's digest mismatch or a hint — and not yet seen repaired. Truth lives in
 * `w.divergence`; this set is what `staleKeysKnown` counts. Written by leaderless/ and hints.ts.
 */
export interface LeaderlessRecord {
  /** Each stale key revealed and not repaired since, by shard and replica. */
  knownStale: KnownStaleKeys;
  /**
   * Per shard, the last writeId handed out, once any was (allocated on the first leaderless write). A writeId stands
   * for a timestamp, so it never repeats even when a loss lowers `shard.lsn` (a power loss's LostWrites). Int32, as
   * every LSN column (shard-columns.ts): a whole number read from a Float64Array is a double to V8, and a double
   * handed to a call is boxed, ~10 calls a write (bench case b: ~50 MB of garbage a run).
   */
  lastWriteId: Int32Array | null;
  /** Each shard's replicas in one Int32 row, made on the first write (leaderless/replica-rows.ts). */
  replicaRows: ReplicaRows | null;
  /** versioning 'vectorClocks': shard → key → concurrent writeIds kept as siblings until a write that saw them (leaderless/siblings.ts). */
  siblings: Map<number, Map<number, number[]>>;
}

export function newLeaderlessRecord(): LeaderlessRecord {
  return { knownStale: new KnownStaleKeys(), lastWriteId: null, replicaRows: null, siblings: new Map() };
}


/** Each shard's replicas in one Int32 row per shard (leaderless/replica-rows.ts says why, and how a row is kept true). */
export interface ReplicaRows {
  /**
   * Per shard, side by side: the replicas list its row was built from (at 2·shard; undefined: no row yet), and the
   * voters list (at 2·shard + 1). One list, so the two are one cache line a write, not two.
   */
  builtFrom: (readonly number[] | undefined)[];
  /** STRIDE ints per shard: COUNT (the replicas, or TOO_MANY), VOTERS_INSIDE (1 or 0), then up to MAX replicas. */
  cells: Int32Array;
}
