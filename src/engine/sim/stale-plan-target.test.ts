// Goal (issue 9, found by `npm run sweep` seed 40565): a copy the failover path planned before an emergency
// repair must not go to the node the repair kept. Step 3 planned s002 → n3; an erase repair then recreated
// s002 on n3 alone; step 4 started "s002 from n3 to n3" and the router listed n3 twice.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../index';
import { scenario } from '../../testing/load-scenario';

describe('a planned copy whose target already holds the shard', () => {
  it('is re-planned to a node that lacks it, never listed twice', () => {
    const sim = createSimulation({
      scenario: scenario({ id: 'sweep-40565', nodes: 6, racks: 2, shards: 2, replicationFactor: 3, shardSizeBytes: 4194304, workload: { writesPerSec: 1, readsPerSec: 0 }, seed: 40565 }),
    });
    const at = (ms: number) => sim.runUntil((s) => s.timeMs >= ms, { maxMs: ms });
    at(3000);
    sim.dispatch({ type: 'node.crash', node: 'n6' });
    at(7000);
    sim.dispatch({ type: 'node.crash', node: 'n2' });
    at(9500);
    sim.dispatch({ type: 'node.crash', node: 'n1' });
    at(13000);
    sim.dispatch({ type: 'shard.emergencyRepair', shard: 's002', mode: 'unsafe_rollback_or_erase' });
    for (let t = 13_100; t <= 30_000; t += 100) {
      at(t);
      const s002 = sim.getState().shards.find((s) => s.id === 's002')!;
      expect(new Set(s002.replicas).size, `at ${t} ms: ${s002.replicas.join(', ')}`).toBe(s002.replicas.length);
    }
    expect(sim.getTrace().some((e) => e.kind === 'copy.started' && /from (n\d+) to \1:/.test(e.text))).toBe(false);
    const s002 = sim.getState().shards.find((s) => s.id === 's002')!;
    expect(s002.replicas).toHaveLength(3);
  });
});
