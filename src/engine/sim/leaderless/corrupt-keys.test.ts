// Goal (issue 13, design recovery-repair.md §6.1, §7.1): in leaderless mode `replica.corrupt` plants CORRUPT keys,
// chosen from the node's own stream, so the same command rots the same keys every run; a read's checksum finds them.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../index';
import { scenario } from '../../../testing/load-scenario';

function sim(params: Record<string, unknown> = {}, readsPerSec = 0): Simulation {
  return createSimulation({
    scenario: scenario({
      id: 'corrupt-keys',
      nodes: 3,
      shards: 1,
      replicationFactor: 3,
      shardSizeBytes: 1048576,
      workload: { writesPerSec: 0, readsPerSec },
      placement: { s001: ['n1', 'n2', 'n3'] },
      params: { replication: 'leaderless', keysPerShard: 8, hotKeyFraction: 1, ...params },
    }),
  });
}

describe('replica.corrupt in leaderless mode', () => {
  it('plants that many corrupt keys on the replica, the same keys every run', () => {
    const keysOf = () => {
      const s = sim();
      s.dispatch({ type: 'replica.corrupt', node: 'n1', shard: 's001', keys: 3 });
      expect(s.getMetrics().staleKeysTruth).toBe(3);
      expect(s.getMetrics().corruptReplicasTruth).toBe(1);
      const w = (s as unknown as { w: { divergence: { byShard: Map<number, { stale: Map<number, Map<number, number>> }> } } }).w;
      return [...(w.divergence.byShard.get(0)?.stale.get(0)?.entries() ?? [])];
    };
    const first = keysOf();
    expect(first).toHaveLength(3);
    expect(first.every(([, v]) => v === -1)).toBe(true);
    expect(keysOf()).toEqual(first);
  });

  it('a QUORUM read that touches a rotten key fails its checksum there: cp learns, and the newest version is written back', () => {
    const s = sim({ readRepair: 'BLOCKING' }, 20);
    s.dispatch({ type: 'replica.corrupt', node: 'n1', shard: 's001', keys: 2 });
    s.advanceBy(5000);
    const m = s.getMetrics();
    expect(m.corruptReplicasKnown + (s.getTrace().some((e) => e.kind === 'replica.corruptDetected') ? 1 : 0)).toBeGreaterThan(0);
    expect(s.getTrace().some((e) => e.kind === 'read.repaired' && /n1 had a corrupt copy/.test(e.text))).toBe(true);
    expect(s.checkInvariants()).toEqual([]);
  });

  it('primary mode draws nothing new: the key stream is not touched', () => {
    const s = createSimulation({
      scenario: scenario({ id: 'p', nodes: 3, shards: 1, replicationFactor: 3, placement: { s001: ['n1', 'n2', 'n3'] } }),
    });
    s.dispatch({ type: 'replica.corrupt', node: 'n1', shard: 's001', keys: 3 });
    expect(s.getMetrics().staleKeysTruth).toBe(0);
  });
});
