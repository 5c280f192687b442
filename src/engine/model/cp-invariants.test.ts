// Goal: invariant 12 (design §11.6) names a router listing ahead of the journal, and two leaders in one term.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../index';
import { builtIn } from '../../testing/load-scenario';
import type { World } from '../sim/world';
import { INVARIANT_12 } from './cp-invariants';

const worldOf = (sim: Simulation): World => (sim as unknown as { w: World }).w;

describe('invariant 12', () => {
  it('names a copy the router lists before its copy.committed is committed', () => {
    const sim = createSimulation({ scenario: builtIn('cp-leader-dies-mid-rehome') });
    // Leaderless: caught-up copies wait for a leader to commit them.
    sim.advanceBy(17_000);
    expect(sim.checkInvariants()).toEqual([]);
    const w = worldOf(sim);
    const [jobId] = [...w.controlPlane.awaitingCommit.keys()];
    const job = w.migrator.jobs.get(jobId)!;
    w.shards[job.shard].replicas.push(job.target);
    w.nodes[job.target].placed.add(job.shard);
    w.nodes[job.target].disk.set(job.shard, 0);
    const hit = sim.checkInvariants().filter((v) => v.invariant === INVARIANT_12);
    expect(hit).toHaveLength(1);
    expect(hit[0].detail).toMatch(/is not committed/);
  });

  it('names two leaders holding one term', () => {
    const sim = createSimulation({ scenario: builtIn('cp-leader-dies-mid-rehome') });
    sim.advanceBy(20_000);
    const w = worldOf(sim);
    w.controlPlane.termClashes.push('term 2: cp2 and cp3');
    expect(sim.checkInvariants().some((v) => v.invariant === INVARIANT_12 && /two leaders in term 2/.test(v.detail))).toBe(true);
  });
});
