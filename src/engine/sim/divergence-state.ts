import type { ShardDivergence } from '../model/divergence';

/**
 * The world's key-level divergence record (design recovery-repair.md §7.2): per shard, which replicas hold which keys
 * differently (truth), kept only while a shard diverges. Leaderless writes (leaderless.ts) create it when a write misses
 * a replica; read repair, hints and anti-entropy shrink it; `replica.corrupt` in leaderless mode plants CORRUPT keys.
 * The operations on one shard's maps are pure, in ../model/divergence.ts; whoever applies one adds its returned
 * delta to `staleKeysTruth` and drops a shard's entry once it has converged and nothing else refers to it.
 */
export interface DivergenceRecord {
  /** shard index → its divergence; absent = every replica holds every key identically. */
  byShard: Map<number, ShardDivergence>;
  /** Σ over shards and replicas of stale (or corrupt) keys: `metrics.staleKeysTruth`, kept as a running total. */
  staleKeysTruth: number;
}

export function newDivergenceRecord(): DivergenceRecord {
  return { byShard: new Map(), staleKeysTruth: 0 };
}
