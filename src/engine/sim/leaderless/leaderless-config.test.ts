// Goal (issue 13): `replication` and `keysPerShard` shape the whole run's data (a primary's log, or per-key versions
// over a fixed key space that Merkle trees are sized by); a mid-run config.set could not mean anything sound, so it
// is refused by name, as walHistoryRecords is.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../index';
import { scenario } from '../../../testing/load-scenario';

function leaderlessSim(): Simulation {
  return createSimulation({
    scenario: scenario({
      id: 'leaderless',
      nodes: 3,
      shards: 4,
      replicationFactor: 3,
      workload: { writesPerSec: 10, readsPerSec: 0 },
      params: { replication: 'leaderless' },
    }),
  });
}

describe('config.set on read-once leaderless params', () => {
  it('refuses replication and keysPerShard mid-run, saying why', () => {
    const s = leaderlessSim();
    expect(() => s.dispatch({ type: 'config.set', path: 'params.replication', value: 'primary' })).toThrow(
      /config\.set: replication decides how the whole run keeps its data .* set it in the scenario's params/,
    );
    expect(() => s.dispatch({ type: 'config.set', path: 'params.keysPerShard', value: 64 })).toThrow(
      /config\.set: keysPerShard fixes every shard's key space.* set it in the scenario's params/,
    );
  });

  it('still lets a consistency level change mid-run', () => {
    const s = leaderlessSim();
    s.dispatch({ type: 'config.set', path: 'params.writeConsistency', value: 'ALL' });
    s.advanceBy(1000);
    expect(s.getTrace().some((e) => e.kind === 'write.acked' && /CL ALL/.test(e.text))).toBe(true);
  });
});
