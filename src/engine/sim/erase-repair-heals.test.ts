// Goal: sweep seed 5914 — an emergency repair during an outage leaves a single voter; that voter's node is
// then destroyed. The replicas that sat out the repair still hold every write up to the repair point, and
// re-replication re-homes the lost copy: the shard must get a primary again, and only the writes no live
// disk holds may be reported lost.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Command, type TimedCommand } from '../index';
import { scenario } from '../../testing/load-scenario';

const at = (atMs: number, command: Command): TimedCommand => ({ atMs, command });

function sweep5914(mode: 'unsafe_rollback' | 'unsafe_rollback_or_erase') {
  const restarts = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'].map((node) => at(22_000, { type: 'node.restart', node }));
  return createSimulation({
    seed: 5914,
    scenario: scenario({
      id: 'sweep-5914',
      nodes: 6,
      racks: 2,
      shards: 7,
      replicationFactor: 3,
      shardSizeBytes: 4 * 1024 * 1024,
      workload: { writesPerSec: 1, readsPerSec: 0 },
      profile: 'cockroachdb',
      seed: 5914,
      timeline: [
        // r2 holds n2, n4, n6: s007 (on n2, n5, n6) keeps only n5 in reach.
        at(4000, { type: 'rack.fail', rack: 'r2' }),
        at(6000, { type: 'shard.emergencyRepair', shard: 's007', mode }),
        at(13_500, { type: 'node.destroy', node: 'n5' }),
        at(22_000, { type: 'network.heal' }),
        ...restarts,
      ],
    }),
  });
}

describe('a shard whose only voter (left by an emergency repair) is destroyed heals', () => {
  for (const mode of ['unsafe_rollback', 'unsafe_rollback_or_erase'] as const) {
    it(`${mode}: elects a primary again and reports lost only what no live copy holds`, () => {
      const sim = sweep5914(mode);
      const result = sim.runUntil('healthy', { maxMs: 200_000 });
      expect(result.reached, result.reason).toBe(true);
      const s007 = sim.getState().shards.find((s) => s.id === 's007');
      expect(s007?.primary).not.toBeNull();
      expect(s007?.quorum).toBe('writable');

      const trace = sim.getTrace();
      const repaired = trace.find((e) => e.kind === 'shard.emergencyRepaired');
      expect(repaired?.text).toMatch(/n5 becomes s007's only voter/);
      // n2 and n6 sat out the repair holding writes 1–2, which the repair kept: only 3–5 lived on n5 alone.
      const lost = sim.getState().lostWrites.filter((l) => l.shard === 's007');
      expect(lost).toHaveLength(1);
      expect(lost[0]).toMatchObject({ firstLsn: 3, lastLsn: 5, count: 3 });
      expect(lost[0].cause).not.toMatch(/every disk that held the shard/);
      expect(lost[0].cause).toMatch(/surviving copy ends at LSN 2/);
      const diskLost = trace.find((e) => e.kind === 'node.diskLost' && e.text.includes('n5'));
      expect(diskLost?.text).toMatch(/acknowledged write\(s\) 3–5 of s007/);

      // One voter is not "two voters".
      for (const e of trace.filter((x) => x.text.includes('s007')))
        expect(e.text, `${e.timeMs} ${e.kind}`).not.toMatch(/two voters/);
      const stalled = trace.find((e) => e.kind === 'primary.electionStalled' && e.text.includes('s007'));
      expect(stalled?.text).toMatch(/single voter/);

      const elected = trace.filter((e) => e.kind === 'primary.elected' && e.text.includes('s007'));
      expect(elected.length).toBeGreaterThan(0);
    });
  }
});

describe('a shard recreated empty by an erase repair regains a full voter set', () => {
  it('takes each re-replicated copy as a voter once it has caught up', () => {
    // All three replicas of s001 crash; the erase recreates it on n4 alone. Re-replication then adds two copies.
    const sim = createSimulation({
      scenario: scenario({
        id: 'erase',
        nodes: 6,
        shards: 1,
        replicationFactor: 3,
        shardSizeBytes: 4 * 1024 * 1024,
        workload: { writesPerSec: 1, readsPerSec: 0 },
        placement: { s001: ['n1', 'n2', 'n3'] },
        timeline: [
          at(5000, { type: 'node.crash', node: 'n1' }),
          at(5000, { type: 'node.crash', node: 'n2' }),
          at(5000, { type: 'node.crash', node: 'n3' }),
          at(20_000, { type: 'shard.emergencyRepair', shard: 's001', mode: 'unsafe_rollback_or_erase' }),
        ],
      }),
    });
    const result = sim.runUntil('healthy', { maxMs: 200_000 });
    expect(result.reached, result.reason).toBe(true);
    const trace = sim.getTrace();
    expect(trace.find((e) => e.kind === 'shard.emergencyRepaired')?.text).toMatch(/Erases s001 and recreates it empty on n4/);
    const s001 = sim.getState().shards[0];
    expect([...s001.voters].sort()).toEqual([...s001.replicas].sort());
    expect(s001.voters).toHaveLength(3);
    expect(trace.filter((e) => e.kind === 'voters.changed' && /joins them/.test(e.text))).toHaveLength(2);
  });
});
