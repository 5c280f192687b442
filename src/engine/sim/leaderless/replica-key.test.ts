// Goal (issue 13, bench case b): a leaderless write reads each shard's replicas from one small number on the shard's
// row, and a key is only ever read while it is true to the shard's lists: a list given through setReplicas or
// setVoters makes it again, a list changed in place is caught.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../index';
import { scenario } from '../../../testing/load-scenario';
import { KEY_NOT_MADE, setReplicas, setVoters, type World } from '../world';
import { checkLeaderlessInvariants } from '../leaderless-invariants';
import { copyWorld } from '../world-copy';
import { NO_KEY, keyCount, keyReplica, replicaKeyOf, replicaKeyProblems } from './replica-key';

const worldOf = (sim: Simulation): World => (sim as unknown as { w: World }).w;

const leaderlessSim = (nodes = 3): Simulation =>
  createSimulation({
    scenario: scenario({
      id: 'keys',
      nodes,
      shards: 4,
      replicationFactor: 3,
      workload: { writesPerSec: 10, readsPerSec: 0 },
      params: { replication: 'leaderless' },
    }),
  });

function replicasOf(w: World, shard: number): number[] | null {
  const key = replicaKeyOf(w.shards[shard]);
  if (key === NO_KEY) return null;
  const count = keyCount(key);
  return Array.from({ length: count }, (_, k) => keyReplica(key, count, k));
}

describe('replica keys', () => {
  it('hold the replicas in placement order, made by the first writes', () => {
    const sim = leaderlessSim(6);
    sim.advanceBy(2_000);
    const w = worldOf(sim);
    for (const shard of w.shards) {
      expect(shard.replicaKey).not.toBe(KEY_NOT_MADE);
      expect(replicasOf(w, shard.index)).toEqual(shard.replicas);
    }
  });

  it('are made again when the shard takes a new list, and hold none while a voter is not a replica', () => {
    const sim = leaderlessSim();
    sim.advanceBy(2_000);
    const w = worldOf(sim);
    const shard = w.shards[1];
    setReplicas(shard, shard.replicas.slice(1));
    expect(shard.replicaKey).toBe(KEY_NOT_MADE);
    expect(replicasOf(w, 1)).toBeNull();
    setVoters(shard, [...shard.replicas]);
    expect(shard.replicaKey).toBe(KEY_NOT_MADE);
    expect(replicasOf(w, 1)).toEqual(shard.replicas);
    setReplicas(shard, []);
    setVoters(shard, []);
    expect(replicasOf(w, 1)).toEqual([]);
  });

  it('a shard with more replicas than a key holds, or a node index past its digits, is read through its lists', () => {
    const w = worldOf(leaderlessSim());
    const shard = w.shards[0];
    setReplicas(shard, [0, 1, 2, 0]);
    setVoters(shard, [...shard.replicas]);
    expect(replicaKeyOf(shard)).toBe(NO_KEY);
    setReplicas(shard, [0, 1, 1023]);
    setVoters(shard, [...shard.replicas]);
    expect(replicaKeyOf(shard)).toBe(NO_KEY);
    setReplicas(shard, [1022, 0, 511]);
    setVoters(shard, [...shard.replicas]);
    expect(replicasOf(w, 0)).toEqual([1022, 0, 511]);
  });

  it('a copied world keeps each key with its own lists, never the original ones', () => {
    const sim = leaderlessSim();
    sim.advanceBy(2_000);
    const w = worldOf(sim);
    const { world: copy } = copyWorld(w);
    for (const shard of copy.shards) {
      expect(shard.replicaKey).toBe(w.shards[shard.index].replicaKey);
      expect(replicasOf(copy, shard.index)).toEqual(shard.replicas);
    }
    expect(replicaKeyProblems(copy)).toEqual([]);
  });

  it('a list changed in place under its key is an invariant violation the sweep reports', () => {
    const sim = leaderlessSim();
    sim.advanceBy(2_000);
    const w = worldOf(sim);
    expect(replicaKeyProblems(w)).toEqual([]);
    (w.shards[2].replicas as number[]).pop();
    const found: string[] = [];
    checkLeaderlessInvariants(w, (invariant, detail) => found.push(`${invariant}: ${detail}`));
    expect(found).toEqual([expect.stringMatching(/replica row agrees with the lists.*s\d+: key \[\d, \d, \d\], lists say \[none\]/)]);
  });
});
