// Goal (issue 13, bench case b): a leaderless write reads each shard's replicas from one Int32 row, and a row is
// only ever read while it is true to the shard's lists: a replaced list rebuilds it, a list changed in place is caught.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../index';
import { scenario } from '../../../testing/load-scenario';
import type { World } from '../world';
import { checkLeaderlessInvariants } from '../leaderless-invariants';
import { replicaRowOf, replicaRowProblems, rowCount, rowReplica, rowVotersInside } from './replica-rows';

const worldOf = (sim: Simulation): World => (sim as unknown as { w: World }).w;

const leaderlessSim = (): Simulation =>
  createSimulation({
    scenario: scenario({
      id: 'rows',
      nodes: 3,
      shards: 4,
      replicationFactor: 3,
      workload: { writesPerSec: 10, readsPerSec: 0 },
      params: { replication: 'leaderless' },
    }),
  });

function rowOf(w: World, shard: number): { replicas: number[]; votersInside: boolean } | null {
  const at = replicaRowOf(w, w.shards[shard]);
  if (at < 0) return null;
  const rows = w.leaderless.replicaRows!;
  return { replicas: Array.from({ length: rowCount(rows, at) }, (_, k) => rowReplica(rows, at, k)), votersInside: rowVotersInside(rows, at) };
}

describe('replica rows', () => {
  it('hold the replicas in placement order, made by the first writes', () => {
    const sim = leaderlessSim();
    sim.advanceBy(2_000);
    const w = worldOf(sim);
    expect(w.leaderless.replicaRows).not.toBeNull();
    for (const shard of w.shards) expect(rowOf(w, shard.index)).toEqual({ replicas: shard.replicas, votersInside: true });
  });

  it('are rebuilt when the shard takes a new list, and say when a voter is not a replica', () => {
    const sim = leaderlessSim();
    sim.advanceBy(2_000);
    const w = worldOf(sim);
    const shard = w.shards[1];
    shard.replicas = shard.replicas.slice(1);
    expect(rowOf(w, 1)).toEqual({ replicas: shard.replicas, votersInside: false });
    shard.voters = [...shard.replicas];
    expect(rowOf(w, 1)?.votersInside).toBe(true);
  });

  it('a shard with more replicas than a row holds is read through its lists', () => {
    const sim = leaderlessSim();
    const w = worldOf(sim);
    const shard = w.shards[0];
    shard.replicas = [0, 1, 2, 0, 1, 2, 0];
    expect(replicaRowOf(w, shard)).toBe(-1);
  });

  it('a list changed in place under its row is an invariant violation the sweep reports', () => {
    const sim = leaderlessSim();
    sim.advanceBy(2_000);
    const w = worldOf(sim);
    expect(replicaRowProblems(w)).toEqual([]);
    (w.shards[2].replicas as number[]).pop();
    const found: string[] = [];
    checkLeaderlessInvariants(w, (invariant, detail) => found.push(`${invariant}: ${detail}`));
    expect(found).toEqual([expect.stringMatching(/replica row agrees with the lists.*s\d+: row \[3, 1, /)]);
  });
});
