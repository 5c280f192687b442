// Goal (issue 9): the state tells a reader how much of the acknowledged history a rolled-back copy holds
// (its split point), so an outside checker and the shard inspector need not take its raw LSN for it.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../index';
import { scenario } from '../../testing/load-scenario';

describe('a replica view shows the acknowledged history it holds', () => {
  it('heldLsn is the split point for a rolled-back copy and the LSN for every other copy', () => {
    const sim = createSimulation({
      scenario: scenario({
        id: 'held', nodes: 3, shards: 1, replicationFactor: 3, shardSizeBytes: 4194304,
        placement: { s001: ['n1', 'n2', 'n3'] },
        workload: { writesPerSec: 10 },
      }),
    });
    const at = (ms: number) => sim.runUntil((s) => s.timeMs >= ms, { maxMs: ms });
    at(5000);
    sim.dispatch({ type: 'node.crash', node: 'n3' });
    at(8000);
    sim.dispatch({ type: 'node.crash', node: 'n1' });
    sim.dispatch({ type: 'node.crash', node: 'n2' });
    at(9000);
    sim.dispatch({ type: 'node.restart', node: 'n3' });
    at(13000);
    sim.dispatch({ type: 'shard.emergencyRepair', shard: 's001', mode: 'unsafe_rollback' });
    const split = Number(sim.getTrace().find((e) => e.kind === 'shard.emergencyRepaired')!.data.firstLostLsn) - 1;
    at(14000);
    const roles = new Map(sim.getState().shards[0].replicaRoles.map((r) => [r.node, r]));
    expect(roles.get('n1')!.lsn).toBeGreaterThan(split);
    expect(roles.get('n1')!.heldLsn).toBe(split);
    expect(roles.get('n3')!.heldLsn).toBe(roles.get('n3')!.lsn);
  });
});
