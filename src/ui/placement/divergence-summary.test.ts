// Goal: the placement grid marks shards whose replicas hold stale keys (truth, from shards[].divergence) with ≠ and
// words naming the replicas; primary-replica shards (no divergence) are unmarked, so existing views do not change.
import { describe, expect, it } from 'vitest';
import type { ShardDivergenceView } from '../../engine/index';
import { countDivergentQuiet, DIVERGENT_GLYPH, divergenceOf, divergenceSignature, divergenceWords } from './divergence-summary';

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

  it('counts the shards the recovery overlay draws ≠: stale keys and nothing more urgent', () => {
    const quiet = { replicas: ['n2', 'n4'], replicaRoles: [], inconsistent: false, corruptKnown: [] };
    const rows = shards.map((s) => ({ ...quiet, ...s }));
    expect(countDivergentQuiet(rows, new Map())).toBe(2);
    // A known-corrupt replica is drawn ⚠, not ≠.
    expect(countDivergentQuiet([{ ...rows[0], corruptKnown: ['n4'] }, rows[3]], new Map())).toBe(1);
    expect(countDivergentQuiet([{ ...quiet, id: 's001' }], new Map())).toBe(0);
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
