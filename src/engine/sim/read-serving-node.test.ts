// Goal (issue 9): every read in the log names the replica that answered it, in its words and in
// `data.node`, so a learner (or a test) can tell which copy served it; and an outdated read only says
// "no primary" when the shard truly has none.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Command, type Simulation } from '../index';
import { scenario } from '../../testing/load-scenario';

function run(commands: [number, Command][], untilMs: number): Simulation {
  const sim = createSimulation({
    scenario: scenario({
      id: 'reads', nodes: 3, shards: 1, replicationFactor: 3, shardSizeBytes: 4194304,
      placement: { s001: ['n1', 'n2', 'n3'] },
      workload: { writesPerSec: 5, readsPerSec: 20 },
    }),
  });
  for (const [ms, command] of commands) {
    sim.runUntil((s) => s.timeMs >= ms, { maxMs: ms });
    sim.dispatch(command);
  }
  sim.runUntil((s) => s.timeMs >= untilMs, { maxMs: untilMs });
  return sim;
}

describe('which replica served a read', () => {
  it('an up-to-date read names the primary that answered, in the text and in data.node', () => {
    const sim = run([], 3000);
    const fresh = sim.getTrace().filter((e) => e.kind === 'read.fresh');
    expect(fresh.length).toBeGreaterThan(10);
    for (const e of fresh) {
      expect(e.data.node).toBe('n1');
      expect(e.text).toContain('n1');
    }
  });

  it('while the primary is cut off from the router, an outdated read names it rather than claiming there is no primary', () => {
    // n1 stays primary until the control plane declares it dead; meanwhile the router cannot reach it.
    const sim = run([[5000, { type: 'link.cut', a: 'n1', b: 'cp' }]], 5500);
    expect(sim.getState().shards[0].primary).toBe('n1');
    const stale = sim.getTrace().filter((e) => e.kind === 'read.stale' && e.timeMs > 5000);
    expect(stale.length).toBeGreaterThan(3);
    for (const e of stale) {
      expect(e.text).not.toContain('no primary');
      expect(e.text).toContain('cannot reach its primary n1');
      expect(['n2', 'n3']).toContain(e.data.node);
      expect(e.text).toContain(`${String(e.data.node)} answers`);
    }
  });
});
