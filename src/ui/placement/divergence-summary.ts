import type { NodeRecoveryView, ShardDivergenceView, ShardView } from '../../engine/index';
import { shardRecoveryState } from './recovery-summary';

/**
 * Replicas that hold keys differently (leaderless replication, design recovery-repair.md §7.2, §12): truth, from
 * the engine's `shards[].divergence`. The placement grid marks such shards `≠` and names the replicas in words.
 */
export const DIVERGENT_GLYPH = '≠';

/** A shard's divergence; null while it has none (and for an engine that reports none). */
export function divergenceOf(shard: Pick<ShardView, 'id'> & { divergence?: ShardDivergenceView | null }): ShardDivergenceView | null {
  return shard.divergence ?? null;
}

const joinWords = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** "31 stale keys on n3"; empty when the shard has none. */
export function divergenceWords(d: ShardDivergenceView | null): string {
  if (d === null) return '';
  return `${d.staleKeys.toLocaleString('en-US')} stale key${d.staleKeys === 1 ? '' : 's'} on ${joinWords(d.divergentReplicas)}`;
}

/** One string that changes exactly when some shard's divergent replicas or stale-key count do (the grid re-renders on it). */
export function divergenceSignature(shards: readonly (Pick<ShardView, 'id'> & { divergence?: ShardDivergenceView | null })[]): string {
  let signature = '';
  for (const shard of shards) {
    const d = divergenceOf(shard);
    if (d) signature += `${shard.id}:${d.divergentReplicas.join(',')}:${d.staleKeys};`;
  }
  return signature;
}

/** Shards the recovery overlay draws ≠: replicas hold stale keys and none is replaying, catching up or known corrupt. */
export function countDivergentQuiet(
  shards: readonly (Parameters<typeof shardRecoveryState>[0] & Pick<ShardView, 'id'> & { divergence?: ShardDivergenceView | null })[],
  byNode: ReadonlyMap<string, NodeRecoveryView | null>,
): number {
  let count = 0;
  for (const shard of shards) if (divergenceOf(shard) !== null && shardRecoveryState(shard, byNode) === 'none') count++;
  return count;
}
