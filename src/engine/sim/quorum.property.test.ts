// Goal: the quorum rules hold under random faults with clients writing, for every profile:
// no acknowledged write is lost without an explicit unsafe action, at most one primary per shard per term
// (and never two that can commit), and cp elects only with a majority of voters it reaches itself.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation, type Command, type ProfileId, type Simulation } from '../index';
import { playFaults, runChecked } from '../../testing/checked-run';
import { networkAndNodeFaults } from '../../testing/fault-arbitraries';
import { scenario } from '../../testing/load-scenario';

const NODES = 5;

const faultArb = fc.record({
  afterMs: fc.integer({ min: 0, max: 12_000 }),
  command: fc.oneof(
    // Partitions here may put cp on either side: that is where failover stalls.
    ...networkAndNodeFaults(NODES, ['n1', 'n2', 'n3', 'n4', 'n5', 'cp']),
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 }).map((w): Command => ({ type: 'workload.set', writesPerSec: w })) },
  ),
});

function makeSim(seed: number, profile: ProfileId): Simulation {
  return createSimulation({
    scenario: scenario({
      id: 'quorum-property',
      seed,
      profile,
      nodes: NODES,
      shards: 10,
      shardSizeBytes: 8 * 1024 * 1024,
      params: { rehomeGraceMs: profile === 'cockroachdb' ? 8000 : 0 },
      workload: { writesPerSec: 30 },
    }),
  });
}


describe('quorum invariants under random faults with clients writing', () => {
  it('hold for every profile; elections need a reachable majority; nothing acknowledged is lost without an unsafe repair', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom<ProfileId>('zeptodb', 'rethinkdb', 'cockroachdb'),
        fc.array(faultArb, { maxLength: 8 }),
        (seed, profile, faults) => {
          const sim = makeSim(seed, profile);
          playFaults(sim, faults);
          runChecked(sim, sim.timeMs + 20_000);
          // Heal everything: every shard takes writes again, and no acknowledged write was lost.
          sim.dispatch({ type: 'network.heal' });
          for (const node of sim.getState().nodes) if (node.lifecycle === 'crashed') sim.dispatch({ type: 'node.restart', node: node.id });
          runChecked(sim, sim.timeMs + 60_000);
          const state = sim.getState();
          expect(state.metrics.writesLost).toBe(0);
          expect(state.metrics.shardsNotWritable, JSON.stringify(state.shards.filter((s) => !s.writable))).toBe(0);
          for (const e of sim.getTrace()) {
            if (e.kind !== 'primary.elected') continue;
            expect(2 * (e.data.visible as number)).toBeGreaterThan(e.data.voters as number);
          }
          // Terms only grow, one elected primary per term.
          const seen = new Set<string>();
          for (const e of sim.getTrace().filter((x) => x.kind === 'primary.elected')) {
            const key = `${String(e.data.shard)}@${String(e.data.term)}`;
            expect(seen.has(key)).toBe(false);
            seen.add(key);
          }
        },
      ),
      { numRuns: 100, seed: 4357 },
    );
    // A hundred runs of up to 80 simulated seconds with clients writing: seconds of wall time on a busy CI machine.
  }, 120_000);
});
