import { hashString } from '../sim/random';
import { latestVersion, type ShardDivergence } from './divergence';

/**
 * Merkle trees over a shard's key ranges, computed virtually from the sparse divergence maps (design
 * recovery-repair.md §7.3, §7.4). Nothing is materialised: no tree, no leaf, no per-key hash for keys every replica
 * holds alike.
 *
 * - A tree has depth D = min(ceil(log2 keysPerShard), merkleMaxDepth): 2^D leaves, each a contiguous token range;
 *   level 0 is the root, level D the leaves, and node (ℓ, i) covers leaves i·2^(D−ℓ) … (i+1)·2^(D−ℓ) − 1.
 * - A key's leaf: `floor(token × 2^D / 2^32)` with `token = hashString(shardId + ':' + key)` (FNV-1a standing in for
 *   Cassandra's Murmur3 partitioner).
 * - A key's hash is h(key, version); a leaf's hash is the XOR of its keys' hashes, an inner node's the XOR of its
 *   children's (Cassandra's MerkleTree does "all hashing internal to the tree … using XOR").
 *
 * The choice that keeps it virtual: XOR is its own inverse, so a replica's node hash is the hash every replica would
 * have if it held the newest version of every key, XOR Δ, where Δ = ⊕ over the replica's stale keys in the node's
 * range of h(k, held) ⊕ h(k, latest). Only Δ depends on the divergence; the first term is the same on every replica.
 * We never know that first term (it would take every key's data), and only differences matter for the comparison,
 * so it is *defined* as a stand-in, `baseNodeHash(shard, ℓ, i)`, a hash of the shard id and the node's position. Two
 * replicas' nodes are equal iff their Δs are (up to 32-bit collisions), exactly as for materialised trees — the unit
 * tests compare both on random cases. The stand-in is not XOR-consistent between levels (a drawn parent's label is not
 * the XOR of its children's labels); Δ is.
 *
 * Pure: no world, no trace.
 */

/** Children per inner node: binary trees (Riak's hashtree is 1,024-ary; design §7.3). */
export const MERKLE_BRANCHING = 2;

/** D = min(ceil(log2 keysPerShard), maxDepth), never below 0. */
export function merkleDepth(keysPerShard: number, maxDepth: number): number {
  const needed = keysPerShard <= 1 ? 0 : Math.ceil(Math.log2(keysPerShard));
  return Math.max(0, Math.min(needed, maxDepth));
}

/** The key's token on the 32-bit ring. */
export function keyToken(shardId: string, key: number): number {
  return hashString(`${shardId}:${key}`);
}

/** The leaf (key range) holding `key` in a tree of depth `depth`. */
export function leafOf(shardId: string, key: number, depth: number): number {
  return Math.floor((keyToken(shardId, key) * 2 ** depth) / 2 ** 32);
}

/** h(key, version): a 32-bit mix of the two numbers (versions are writeIds, OLDER_AGREED or CORRUPT). */
export function keyHash(key: number, version: number): number {
  let h = Math.imul(key ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(version + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The stand-in for a node's hash when the replica holds the newest version of every key (see the file comment). */
export function baseNodeHash(shardId: string, level: number, index: number, scope = ''): number {
  return hashString(`${shardId}${scope}/${level}/${index}`);
}

/** A replica's Δ per level: `delta[ℓ]` maps node index → Δ, for nodes whose Δ is not 0. Length D + 1. */
export type TreeDelta = Map<number, number>[];

/**
 * A replica's Δ at every level, from its stale keys only: O(stale keys × D). `inScope` limits the tree to some keys
 * (incremental repair: keys written since the repaired watermark); keys outside it are not in the tree at all.
 */
export function treeDelta(
  div: ShardDivergence | undefined,
  replica: number,
  shardId: string,
  depth: number,
  inScope: (key: number) => boolean = () => true,
): TreeDelta {
  const delta: TreeDelta = Array.from({ length: depth + 1 }, () => new Map<number, number>());
  const stale = div?.stale.get(replica);
  if (div === undefined || stale === undefined) return delta;
  for (const [key, held] of stale) {
    if (!inScope(key)) continue;
    const x = keyHash(key, held) ^ keyHash(key, latestVersion(div, key));
    const leaf = leafOf(shardId, key, depth);
    for (let level = 0; level <= depth; level++) {
      const index = leaf >>> (depth - level);
      const m = delta[level];
      const next = ((m.get(index) ?? 0) ^ x) >>> 0;
      if (next === 0) m.delete(index);
      else m.set(index, next);
    }
  }
  return delta;
}

/** A replica's hash of node (ℓ, i). */
export function nodeHash(shardId: string, delta: TreeDelta, level: number, index: number, scope = ''): number {
  return (baseNodeHash(shardId, level, index, scope) ^ (delta[level]?.get(index) ?? 0)) >>> 0;
}

/** Per level, the indices (ascending) of nodes whose hashes differ between the two replicas. */
export function differingNodes(a: TreeDelta, b: TreeDelta): number[][] {
  return a.map((levelA, level) => {
    const levelB = b[level];
    const out: number[] = [];
    for (const [i, x] of levelA) if ((levelB.get(i) ?? 0) !== x) out.push(i);
    for (const [i, x] of levelB) if (!levelA.has(i) && x !== 0) out.push(i);
    return sortedAscending(out);
  });
}

/**
 * The list sorted in place, ascending. A level's differing nodes are few (a handful of stale keys' leaves and their
 * parents): an insertion sort, where Array.prototype.sort first copies into a work list of its own (bench case b:
 * ~5 MB a run over the differing pairs' levels).
 */
function sortedAscending(list: number[]): number[] {
  if (list.length > INSERTION_SORT_MAX) return list.sort((p, q) => p - q);
  for (let i = 1; i < list.length; i++) {
    const v = list[i];
    let j = i - 1;
    for (; j >= 0 && list[j] > v; j--) list[j + 1] = list[j];
    list[j + 1] = v;
  }
  return list;
}
const INSERTION_SORT_MAX = 32;

/** Hashes in a whole tree: 2^(D+1) − 1 (what one replica sends in a whole-tree exchange). */
export function wholeTreeHashes(depth: number): number {
  return 2 ** (depth + 1) - 1;
}

/**
 * Hashes one side sends level by level: the root, then both children of every node that differed one level up:
 * 1 + B × Σ_{ℓ<D} diff(ℓ). `diffPerLevel[ℓ]` counts the differing nodes at level ℓ (root ℓ = 0).
 */
export function levelByLevelHashes(diffPerLevel: readonly number[], depth: number): number {
  let sum = 0;
  for (let level = 0; level < depth; level++) sum += diffPerLevel[level] ?? 0;
  return 1 + MERKLE_BRANCHING * sum;
}

export interface ExchangePlan {
  /** Hashes one replica sends. */
  hashesPerReplica: number;
  roundTrips: number;
}

/**
 * What comparing two trees costs. Whole tree: every hash in one round trip. Level by level: one round trip per level
 * reached; the descent stops at the first level where nothing differs (equal roots: one round trip, one hash).
 */
export function exchangePlan(exchange: 'wholeTree' | 'levelByLevel', depth: number, diffPerLevel: readonly number[]): ExchangePlan {
  if (exchange === 'wholeTree') return { hashesPerReplica: wholeTreeHashes(depth), roundTrips: 1 };
  let roundTrips = 1;
  for (let level = 0; level < depth && (diffPerLevel[level] ?? 0) > 0; level++) roundTrips++;
  return { hashesPerReplica: levelByLevelHashes(diffPerLevel, depth), roundTrips };
}

/** Keys in one leaf range: keysPerShard / 2^D (a fraction when keys are fewer than leaves). */
export function keysPerLeaf(keysPerShard: number, depth: number): number {
  return keysPerShard / 2 ** depth;
}

/** Keys streamed for `differingLeaves` leaves: every key of each range (d × keysPerShard / 2^D, rounded up). */
export function streamedKeys(differingLeaves: number, keysPerShard: number, depth: number): number {
  return Math.ceil(differingLeaves * keysPerLeaf(keysPerShard, depth));
}

/** A hash as the panel and trace show it: 8 hex digits (4 for a node label). */
export function hex(hash: number, digits = 8): string {
  return (hash >>> 0).toString(16).padStart(8, '0').slice(0, digits);
}
