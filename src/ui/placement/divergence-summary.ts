import { recoveryStateOfCode, type ShardDivergenceView, type ShardView } from '../../engine/index';

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

/**
 * Shards the recovery overlay draws ≠: replicas hold stale keys (`divergent`, the view state's `divergentShards`)
 * and none is replaying, catching up or known corrupt (the code's recovery part is "none"). From the codes, so it
 * counts every shard at scale, where `cluster.shards` lists only those whose code is not healthy.
 */
export function countDivergentQuiet(codes: Uint8Array, divergent: Uint32Array): number {
  let count = 0;
  for (const shard of divergent) if (isDivergentQuiet(codes, shard)) count++;
  return count;
}

/** Whether the recovery overlay draws this divergent shard ≠ (nothing more urgent to show for it). */
export function isDivergentQuiet(codes: Uint8Array, shard: number): boolean {
  return shard < codes.length && recoveryStateOfCode(codes[shard]) === 'none';
}

/**
 * The shards `cluster.shards` says diverge (some replica holds stale keys), as the view state's `divergentShards`:
 * the stand-in while a view state has none (the list is complete then).
 */
export function divergentFromShards(shards: readonly (Pick<ShardView, 'id'> & { divergence?: ShardDivergenceView | null })[]): Uint32Array {
  const out: number[] = [];
  shards.forEach((shard, i) => {
    if ((divergenceOf(shard)?.staleReplicas ?? 0) > 0) out.push(i);
  });
  return Uint32Array.from(out);
}
