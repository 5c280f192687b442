import { describe, expect, it } from 'vitest';
import { createSimulation } from '../index';
import { scenario } from '../../testing/load-scenario';

/**
 * Two replicas of s001 die at once and only some nodes are registered with the migrator: the
 * stand-in it picks for an unknown target must not be a node already planned for the same shard
 * (that put two copies of s001 on n4, breaking the one-replica-per-node invariant).
 */
describe('a stand-in for an unregistered target', () => {
  it('never lands a second copy of a shard on a node planned for it', () => {
    const sim = createSimulation({
      scenario: scenario({
        id: 'stand-in', nodes: 5, shards: 1, replicationFactor: 3, shardSizeBytes: 4194304,
        placement: { s001: ['n1', 'n2', 'n3'] },
        failover: { registeredNodes: ['n1', 'n2', 'n3', 'n4'], autoReReplicate: false },
      }),
    });
    sim.dispatch({ type: 'node.destroy', node: 'n1' });
    sim.dispatch({ type: 'node.destroy', node: 'n2' });
    sim.runUntil(() => sim.getTrace().some((e) => e.kind === 'failover.routerRemoved' && e.data.node === 'n2'), { maxMs: 120_000 });
    sim.dispatch({ type: 'config.set', path: 'failover.autoReReplicate', value: true });
    sim.runUntil('healthy', { maxMs: 300_000 });
    // Only n3 and n4 are both alive and registered: s001 stays at two copies, on two nodes, and says why.
    expect(sim.getState().shards[0].replicas).toEqual(['n3', 'n4']);
    expect(sim.checkInvariants()).toEqual([]);
    const step4 = sim.getTrace().filter((e) => e.kind === 'failover.migrationStarted').at(-1)!;
    expect(step4.text).toMatch(/not registered with the migrator, so it chose registered nodes instead; for 1 it found none/);
  });

  it('step 4 does not say it starts copying when no stand-in exists', () => {
    const sim = createSimulation({
      scenario: scenario({
        id: 'no-stand-in', nodes: 4, shards: 1, replicationFactor: 3, shardSizeBytes: 4194304,
        placement: { s001: ['n1', 'n2', 'n3'] }, failover: { registeredNodes: ['n1', 'n2', 'n3'] },
      }),
    });
    sim.dispatch({ type: 'node.destroy', node: 'n1' });
    sim.runUntil('idle', { maxMs: 60_000 });
    const step4 = sim.getTrace().find((e) => e.kind === 'failover.migrationStarted')!;
    expect(step4.text).toMatch(/^Step 4: the migrator knows the nodes, but queues no copy\. .*for 1 it found none\.$/);
    expect(sim.getState().copies).toEqual([]);
  });
});
