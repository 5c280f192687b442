// Goal (issue 13, design recovery-repair.md §11.6): leaderless runs under random outages, partitions, node losses,
// consistency-level mixes and hints on or off keep every invariant after every step (invariant 10 and the divergence
// record's own among them), and equal inputs give equal digests.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation, type Command, type Simulation } from '../index';
import { playFaults, type Fault } from '../../testing/checked-run';
import { networkAndNodeFaults } from '../../testing/fault-arbitraries';
import { scenario } from '../../testing/load-scenario';

const NODES = 5;
const ids = ['n1', 'n2', 'n3', 'n4', 'n5'];

const faultArb: fc.Arbitrary<Fault> = fc.record({
  afterMs: fc.integer({ min: 0, max: 20_000 }),
  command: fc.oneof(
    ...networkAndNodeFaults(NODES, ids),
    { weight: 1, arbitrary: fc.constantFrom(...ids).map((node): Command => ({ type: 'node.destroy', node })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...ids), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 3 }))
        .map(([node, s, keys]): Command => ({ type: 'replica.corrupt', node, shard: `s00${s}`, keys })),
    },
    { weight: 1, arbitrary: fc.constantFrom('ONE', 'QUORUM', 'ALL', 'ANY').map((value): Command => ({ type: 'config.set', path: 'params.writeConsistency', value })) },
    { weight: 1, arbitrary: fc.constantFrom('ONE', 'QUORUM', 'ALL').map((value): Command => ({ type: 'config.set', path: 'params.readConsistency', value })) },
  ),
});

const optionsArb = fc.record({
  hintedHandoff: fc.boolean(),
  sloppyQuorum: fc.boolean(),
  readRepair: fc.constantFrom('BLOCKING', 'NONE'),
  maxHintWindowMs: fc.constantFrom(5_000, 60_000),
  keysPerShard: fc.constantFrom(16, 1024),
});

function makeSim(seed: number, params: Record<string, unknown>): Simulation {
  return createSimulation({
    scenario: scenario({
      id: 'leaderless-property',
      seed,
      nodes: NODES,
      shards: 8,
      replicationFactor: 3,
      shardSizeBytes: 4 * 1024 * 1024,
      workload: { writesPerSec: 40, readsPerSec: 40 },
      params: { replication: 'leaderless', ...params },
    }),
  });
}

describe('leaderless invariants under random faults', () => {
  it('hold after every step, with hints applied at most once and stale keys counted true', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(faultArb, { maxLength: 6 }), optionsArb, (seed, faults, options) => {
        const sim = makeSim(seed, options);
        playFaults(sim, faults);
        sim.dispatch({ type: 'network.heal' });
        for (const node of sim.getState().nodes) if (node.lifecycle === 'crashed') sim.dispatch({ type: 'node.restart', node: node.id });
        playFaults(sim, [{ afterMs: 15_000, command: { type: 'network.heal' } }]);
        expect(sim.checkInvariants()).toEqual([]);
        const m = sim.getMetrics();
        // Every hint stored is delivered, lost or (rarely, a holder still cut off) pending; none is counted twice.
        expect(m.hintsStored).toBeGreaterThanOrEqual(m.hintsDelivered + m.hintsLost);
      }),
      { numRuns: 100, seed: 13 },
    );
  }, 120_000);

  it('the same seed and commands give the same digest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(faultArb, { minLength: 1, maxLength: 5 }), optionsArb, (seed, faults, options) => {
        const a = makeSim(seed, options);
        const b = makeSim(seed, options);
        playFaults(a, faults);
        playFaults(b, faults);
        expect(a.digest()).toBe(b.digest());
        expect(a.getMetrics()).toEqual(b.getMetrics());
      }),
      { numRuns: 15, seed: 5 },
    );
  }, 60_000);
});
