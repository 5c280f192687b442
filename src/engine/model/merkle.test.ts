import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyWrite, corruptKeys, newShardDivergence, versionOf, latestVersion, type ShardDivergence } from './divergence';
import {
  differingNodes,
  exchangePlan,
  keyHash,
  leafOf,
  levelByLevelHashes,
  merkleDepth,
  streamedKeys,
  treeDelta,
  wholeTreeHashes,
} from './merkle';

/** A materialised tree (every key hashed): leaves are XORs of their keys, parents XORs of their children. */
function bruteTree(div: ShardDivergence, version: (key: number) => number, shard: string, keys: number, depth: number): number[][] {
  const levels: number[][] = Array.from({ length: depth + 1 }, (_, l) => new Array<number>(2 ** l).fill(0));
  for (let k = 0; k < keys; k++) {
    const leaf = leafOf(shard, k, depth);
    levels[depth][leaf] = (levels[depth][leaf] ^ keyHash(k, version(k))) >>> 0;
  }
  for (let l = depth - 1; l >= 0; l--) for (let i = 0; i < 2 ** l; i++) levels[l][i] = (levels[l + 1][2 * i] ^ levels[l + 1][2 * i + 1]) >>> 0;
  void div;
  return levels;
}

function bruteDiffering(a: number[][], b: number[][]): number[][] {
  return a.map((level, l) => level.flatMap((h, i) => (h !== b[l][i] ? [i] : [])));
}

describe('merkleDepth', () => {
  it('is min(ceil(log2 keys), maxDepth)', () => {
    expect(merkleDepth(1024, 4)).toBe(4);
    expect(merkleDepth(1024, 15)).toBe(10);
    expect(merkleDepth(65536, 15)).toBe(15);
    expect(merkleDepth(1000, 15)).toBe(10);
    expect(merkleDepth(1, 15)).toBe(0);
  });
});

describe('virtual trees equal materialised ones', () => {
  const scenario = fc.record({
    keys: fc.integer({ min: 1, max: 200 }),
    maxDepth: fc.integer({ min: 0, max: 6 }),
    writes: fc.array(fc.record({ key: fc.nat(199), missA: fc.boolean(), missB: fc.boolean(), missC: fc.boolean() }), { maxLength: 40 }),
    corrupt: fc.array(fc.record({ replica: fc.integer({ min: 0, max: 2 }), key: fc.nat(199) }), { maxLength: 4 }),
  });

  it('Δ of each replica, and the differing nodes of each pair, match brute force', () => {
    fc.assert(
      fc.property(scenario, ({ keys, maxDepth, writes, corrupt }) => {
        const shard = 's007';
        const depth = merkleDepth(keys, maxDepth);
        const div = newShardDivergence();
        writes.forEach((w, i) => {
          const key = w.key % keys;
          const missed = [0, 1, 2].filter((r) => [w.missA, w.missB, w.missC][r]);
          applyWrite(div, key, i + 1, [0, 1, 2].filter((r) => !missed.includes(r)), missed);
        });
        for (const c of corrupt) corruptKeys(div, c.replica, [c.key % keys]);
        const truth = bruteTree(div, (k) => latestVersion(div, k), shard, keys, depth);
        const brute = [0, 1, 2].map((r) => bruteTree(div, (k) => versionOf(div, r, k), shard, keys, depth));
        const virtual = [0, 1, 2].map((r) => treeDelta(div, r, shard, depth));
        for (const r of [0, 1, 2])
          for (let l = 0; l <= depth; l++)
            for (let i = 0; i < 2 ** l; i++) expect((brute[r][l][i] ^ truth[l][i]) >>> 0).toBe(virtual[r][l].get(i) ?? 0);
        for (const [a, b] of [
          [0, 1],
          [0, 2],
          [1, 2],
        ])
          expect(differingNodes(virtual[a], virtual[b])).toEqual(bruteDiffering(brute[a], brute[b]));
      }),
      { numRuns: 150 },
    );
  });
});

describe('exchange costs (design §7.4, §15)', () => {
  it("§7.4's worked example: D = 4, leaves 5 and 12 differ → 15 hashes in 5 round trips vs 31 in 1", () => {
    // Leaves 5 (0101) and 12 (1100): level 1 both halves, level 2 {1, 3}, level 3 {2, 6}, leaves {5, 12}.
    const diff = [1, 2, 2, 2, 2];
    expect(levelByLevelHashes(diff, 4)).toBe(15);
    expect(exchangePlan('levelByLevel', 4, diff)).toEqual({ hashesPerReplica: 15, roundTrips: 5 });
    expect(exchangePlan('wholeTree', 4, diff)).toEqual({ hashesPerReplica: 31, roundTrips: 1 });
  });

  it('D = 15 with one differing leaf: 31 hashes level by level vs 65,535 whole', () => {
    const diff = new Array<number>(16).fill(1);
    expect(levelByLevelHashes(diff, 15)).toBe(31);
    expect(wholeTreeHashes(15)).toBe(65535);
    expect(wholeTreeHashes(20) * 32).toBe(64 * 1024 * 1024 - 32);
  });

  it('equal roots cost one hash and one round trip level by level', () => {
    expect(exchangePlan('levelByLevel', 4, [0, 0, 0, 0, 0])).toEqual({ hashesPerReplica: 1, roundTrips: 1 });
  });

  it('streams every key of each differing leaf: d × keysPerShard / 2^D', () => {
    expect(streamedKeys(2, 1024, 4)).toBe(128);
    expect(streamedKeys(1, 1_000_000, 15)).toBe(31); // ~30 partitions per leaf (DataStax)
  });

  it('differing nodes found from a real divergence follow the worked example shape', () => {
    const shard = 's042';
    const depth = 4;
    // Find two keys, one in leaf 5 and one in leaf 12, and make replica 1 miss writes to them.
    const inLeaf = (leaf: number) => {
      for (let k = 0; ; k++) if (leafOf(shard, k, depth) === leaf) return k;
    };
    const div = newShardDivergence();
    applyWrite(div, inLeaf(5), 1, [0], [1]);
    applyWrite(div, inLeaf(12), 2, [0], [1]);
    const diff = differingNodes(treeDelta(div, 0, shard, depth), treeDelta(div, 1, shard, depth));
    expect(diff).toEqual([[0], [0, 1], [1, 3], [2, 6], [5, 12]]);
    expect(levelByLevelHashes(diff.map((d) => d.length), depth)).toBe(15);
  });
});
