// Goal (issue 9, item 4): a read is labelled by what the answering copy truly holds. A copy whose writes an
// emergency repair rolled back never answers as if it were up to date.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Command } from '../index';
import { scenario } from '../../testing/load-scenario';

describe('reads after an emergency repair', () => {
  it('a rolled-back copy never serves a read labelled "0 behind"', () => {
    const sim = createSimulation({
      scenario: scenario({
        id: 'r', nodes: 3, shards: 1, replicationFactor: 3, shardSizeBytes: 4194304,
        workload: { writesPerSec: 10, readsPerSec: 20 },
      }),
    });
    const at: [number, Command][] = [
      [5000, { type: 'node.crash', node: 'n3' }],
      [8000, { type: 'node.crash', node: 'n1' }],
      [8000, { type: 'node.crash', node: 'n2' }],
      [9000, { type: 'node.restart', node: 'n3' }],
      [13000, { type: 'shard.emergencyRepair', shard: 's001', mode: 'unsafe_rollback' }],
      [14000, { type: 'node.crash', node: 'n3' }],
      [14000, { type: 'node.restart', node: 'n1' }],
    ];
    for (const [ms, command] of at) {
      sim.runUntil((s) => s.timeMs >= ms, { maxMs: ms });
      sim.dispatch(command);
    }
    const repaired = sim.getTrace().find((e) => e.kind === 'shard.emergencyRepaired');
    expect(repaired?.data.writesLost).toBeGreaterThan(0);
    sim.runUntil((s) => s.timeMs >= 40_000, { maxMs: 40_000 });
    const fromN1 = sim.getTrace().filter((e) => e.kind === 'read.stale' && e.data.node === 'n1');
    expect(fromN1).toEqual([]);
    expect(sim.checkInvariants()).toEqual([]);
  });
});
