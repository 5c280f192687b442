import type { RestoreEpisode } from './rows';

/**
 * The world's durability record (`w.durability`): how close the cluster came to losing data and how long it
 * took to be whole again. Restore episodes are kept by shard-events.ts; node-lifecycle.ts notes shards whose
 * last copy a wiped disk took (an emergency repair that recreates one takes it off). Read by state-view.
 */
export interface DurabilityRecord {
  /** The fewest live copies any shard has had. */
  minCopies: number;
  /** From the first crash until every shard is whole again, while that is under way. */
  episode: RestoreEpisode | null;
  lastTimeToRestoreRfMs: number | null;
  lastDurabilityWindowMs: number | null;
  /** Shards with no copy left on any disk (truth). */
  lostTruth: Set<number>;
}

export function newDurabilityRecord(replicationFactor: number): DurabilityRecord {
  return { minCopies: replicationFactor, episode: null, lastTimeToRestoreRfMs: null, lastDurabilityWindowMs: null, lostTruth: new Set() };
}
