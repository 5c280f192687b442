// Goal (issue 13): the stale keys the cluster knows of count exactly as a plain set of (shard, replica, key) would,
// whichever way they are learnt and forgotten (read digests, hints, Merkle comparisons, writes, a copy dropped).
import { describe, expect, it } from 'vitest';
import { KnownStaleKeys } from './known-stale';

describe('known stale keys', () => {
  it('agree with a plain set over random adds, deletes, writes that reach replicas and copies dropped', () => {
    let state = 7;
    const rand = (n: number): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state >>> 8) % n;
    };
    const known = new KnownStaleKeys();
    const reference = new Set<string>();
    const id = (shard: number, replica: number, key: number) => `${shard}:${replica}:${key}`;
    for (let step = 0; step < 30_000; step++) {
      const shard = rand(6);
      const replica = rand(5);
      const key = rand(12);
      const op = rand(10);
      if (op < 5) {
        known.add(shard, replica, key);
        reference.add(id(shard, replica, key));
      } else if (op < 7) {
        expect(known.delete(shard, replica, key)).toBe(reference.delete(id(shard, replica, key)));
      } else if (op < 9) {
        const reached = [replica, (replica + 1) % 5, (replica + 3) % 5];
        known.forgetReached(shard, key, reached);
        for (const r of reached) reference.delete(id(shard, r, key));
      } else {
        known.forgetReplica(shard, replica);
        for (const k of [...reference]) if (k.startsWith(`${shard}:${replica}:`)) reference.delete(k);
      }
      expect(known.size).toBe(reference.size);
      expect(known.has(shard, replica, key)).toBe(reference.has(id(shard, replica, key)));
    }
  });

  it('adding a key known already counts it once', () => {
    const known = new KnownStaleKeys();
    known.add(3, 1, 40);
    known.add(3, 1, 40);
    expect(known.size).toBe(1);
    known.forgetReached(3, 40, [0, 2]);
    expect(known.size).toBe(1);
    known.forgetReached(3, 40, [1]);
    expect(known.size).toBe(0);
    expect(known.has(3, 1, 40)).toBe(false);
  });
});
