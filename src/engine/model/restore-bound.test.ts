// Goal: the re-homing benchmark divides by a bound no migrator can beat, derived in one pure function (issue 12).
import { describe, expect, it } from 'vitest';
import { balancedAssignment } from './balanced-assignment';
import { restoreBound } from './restore-bound';

const MiB = 2 ** 20;
const node = (rackIndex: number, alive = true) => ({ rackIndex, bytesPerSec: 64 * MiB, alive });

describe('restoreBound', () => {
  it('the worked example: 200 shards over 5 survivors at one shard a second is 40 s, plus the path and the tail', () => {
    const nodes = [0, 1, 2, 3, 4, 5].map((r) => node(r, r !== 2));
    // Every pair of survivors holds 20 of n3's shards: each survivor sends and receives 40 at best.
    const survivors = [0, 1, 3, 4, 5];
    const shards: number[][] = [];
    for (let a = 0; a < 5; a++) for (let b = a + 1; b < 5; b++) for (let k = 0; k < 20; k++) shards.push([survivors[a], survivors[b]]);
    const b = restoreBound({ shardSizeBytes: 64 * MiB, nodes, survivingReplicas: shards, startDelayMs: 300, tailMs: 4 });
    expect(b.shards).toBe(200);
    expect(b.fluidMs).toBe(40_000);
    expect(b.transferMs).toBe(40_000);
    expect(b.boundMs).toBe(40_304);
  });

  it('shards do not split: 4 shards over 3 receivers take two shard-times, not 1.33', () => {
    const nodes = [node(0, false), node(1), node(2), node(3)];
    const b = restoreBound({ shardSizeBytes: 64 * MiB, nodes, survivingReplicas: [[1], [2], [3], [1]], startDelayMs: 0, tailMs: 0 });
    expect(b.fluidMs).toBeCloseTo(4000 / 3);
    expect(b.ingressMs).toBe(2000);
  });

  it('sources are the surviving replicas: two shards whose only copy is on one node need it twice', () => {
    const nodes = [node(0, false), node(1), node(2), node(3), node(4)];
    const b = restoreBound({ shardSizeBytes: 64 * MiB, nodes, survivingReplicas: [[1], [1]], startDelayMs: 0, tailMs: 0 });
    expect(b.ingressMs).toBe(1000);
    expect(b.egressMs).toBe(2000);
    expect(b.oneShardMs).toBe(1000);
  });

  it('targets follow the rack rule: a receiver in a rack holding the shard does not count', () => {
    // Racks: n2 and n3 share rack 1 with the surviving copy of both shards; only n4 (rack 2) may take them.
    const nodes = [node(0, false), node(1), node(1), node(1), node(2)];
    const b = restoreBound({ shardSizeBytes: 64 * MiB, nodes, survivingReplicas: [[1], [1]], startDelayMs: 0, tailMs: 0 });
    expect(b.receivers).toBe(1);
    expect(b.ingressMs).toBe(2000);
  });
});

describe('balancedAssignment', () => {
  it('moves an earlier choice along an augmenting path to make room', () => {
    // Item 0 may go to 0 or 1, item 1 only to 0: one shard-time each only if item 0 takes node 1.
    const a = balancedAssignment([[0, 1], [0]], [1, 1], 1);
    expect([...a.nodeOf]).toEqual([1, 0]);
    expect(a.finishMs).toBe(1000);
    expect(a.maxPerNode).toBe(1);
  });

  it('counts what a node already has in hand', () => {
    const a = balancedAssignment([[0, 1]], [1, 1], 1, [2, 0]);
    expect([...a.nodeOf]).toEqual([1]);
  });
});
