import type { World } from './world';

/**
 * The register of returning copies (rejoin.ts): a node the monitor had
 * declared DEAD is back, and its copy of a shard backfills before the router
 * lists it again. Kept apart so quorum/roles.ts can count these copies as holders
 * without importing the rejoin flow.
 */

/** Nodes whose returning copy of the shard backfills before the router lists it again (part of its holders). */
export function rejoiningCopiesOf(w: World, shardIndex: number): ReadonlySet<number> | undefined {
  return w.rejoining.byShard.size === 0 ? undefined : w.rejoining.byShard.get(shardIndex);
}

export function isRejoining(w: World, shardIndex: number, nodeIndex: number): boolean {
  return w.rejoining.byShard.get(shardIndex)?.has(nodeIndex) ?? false;
}

export function addRejoining(w: World, shardIndex: number, nodeIndex: number): void {
  let nodes = w.rejoining.byShard.get(shardIndex);
  if (!nodes) w.rejoining.byShard.set(shardIndex, (nodes = new Set()));
  nodes.add(nodeIndex);
  w.rejoining.byNode.set(nodeIndex, (w.rejoining.byNode.get(nodeIndex) ?? 0) + 1);
}

/** Returns how many copies the node still waits for. */
export function removeRejoining(w: World, shardIndex: number, nodeIndex: number): number {
  const nodes = w.rejoining.byShard.get(shardIndex);
  if (!nodes?.delete(nodeIndex)) return w.rejoining.byNode.get(nodeIndex) ?? 0;
  if (nodes.size === 0) w.rejoining.byShard.delete(shardIndex);
  const left = (w.rejoining.byNode.get(nodeIndex) ?? 1) - 1;
  if (left === 0) w.rejoining.byNode.delete(nodeIndex);
  else w.rejoining.byNode.set(nodeIndex, left);
  return left;
}
