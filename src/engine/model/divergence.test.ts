import { describe, expect, it } from 'vitest';
import {
  CORRUPT,
  OLDER_AGREED,
  applyWrite,
  copyReplica,
  corruptKeys,
  deliver,
  differingKeys,
  dropReplica,
  isConverged,
  newShardDivergence,
  totalStaleKeys,
  versionOf,
} from './divergence';

describe('sparse divergence of one shard', () => {
  it('stores nothing for a write every replica took', () => {
    const div = newShardDivergence();
    expect(applyWrite(div, 7, 1, [1, 2, 3], [])).toBe(0);
    expect(div.latest.size).toBe(0);
    expect(isConverged(div)).toBe(true);
  });

  it('a replica that misses writes keeps the version it had, once per key', () => {
    const div = newShardDivergence();
    expect(applyWrite(div, 7, 1, [1, 2], [3])).toBe(1);
    expect(applyWrite(div, 7, 2, [1, 2], [3])).toBe(0);
    expect(versionOf(div, 3, 7)).toBe(OLDER_AGREED);
    expect(versionOf(div, 1, 7)).toBe(2);
    expect(totalStaleKeys(div)).toBe(1);
    expect(differingKeys(div, 1, 3)).toEqual([7]);
    expect(differingKeys(div, 1, 2)).toEqual([]);
  });

  it('a later write that reaches the stale replica heals the key', () => {
    const div = newShardDivergence();
    applyWrite(div, 7, 1, [1, 2], [3]);
    expect(applyWrite(div, 7, 2, [1, 2, 3], [])).toBe(-1);
    expect(isConverged(div)).toBe(true);
    expect(div.latest.size).toBe(0);
  });

  it('delivers newer versions, refuses older ones (last writer wins)', () => {
    const div = newShardDivergence();
    applyWrite(div, 7, 1, [1, 2], [3]);
    applyWrite(div, 7, 2, [1, 2], [3]);
    expect(deliver(div, 3, 7, 1)).toEqual({ outcome: 'applied', delta: 0 });
    expect(versionOf(div, 3, 7)).toBe(1);
    expect(deliver(div, 3, 7, 1)).toEqual({ outcome: 'superseded', delta: 0 });
    expect(deliver(div, 3, 7, 2)).toEqual({ outcome: 'applied', delta: -1 });
    expect(isConverged(div)).toBe(true);
    // The replica now holds the newest version: an old hint arriving late changes nothing.
    expect(deliver(div, 3, 7, 1).outcome).toBe('superseded');
  });

  it('corrupt keys count as stale and any good version replaces them', () => {
    const div = newShardDivergence();
    expect(corruptKeys(div, 2, [4, 5])).toBe(2);
    expect(versionOf(div, 2, 4)).toBe(CORRUPT);
    expect(versionOf(div, 1, 4)).toBe(OLDER_AGREED);
    expect(deliver(div, 2, 4, OLDER_AGREED)).toEqual({ outcome: 'applied', delta: -1 });
    expect(totalStaleKeys(div)).toBe(1);
  });

  it('a copy inherits its source stale keys; a dropped replica takes its own away', () => {
    const div = newShardDivergence();
    applyWrite(div, 7, 1, [1, 2], [3]);
    expect(copyReplica(div, 3, 4)).toBe(1);
    expect(versionOf(div, 4, 7)).toBe(OLDER_AGREED);
    expect(dropReplica(div, 3)).toBe(-1);
    expect(dropReplica(div, 4)).toBe(-1);
    expect(isConverged(div)).toBe(true);
    expect(div.latest.size).toBe(0);
  });
});
