// Goal (issue 9, found by `npm run sweep` seed 42034): after an emergency repair demotes n2 to a non-voter,
// the voter that replaced it (n5) is destroyed and n2 returns to fill RF: the vote n5 left must not stay
// vacant for ever. n2 holds every acknowledged write, so it takes the vote and the cluster is healthy again.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Command } from '../index';
import { scenario } from '../../testing/load-scenario';

describe('a vote left by a destroyed voter', () => {
  it('goes to a returning replica an emergency repair had demoted, once it holds every acknowledged write', () => {
    const sim = createSimulation({
      scenario: scenario({ id: 'sweep-42034', nodes: 5, racks: 3, shards: 1, replicationFactor: 3, shardSizeBytes: 4194304, workload: { writesPerSec: 1, readsPerSec: 0 }, seed: 42034 }),
    });
    const steps: [number, Command][] = [
      [5000, { type: 'node.crash', node: 'n2' }],
      [8500, { type: 'node.destroy', node: 'n3' }],
      [14000, { type: 'shard.emergencyRepair', shard: 's001', mode: 'unsafe_rollback' }],
      [18000, { type: 'node.destroy', node: 'n5' }],
      [41500, { type: 'node.restart', node: 'n2' }],
    ];
    for (const [t, c] of steps) {
      sim.runUntil((s) => s.timeMs >= t, { maxMs: t });
      sim.dispatch(c);
    }
    const run = sim.runUntil('healthy', { maxMs: 120_000 });
    expect(run.reason).toMatch(/^healthy/);
    const s001 = sim.getState().shards[0];
    expect([...s001.voters].sort()).toEqual([...s001.replicas].sort());
    expect(s001.voters).toContain('n2');
    expect(s001.voters).not.toContain('n5');
  });

  it('a replica the scenario configured not to vote still never votes', () => {
    const sim = createSimulation({
      scenario: scenario({ id: 'nv', nodes: 4, shards: 1, replicationFactor: 3, shardSizeBytes: 4194304, placement: { s001: ['n1', 'n2', 'n3'] }, voters: { s001: ['n1', 'n2'] } }),
    });
    sim.runUntil((s) => s.timeMs >= 5000, { maxMs: 5000 });
    sim.dispatch({ type: 'node.destroy', node: 'n2' });
    sim.runUntil('healthy', { maxMs: 120_000 });
    const s001 = sim.getState().shards[0];
    expect(s001.voters).not.toContain('n3');
  });
});
