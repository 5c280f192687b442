// The Repair panel's view (sim.getRepairView) lists only replicas that hold data: a destroyed node has no version of any key.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../index';
import { scenario } from '../../testing/load-scenario';

describe('getRepairView', () => {
  it('leaves out a listed replica whose disk is gone', () => {
    const sim = createSimulation({
      scenario: scenario({
        id: 'repair-view-destroyed',
        nodes: 4,
        shards: 1,
        replicationFactor: 3,
        shardSizeBytes: 1048576,
        workload: { writesPerSec: 10, readsPerSec: 0 },
        placement: { s001: ['n1', 'n2', 'n3'] },
        params: { replication: 'leaderless', merkleMaxDepth: 4 },
        failover: { autoReReplicate: false },
        timeline: [{ atMs: 1000, command: { type: 'node.destroy', node: 'n3' } }],
      }),
    });
    sim.advanceBy(3000);
    expect(sim.getState().shards[0].replicas).toContain('n3');
    const view = sim.getRepairView('s001')!;
    expect(view.replicas).toEqual(['n1', 'n2']);
    expect(view.staleKeys.every((k) => k.versions.every((v) => v.replica !== 'n3'))).toBe(true);
  });
});
