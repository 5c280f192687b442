import { describe, expect, it } from 'vitest';
import { canonicalShardId, shardIdOf, shardIndexOf } from './shard-ids';

describe('shard ids', () => {
  it('pads to at least three digits, and to the width of the total', () => {
    expect(shardIdOf(0, 400)).toBe('s001');
    expect(shardIdOf(399, 400)).toBe('s400');
    expect(shardIdOf(0, 5)).toBe('s001');
    expect(shardIdOf(0, 1000)).toBe('s0001');
    expect(shardIdOf(999, 1000)).toBe('s1000');
    expect(shardIdOf(199999, 200000)).toBe('s200000');
  });

  it('maps ids back to indexes, only for ids that exist', () => {
    expect(shardIndexOf('s001', 400)).toBe(0);
    expect(shardIndexOf('s400', 400)).toBe(399);
    expect(shardIndexOf('s401', 400)).toBeNull();
    expect(shardIndexOf('s000', 400)).toBeNull();
    expect(shardIndexOf('s1', 400)).toBeNull();
    expect(shardIndexOf('s0001', 400)).toBeNull();
    expect(shardIndexOf('x001', 400)).toBeNull();
    for (const total of [1, 9, 999, 1000, 12345]) {
      for (const i of [0, total - 1]) expect(shardIndexOf(shardIdOf(i, total), total)).toBe(i);
    }
  });

  it('guesses the canonical id of a loosely written one', () => {
    expect(canonicalShardId('s1', 400)).toBe('s001');
    expect(canonicalShardId('S07', 400)).toBe('s007');
    expect(canonicalShardId('s401', 400)).toBeNull();
    expect(canonicalShardId('shard1', 400)).toBeNull();
  });
});
