// Goal (issue 13 at scale): in the heat map's recovery overlay a cell whose shards have nothing recovering but hold
// stale keys shows ≠ (its own colour and shape), while any recovering, catching-up, corrupt or inconsistent shard
// in the cell still wins; other overlays never show it.
import { describe, expect, it } from 'vitest';
import { shardCode } from '../../engine/index';
import { cellShown, divergentMask, DIVERGENT_STATE } from './heatmap-paint';

const quiet = shardCode('healthy', 'writable', 'none');
const catchingUp = shardCode('healthy', 'writable', 'catchingUp');

describe('the heat map’s divergence mark', () => {
  const codes = Uint8Array.from([quiet, quiet, quiet, catchingUp, quiet, quiet]);
  const mask = divergentMask(codes.length, Uint32Array.from([1, 3]));

  it('marks a quiet cell holding a divergent shard, in the recovery overlay only', () => {
    expect(cellShown(codes, mask, 'recovery', 1, 2)).toBe(DIVERGENT_STATE);
    expect(cellShown(codes, mask, 'recovery', 0, 2)).toBe(DIVERGENT_STATE);
    expect(cellShown(codes, mask, 'recovery', 4, 6)).toBe(0);
    expect(cellShown(codes, mask, 'replicas', 1, 2)).toBe(0);
    expect(cellShown(codes, mask, 'writes', 1, 2)).toBe(0);
  });

  it('lets a recovering shard win over ≠ in a shared cell', () => {
    expect(cellShown(codes, mask, 'recovery', 0, 4)).toBe(2);
    expect(cellShown(codes, mask, 'recovery', 3, 4)).toBe(2);
  });

  it('has no mask when nothing diverges, and ignores indices past the end', () => {
    expect(divergentMask(6, new Uint32Array(0))).toBeNull();
    expect([...divergentMask(3, Uint32Array.from([2, 7]))!]).toEqual([0, 0, 1]);
    expect(cellShown(codes, null, 'recovery', 0, 6)).toBe(2);
  });
});
