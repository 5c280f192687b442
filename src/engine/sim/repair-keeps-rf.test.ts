// Goal (issue 9, found by `npm run sweep` seed 45845): an emergency repair keeps at most RF copies. After an
// erase left old copies on disks that answer cp, a later unsafe_rollback kept all four reachable holders at
// RF 3; nothing ever trims a replica, so the shard stayed "under-replicated, waiting for the failover path"
// for ever.
import { describe, expect, it } from 'vitest';
import { createSimulation, parseCliCommand } from '../index';
import { scenario } from '../../testing/load-scenario';

describe('an emergency repair with more reachable holders than RF', () => {
  it('keeps the freshest RF of them, and the cluster heals', () => {
    const sim = createSimulation({
      scenario: scenario({ id: 'sweep-45845', nodes: 6, racks: 4, shards: 1, replicationFactor: 3, shardSizeBytes: 4194304, seed: 45845 }),
    });
    const lines = ['7000:node.crash:n4', '7500:link.cut:n5,cp,oneWay', '8500:link.cut:n3,cp,oneWay', '10500:link.cut:n6,cp,oneWay',
      '12500:shard.emergencyRepair:s001,unsafe_rollback_or_erase', '13000:node.destroy:n2', '13500:network.heal',
      '20000:shard.emergencyRepair:s001,unsafe_rollback', '26000:network.heal', '26000:node.restart:n4'];
    for (const line of lines) {
      const at = line.indexOf(':');
      const t = Number(line.slice(0, at));
      sim.runUntil((s) => s.timeMs >= t, { maxMs: t });
      const parsed = parseCliCommand(line.slice(at + 1));
      if (!parsed.ok) throw new Error(parsed.error);
      sim.dispatch(parsed.command);
      // The repair keeps n1, n3, n6 (three of the four reachable holders); destroyed n2 is listed until cp drops it.
      if (t === 20000) expect(sim.getState().shards[0].voters).toHaveLength(3);
    }
    expect(sim.runUntil('healthy', { maxMs: 120_000 }).reason).toMatch(/^healthy/);
    expect(sim.getState().shards[0].replicas).toHaveLength(3);
  });
});
