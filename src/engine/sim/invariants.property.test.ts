// Goal: VOPR in miniature — many seeds and random fault schedules; DESIGN.md §6 invariants hold after every step,
// equal inputs give equal digests, and once every fault is healed the cluster returns to healthy.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation, type Command, type Simulation } from '../index';
import { playFaults, type Fault } from '../../testing/checked-run';
import { networkAndNodeFaults } from '../../testing/fault-arbitraries';
import { scenario } from '../../testing/load-scenario';

const NODES = 6;

const faultArb: fc.Arbitrary<Fault> = fc.record({
  afterMs: fc.integer({ min: 0, max: 15_000 }),
  command: fc.oneof(
    ...networkAndNodeFaults(NODES, ['n1', 'n2', 'n3', 'n4', 'n5', 'n6']),
    { weight: 1, arbitrary: fc.constant<Command>({ type: 'rack.fail', rack: 'r1' }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 15_000 }).map((v): Command => ({ type: 'config.set', path: 'params.rehomeGraceMs', value: v })) },
  ),
});

function makeSim(seed: number, async: boolean): Simulation {
  return createSimulation({
    scenario: scenario({
      id: 'property',
      seed,
      nodes: NODES,
      racks: 3,
      shards: 24,
      shardSizeBytes: 16 * 1024 * 1024,
      failover: { asyncReReplicate: async },
    }),
  });
}


/** Undo every fault: heal the network and restart every crashed node. */
function healEverything(sim: Simulation): void {
  sim.dispatch({ type: 'network.heal' });
  for (const node of sim.getState().nodes) if (node.lifecycle === 'crashed') sim.dispatch({ type: 'node.restart', node: node.id });
}

describe('invariants under random faults', () => {
  it('hold after every step, and the cluster heals once the faults do', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(faultArb, { maxLength: 8 }), fc.boolean(), (seed, faults, async) => {
        const sim = makeSim(seed, async);
        playFaults(sim, faults);
        healEverything(sim);
        const result = sim.runUntil('healthy', { maxMs: sim.timeMs + 600_000 });
        expect(sim.checkInvariants()).toEqual([]);
        expect(result.reached, result.reason).toBe(true);
        const state = sim.getState();
        expect(state.metrics.lostShards).toBe(0);
        expect(state.shards.every((s) => s.replicas.length === 3)).toBe(true);
      }),
      { numRuns: 60, seed: 42 },
    );
    // Sixty simulated outages take seconds on a busy machine: a timeout fit for CI, as the quorum sweep has.
  }, 120_000);

  it('the same seed and commands give the same digest; another seed gives another', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(faultArb, { minLength: 1, maxLength: 6 }), (seed, faults) => {
        const a = makeSim(seed, true);
        const b = makeSim(seed, true);
        playFaults(a, faults);
        playFaults(b, faults);
        a.runUntil('healthy', { maxMs: a.timeMs + 120_000 });
        b.runUntil('healthy', { maxMs: b.timeMs + 120_000 });
        expect(a.digest()).toBe(b.digest());
        expect(a.getState()).toEqual(b.getState());
        const c = makeSim(seed + 1, true);
        playFaults(c, faults);
        c.runUntil('healthy', { maxMs: c.timeMs + 120_000 });
        expect(c.digest()).not.toBe(a.digest());
      }),
      { numRuns: 25, seed: 7 },
    );
  }, 120_000);
});
