// Goal: the placement grid marks shards whose replicas hold stale keys (truth, from shards[].divergence) with ≠ and
// words naming the replicas; primary-replica shards (no divergence) are unmarked, so existing views do not change.
import { describe, expect, it } from 'vitest';
import { shardCode, type ShardDivergenceView } from '../../engine/index';
import { countDivergentQuiet, DIVERGENT_GLYPH, divergenceOf, divergenceSignature, divergenceWords, divergentFromShards, isDivergentQuiet } from './divergence-summary';

const divergence = (divergentReplicas: string[], staleKeys: number): ShardDivergenceView => ({
  staleReplicas: divergentReplicas.length,
  staleKeys,
  divergentReplicas,
  repairedAt: null,
  pendingRepair: false,
  inconsistent: false,
});

const shards = [
  { id: 's001', divergence: divergence(['n3'], 31) },
  { id: 's002', divergence: null },
  { id: 's003' },
  { id: 's004', divergence: divergence(['n2', 'n4'], 2) },
];

describe('divergence in the placement grid', () => {
  it('reads a shard’s divergence, null when it has none or the engine gives none', () => {
    expect(divergenceOf(shards[0])?.staleKeys).toBe(31);
    expect(divergenceOf(shards[1])).toBeNull();
    expect(divergenceOf(shards[2])).toBeNull();
  });

  it('counts the shards the recovery overlay draws ≠: stale keys and nothing more urgent, from the codes', () => {
    const quiet = shardCode('healthy', 'writable', 'none');
    const codes = Uint8Array.from([quiet, quiet, shardCode('underReplicated', 'writable', 'none'), quiet, quiet]);
    expect(countDivergentQuiet(codes, Uint32Array.from([0, 2, 3]))).toBe(3);
    // A known-corrupt replica is drawn ⚠, not ≠.
    codes[3] = shardCode('healthy', 'writable', 'corrupt');
    expect(countDivergentQuiet(codes, Uint32Array.from([0, 2, 3]))).toBe(2);
    expect(isDivergentQuiet(codes, 3)).toBe(false);
    expect(countDivergentQuiet(codes, new Uint32Array(0))).toBe(0);
  });

  it('finds the divergent shards in a complete list: stale replicas, not a repaired watermark alone', () => {
    const repairedOnly = { ...divergence([], 0), repairedAt: 120_000 };
    expect([...divergentFromShards([...shards, { id: 's005', divergence: repairedOnly }])]).toEqual([0, 3]);
  });

  it('says which replicas hold stale keys, in words, beside the ≠ glyph', () => {
    expect(DIVERGENT_GLYPH).toBe('≠');
    expect(divergenceWords(divergenceOf(shards[0]))).toBe('31 stale keys on n3');
    expect(divergenceWords(divergenceOf(shards[3]))).toBe('2 stale keys on n2 and n4');
    expect(divergenceWords(null)).toBe('');
  });

  it('changes its signature exactly when some shard’s divergent replicas change', () => {
    const a = divergenceSignature(shards);
    expect(divergenceSignature(shards)).toBe(a);
    expect(divergenceSignature([...shards.slice(0, 3), { id: 's004', divergence: divergence(['n2'], 1) }])).not.toBe(a);
    expect(divergenceSignature([{ id: 's001' }, { id: 's002', divergence: null }])).toBe('');
  });
});
