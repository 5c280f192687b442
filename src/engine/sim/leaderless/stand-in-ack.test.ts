// A sloppy-quorum write that only stand-ins take (design recovery-repair.md §7.1, Dynamo): its acknowledgement names them.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../index';
import { scenario } from '../../../testing/load-scenario';

describe('a write only stand-in nodes take', () => {
  it('says which nodes stood in for which owners', () => {
    const sim = createSimulation({
      scenario: scenario({
        id: 'stand-ins',
        nodes: 6,
        shards: 1,
        replicationFactor: 3,
        shardSizeBytes: 4194304,
        workload: { writesPerSec: 5, readsPerSec: 0 },
        placement: { s001: ['n1', 'n2', 'n3'] },
        params: { replication: 'leaderless', sloppyQuorum: true, hintedHandoff: true },
        timeline: [
          { atMs: 1000, command: { type: 'node.crash', node: 'n1' } },
          { atMs: 1000, command: { type: 'node.crash', node: 'n2' } },
          { atMs: 1000, command: { type: 'node.crash', node: 'n3' } },
        ],
      }),
    });
    sim.advanceBy(3000);
    const acked = sim.getTrace().filter((e) => e.kind === 'write.acked' && e.timeMs > 1000);
    expect(acked.length).toBeGreaterThan(0);
    expect(acked[0].text).toMatch(/: 3 of 3 replica\(s\) answered \(n\d, n\d(,| and) n\d standing in for n1, n2(,| and) n3\)\.$/);
  });
});
