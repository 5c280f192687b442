import { rejoiningCopiesOf } from '../rejoining-copies';
import type { ShardRow, World } from '../world';

/** Nodes that matter to the shard: listed by the router, or a voter that still has the data. */
export function holders(w: World, shard: ShardRow): number[] {
  const out = [...shard.replicas];
  for (const v of shard.voters) if (!out.includes(v) && w.nodes[v].disk.has(shard.index)) out.push(v);
  // Returning copies that backfill before the router lists them again (rejoin.ts).
  const rejoining = rejoiningCopiesOf(w, shard.index);
  if (rejoining) for (const r of rejoining) if (!out.includes(r) && w.nodes[r].disk.has(shard.index)) out.push(r);
  return out;
}

/**
 * The same nodes as `holders`, without a new list when there is nothing to add: the shard's own replica list (read
 * it, never change it). The write path asks this for every client write.
 */
export function holderList(w: World, shard: ShardRow): readonly number[] {
  const rejoining = rejoiningCopiesOf(w, shard.index);
  if (rejoining !== undefined) return holders(w, shard);
  for (const v of shard.voters) if (!shard.replicas.includes(v) && w.nodes[v].disk.has(shard.index)) return holders(w, shard);
  return shard.replicas;
}
