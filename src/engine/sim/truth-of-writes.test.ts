// Goal (issue 9, items 1 and 2): what the engine reports about acknowledged writes and replica placement
// matches the truth a learner can check: writes that exist on no disk are counted and listed lost at the
// moment the last holder is destroyed, and an erase never lists one node twice.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Command, type Simulation } from '../index';
import { scenario } from '../../testing/load-scenario';

function run(raw: Record<string, unknown>, at: [number, Command][], untilMs: number): Simulation {
  const sim = createSimulation({ scenario: scenario(raw) });
  for (const [ms, command] of at) {
    sim.runUntil((s) => s.timeMs >= ms, { maxMs: ms });
    sim.dispatch(command);
  }
  sim.runUntil((s) => s.timeMs >= untilMs, { maxMs: untilMs });
  return sim;
}

describe('acknowledged writes whose every holder is destroyed', () => {
  const raw = { id: 'w', nodes: 3, shards: 1, replicationFactor: 3, shardSizeBytes: 4194304, workload: { writesPerSec: 10 } };
  const faults: [number, Command][] = [
    [5000, { type: 'node.crash', node: 'n3' }],
    [10000, { type: 'node.destroy', node: 'n1' }],
    [10000, { type: 'node.destroy', node: 'n2' }],
    [12000, { type: 'node.restart', node: 'n3' }],
  ];

  it('are counted and listed lost, with a cause, the moment the last holder is destroyed', () => {
    const sim = run(raw, faults, 60_000);
    const m = sim.getMetrics();
    const lost = sim.getState().lostWrites;
    expect(lost).toHaveLength(1);
    // n3 crashed before the destroys, so its disk survives with the writes it had; the shard's LSN is now what survives.
    const n3Lsn = sim.getState().shards[0].replicaRoles.find((r) => r.node === 'n3')?.lsn ?? -1;
    expect(sim.getState().shards[0].lsn).toBe(n3Lsn);
    expect(lost[0]).toMatchObject({ shard: 's001', firstLsn: n3Lsn + 1, atMs: 10_000 });
    expect(lost[0].cause).toMatch(/destroyed/);
    expect(lost[0].lastLsn).toBeGreaterThan(lost[0].firstLsn);
    expect(m.writesLost).toBe(lost[0].count);
    expect(m.writesLost + n3Lsn).toBe(m.writesAcked);
    const said = sim.getTrace().filter((e) => e.kind === 'node.diskLost' && e.timeMs === 10_000);
    expect(said.map((e) => e.text).join(' ')).toMatch(
      new RegExp(`No other disk held acknowledged write\\(s\\) ${lost[0].firstLsn}–${lost[0].lastLsn} of s001: those writes are lost for good`),
    );
    expect(sim.checkInvariants()).toEqual([]);
  });

  it('a crashed node keeps its disk: nothing is lost while it holds the writes', () => {
    const sim = run(raw, [[5000, { type: 'node.crash', node: 'n1' }], [5000, { type: 'node.crash', node: 'n2' }], [6000, { type: 'node.destroy', node: 'n3' }]], 10_000);
    expect(sim.getMetrics().writesLost).toBe(0);
    expect(sim.getState().lostWrites).toEqual([]);
  });
});

describe('unsafe_rollback_or_erase with every replica down', () => {
  it('recreates the shard on one node, listed once', () => {
    const raw = {
      id: 'd', nodes: 5, shards: 1, replicationFactor: 3, shardSizeBytes: 4194304,
      placement: { s001: ['n3', 'n4', 'n5'] }, workload: { writesPerSec: 5 },
    };
    const sim = run(
      raw,
      [
        [5000, { type: 'node.crash', node: 'n4' }],
        [5000, { type: 'node.crash', node: 'n5' }],
        [8000, { type: 'node.crash', node: 'n3' }],
        [16000, { type: 'shard.emergencyRepair', shard: 's001', mode: 'unsafe_rollback_or_erase' }],
      ],
      40_000,
    );
    const s = sim.getState().shards[0];
    expect(new Set(s.replicas).size).toBe(s.replicas.length);
    expect(new Set(s.voters).size).toBe(s.voters.length);
    expect(s.replicas.length).toBeGreaterThanOrEqual(1);
    expect(s.replicas.length).toBeLessThanOrEqual(3);
    expect(s.replicas).toContain(s.primary);
    expect(sim.checkInvariants()).toEqual([]);
  });
});
