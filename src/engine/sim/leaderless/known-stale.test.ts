import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../index';
import { getBuiltInScenario } from '../../../scenarios/registry';

/**
 * staleKeysKnown is belief: keys a digest, a Merkle comparison or a hint revealed stale and nothing has fixed
 * since. Once every replica holds every key (truth 0), nothing the cluster saw can still say a key is stale:
 * a write the replica acknowledged, a delivered hint or a repair told the coordinator so.
 */
describe('known stale keys follow what the cluster saw fixed', () => {
  for (const id of ['sync-vs-async-repair-async', 'hinted-handoff-window-exceeded']) {
    it(`${id}: known falls to 0 with the truth`, () => {
      const sim = createSimulation({ scenario: getBuiltInScenario(id)! });
      let peakKnown = 0;
      while (!sim.runUntil('converged', { maxMs: sim.timeMs + 5000 }).reached) {
        peakKnown = Math.max(peakKnown, sim.getState().metrics.staleKeysKnown);
        if (sim.timeMs > 600_000) throw new Error(`${id} did not converge`);
      }
      const m = sim.getState().metrics;
      expect(peakKnown).toBeGreaterThan(0);
      expect(m.staleKeysTruth).toBe(0);
      expect(m.staleKeysKnown).toBe(0);
    }, 60_000);
  }
});
