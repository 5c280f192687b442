import { describe, expect, it } from 'vitest';
import { commitSliceSeed } from './commit-slice';

describe('the commit-chosen sweep slice', () => {
  it('differs between commits, repeats for one commit, and can be pinned to reproduce', () => {
    const a = commitSliceSeed({ GITHUB_SHA: '0e68512aa1b2c3d4' });
    const b = commitSliceSeed({ GITHUB_SHA: '1ec9073ff00d11e2' });
    expect(a.seed).not.toBe(b.seed);
    expect(commitSliceSeed({ GITHUB_SHA: '0e68512aa1b2c3d4' })).toEqual(a);
    expect(a.seed).toBeGreaterThanOrEqual(1_000_000);
    expect(commitSliceSeed({ SWEEP_SLICE_SEED: '1234567', GITHUB_SHA: '0e68512a' }).seed).toBe(1234567);
    expect(() => commitSliceSeed({ SWEEP_SLICE_SEED: 'abc' })).toThrow(/SWEEP_SLICE_SEED must be a whole number/);
  });
});
