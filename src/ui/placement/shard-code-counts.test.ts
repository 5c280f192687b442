// Goal: the placement panel's counts read from the shard codes equal the counts a learner saw from the full shard
// list, so they stay right at 100,000 shards where `cluster.shards` lists only some shards.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../engine/index';
import { builtIn } from '../../testing/load-scenario';
import { countByGridState, GRID_STATES } from './placement-summary';
import { countByQuorum, QUORUM_STATES } from './quorum-summary';
import { countByRecovery, RECOVERY_STATES, recoveryByNode } from './recovery-summary';
import { codeHistogram, codesFromShards, countsByOverlay } from './shard-code-counts';

describe('counts from shard codes', () => {
  for (const [id, atMs] of [
    ['rehome-worked-example', 20_000],
    ['minority-partition', 30_000],
    ['crash-during-replay', 12_000],
  ] as const) {
    it(`match the counts from every shard view (${id} at ${atMs} ms)`, () => {
      const sim = createSimulation({ scenario: builtIn(id) });
      sim.advanceBy(atMs);
      const state = sim.getState();
      const histogram = codeHistogram(sim.getShardStateCodes());
      expect(countsByOverlay('replicas', histogram)).toEqual(GRID_STATES.map((s) => countByGridState(state.shards, state.replicationFactor)[s]));
      expect(countsByOverlay('writes', histogram)).toEqual(QUORUM_STATES.map((s) => countByQuorum(state.shards)[s]));
      const byNode = recoveryByNode(state.nodes);
      expect(countsByOverlay('recovery', histogram)).toEqual(RECOVERY_STATES.map((s) => countByRecovery(state.shards, byNode)[s]));
      // The stand-in for a view state without codes gives the engine's codes.
      expect(Array.from(codesFromShards(state))).toEqual(Array.from(sim.getShardStateCodes()));
      expect(countsByOverlay('replicas', histogram).reduce((a, b) => a + b)).toBe(state.shards.length);
    });
  }
});
