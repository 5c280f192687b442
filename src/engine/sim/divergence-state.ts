import type { ShardDivergence } from '../model/divergence';

/**
 * The world's key-level divergence record (design recovery-repair.md §7.2): per shard, which replicas hold which keys
 * differently (truth), kept only while a shard diverges. Leaderless writes (leaderless.ts) create it when a write misses
 * a replica; read repair, hints and anti-entropy shrink it; `replica.corrupt` in leaderless mode plants CORRUPT keys.
 * The operations on one shard's maps are pure, in ../model/divergence.ts; whoever applies one adds its returned
 * delta to `staleKeysTruth` and drops a shard's entry once it has converged and nothing else refers to it.
 */
/** Running totals for the metrics of design §11.5; each is written by the module that does the thing it counts. */
export interface DivergenceCounters {
  /** Keys revealed stale (read digests, Merkle comparisons, hints) and not repaired since: staleKeysKnown. */
  staleKeysKnown: number;
  readRepairs: number;
  readsBlockedMs: number;
  staleReadsServed: number;
  hintsStored: number;
  hintsDelivered: number;
  hintsExpired: number;
  hintsLost: number;
  hintsPending: number;
  merkleHashesExchanged: number;
  validationBytes: number;
  repairStreamedKeys: number;
  repairStreamedBytes: number;
  /** Stale keys the streamed ranges held: the denominator of overstreamFactor. */
  repairStaleKeysStreamed: number;
  /** Incremental repair: repaired keys / written keys, or null before the first incremental session. */
  repairedFraction: number | null;
}

export interface DivergenceRecord {
  /** shard index → its divergence; absent = every replica holds every key identically. */
  byShard: Map<number, ShardDivergence>;
  /** Σ over shards and replicas of stale (or corrupt) keys: `metrics.staleKeysTruth`, kept as a running total. */
  staleKeysTruth: number;
  counters: DivergenceCounters;
}

export function newDivergenceRecord(): DivergenceRecord {
  return {
    byShard: new Map(),
    staleKeysTruth: 0,
    counters: {
      staleKeysKnown: 0,
      readRepairs: 0,
      readsBlockedMs: 0,
      staleReadsServed: 0,
      hintsStored: 0,
      hintsDelivered: 0,
      hintsExpired: 0,
      hintsLost: 0,
      hintsPending: 0,
      merkleHashesExchanged: 0,
      validationBytes: 0,
      repairStreamedKeys: 0,
      repairStreamedBytes: 0,
      repairStaleKeysStreamed: 0,
      repairedFraction: null,
    },
  };
}
