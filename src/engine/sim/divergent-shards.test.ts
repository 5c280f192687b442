// Goal (issue 13 at scale): the console marks and counts divergent shards from getDivergentShards(), because at
// 100,000 shards it lists only shards whose code is not healthy and a shard can diverge while its code is healthy.
// The list must agree with the full view (some replica holds stale keys) at every moment, and must not include a
// shard that only carries a repaired watermark.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../index';
import { getBuiltInScenario } from '../../scenarios/registry';

function fromState(sim: ReturnType<typeof createSimulation>): number[] {
  return sim.getState().shards.flatMap((s, i) => ((s.divergence?.staleReplicas ?? 0) > 0 ? [i] : []));
}

describe('getDivergentShards', () => {
  it('agrees with every shard view through crashes, writes, corruption and repairs', () => {
    const sim = createSimulation({ scenario: getBuiltInScenario('incremental-repair')! });
    const seen = new Set<number>();
    let repairedOnly = 0;
    for (let t = 0; t <= 120_000; t += 1_000) {
      sim.advanceBy(t - sim.timeMs);
      const list = [...sim.getDivergentShards()];
      expect(list, `at ${t} ms`).toEqual(fromState(sim));
      list.forEach((i) => seen.add(i));
      repairedOnly += sim.getState().shards.filter((s) => s.divergence && s.divergence.staleReplicas === 0).length;
    }
    // The run really diverges, and really leaves shards with only a repaired watermark (which must not count).
    expect(seen.size).toBeGreaterThan(0);
    expect(repairedOnly).toBeGreaterThan(0);
  });

  it('is empty in primary replication', () => {
    const sim = createSimulation({ scenario: getBuiltInScenario('rehome-worked-example')! });
    sim.advanceBy(60_000);
    expect(sim.getDivergentShards()).toEqual(new Uint32Array(0));
  });
});
