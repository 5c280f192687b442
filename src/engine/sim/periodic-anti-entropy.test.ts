// Goal (design recovery-repair.md §2, §13, Riak active anti-entropy): with antiEntropyIntervalMs > 0 each node starts
// sessions for the shards it coordinates on its own clock — one tick per node, never one timer per shard — and stale
// keys no read asks for are found and fixed without an operator; with the interval at 0 nothing is scheduled or drawn.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../index';
import { scenario } from '../../testing/load-scenario';
import type { World } from './world';

function worldOf(sim: Simulation): World {
  return (sim as unknown as { w: World }).w;
}

function run(antiEntropyIntervalMs: number): Simulation {
  return createSimulation({
    scenario: scenario({
      id: 'aae',
      nodes: 4,
      shards: 8,
      replicationFactor: 3,
      shardSizeBytes: 8 * 1024 * 1024,
      params: { replication: 'leaderless', merkleMaxDepth: 4, hintedHandoff: false, readRepair: 'NONE', antiEntropyIntervalMs, merkleExchange: 'levelByLevel' },
      workload: { writesPerSec: 40, readsPerSec: 0 },
      timeline: [
        { atMs: 1000, command: { type: 'node.crash', node: 'n4' } },
        { atMs: 5000, command: { type: 'node.restart', node: 'n4' } },
        { atMs: 8000, command: { type: 'workload.set', writesPerSec: 0 } },
      ],
    }),
  });
}

describe('periodic anti-entropy', () => {
  it('one tick per node finds and repairs the keys n4 missed, with no repair.run', () => {
    const sim = run(20_000);
    const w = worldOf(sim);
    expect(w.repair.ticks.size).toBe(4);
    sim.advanceBy(9_000);
    expect(sim.getMetrics().staleKeysTruth).toBeGreaterThan(0);
    const reached = sim.runUntil('converged', { maxMs: 60_000 });
    expect(reached.reached).toBe(true);
    const started = sim.getTrace().filter((e) => e.kind === 'repair.started');
    expect(started.length).toBeGreaterThan(0);
    // Each shard has one coordinator per tick: no shard gets two sessions at once.
    expect(sim.getTrace().some((e) => e.kind === 'command' && JSON.stringify(e.data).includes('repair.run'))).toBe(false);
    expect(sim.checkInvariants()).toEqual([]);
    // Still one pending tick per node, whatever the shard count.
    expect(w.repair.ticks.size).toBe(4);
    // idle keeps its meaning: the ticks are periodic.
    expect(sim.runUntil('idle', { maxMs: 200_000 }).reached).toBe(true);
  });

  it('is off at 0: no tick, no session, and the keys stay stale', () => {
    const sim = run(0);
    expect(worldOf(sim).repair.ticks.size).toBe(0);
    sim.advanceBy(60_000);
    expect(sim.getTrace().filter((e) => e.kind.startsWith('repair.'))).toEqual([]);
    expect(sim.getMetrics().staleKeysTruth).toBeGreaterThan(0);
  });
});
