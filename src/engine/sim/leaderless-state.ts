import { KnownStaleKeys } from './known-stale';
/**
 * The world's leaderless belief record (`w.leaderless`, design recovery-repair.md §7.2): which stale keys the
 * cluster has learnt of — from a read's digest mismatch or a hint — and not yet seen repaired. Truth lives in
 * `w.divergence`; this set is what `staleKeysKnown` counts. Written by leaderless/ and hints.ts.
 */
export interface LeaderlessRecord {
  /** Each stale key revealed and not repaired since, by shard and replica. */
  knownStale: KnownStaleKeys;
  /** versioning 'vectorClocks': shard → key → concurrent writeIds kept as siblings until a write that saw them (leaderless/siblings.ts). */
  siblings: Map<number, Map<number, number[]>>;
}

export function newLeaderlessRecord(): LeaderlessRecord {
  return { knownStale: new KnownStaleKeys(), siblings: new Map() };
}
