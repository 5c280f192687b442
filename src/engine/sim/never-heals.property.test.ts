// Goal: issue 9 item 3 as a property — after any schedule of faults (crashes, restarts, destroys, cuts including
// cp, partitions, switching re-replication off and on, sync/async, grace), once the faults stop and every setting
// is back on, the cluster returns to healthy within a stated bound whenever it can (a live copy of every shard and
// at least RF nodes left). The schedules of never-heals.test.ts were found by a wider run of this search.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommandError, createSimulation, type Command } from '../index';
import { networkAndNodeFaults } from '../../testing/fault-arbitraries';
import { scenario } from '../../testing/load-scenario';

const NODES = 5;
const IDS = ['n1', 'n2', 'n3', 'n4', 'n5'];

/**
 * Bound after the last fault heals: a restarted node replays its log (2 s) and is heard again; a node that stays
 * down is declared DEAD (10 s); a failover path is 5 control-plane steps plus a grace period (≤ 15 s here) and may
 * queue behind one path per other dead node (≤ 4 × 16 s); copies of 4 MiB take well under a second each. 120 s
 * covers that with room to spare; a cluster stuck for good never makes it at any bound.
 */
const HEAL_BOUND_MS = 120_000;

const faultArb = fc.record({
  afterMs: fc.integer({ min: 0, max: 12_000 }),
  command: fc.oneof(
    ...networkAndNodeFaults(NODES, IDS),
    { weight: 2, arbitrary: fc.constantFrom(...IDS).map((node): Command => ({ type: 'node.destroy', node })) },
    { weight: 1, arbitrary: fc.boolean().map((value): Command => ({ type: 'config.set', path: 'failover.asyncReReplicate', value })) },
    { weight: 1, arbitrary: fc.boolean().map((value): Command => ({ type: 'config.set', path: 'failover.autoReReplicate', value })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(0, 5000, 15000).map((value): Command => ({ type: 'config.set', path: 'params.rehomeGraceMs', value })),
    },
  ),
});

describe('a cluster that can heal, heals', () => {
  it('returns to healthy within the bound once the faults stop', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.boolean(),
        fc.constantFrom(0, 15_000),
        fc.array(faultArb, { minLength: 1, maxLength: 8 }),
        (seed, asyncReReplicate, rehomeGraceMs, faults) => {
          const sim = createSimulation({
            scenario: scenario({
              id: 'heals',
              seed,
              nodes: NODES,
              shards: 3,
              replicationFactor: 3,
              shardSizeBytes: 4 * 1024 * 1024,
              failover: { asyncReReplicate },
              params: { rehomeGraceMs },
            }),
          });
          let t = 0;
          for (const fault of faults) {
            t += fault.afterMs;
            sim.advanceBy(t - sim.timeMs);
            try {
              sim.dispatch(fault.command);
            } catch (error) {
              if (!(error instanceof CommandError)) throw error;
            }
          }
          // The faults stop: links heal, crashed nodes restart, re-replication is allowed again.
          sim.dispatch({ type: 'network.heal' });
          sim.dispatch({ type: 'config.set', path: 'failover.autoReReplicate', value: true });
          for (const node of sim.getState().nodes) if (node.lifecycle === 'crashed') sim.dispatch({ type: 'node.restart', node: node.id });
          const result = sim.runUntil('healthy', { maxMs: sim.timeMs + HEAL_BOUND_MS });
          const state = sim.getState();
          const canHeal =
            state.nodes.filter((n) => n.lifecycle !== 'destroyed').length >= 3 &&
            state.metrics.lostShards === 0 &&
            state.shards.every((s) => s.replicas.length > 0);
          if (canHeal) expect(result.reached, result.reason).toBe(true);
        },
      ),
      { numRuns: 100, seed: 1 },
    );
    // A hundred short runs take a few seconds on a loaded 2-core machine.
  }, 60_000);
});
