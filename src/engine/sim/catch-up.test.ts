// Goal (issue 11, design §5.3): a node that comes back catches each replica up the cheapest way the primary's log
// still allows — the log tail, a snapshot through the migrator past the retained log, or a truncation of a tail the
// shard's history does not have — and the trace gives the numbers a learner can recompute by hand.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation, type TraceEntry } from '../index';
import { scenario } from '../../testing/load-scenario';

const MiB = 1024 * 1024;

function threeNodes(params: Record<string, number>, timeline: unknown[]): Simulation {
  return createSimulation({
    scenario: scenario({
      id: 'catch-up',
      nodes: 3,
      shards: 1,
      replicationFactor: 3,
      placement: { s001: ['n1', 'n2', 'n3'] },
      workload: { writesPerSec: 20 },
      params,
      timeline,
    }),
  });
}

const entries = (sim: Simulation, kind: string): TraceEntry[] => sim.getTrace().filter((e) => e.kind === kind);
const caughtUp = (sim: Simulation, node: string): TraceEntry | undefined =>
  sim.getTrace().find((e) => e.kind === 'replica.caughtUp' && e.data.node === node);

function runUntilCaughtUp(sim: Simulation, node: string, maxMs = 120_000): void {
  sim.runUntil(() => caughtUp(sim, node) !== undefined, { maxMs });
}

describe('catch-up by log tail after a short absence', () => {
  it('fetches only the missed entries from the primary, at rtt + missed × record bytes / catchUpBytesPerSec', () => {
    const sim = threeNodes({}, [
      { atMs: 5000, command: { type: 'node.crash', node: 'n3' } },
      { atMs: 7000, command: { type: 'node.restart', node: 'n3' } },
    ]);
    runUntilCaughtUp(sim, 'n3');
    const [planned] = entries(sim, 'catchup.planned');
    expect(planned).toBeDefined();
    expect(planned.data).toMatchObject({ node: 'n3', logTail: 1, snapshot: 0, truncated: 0, discarded: 0 });
    expect(planned.text).toMatch(/n3 .*1 shard\(s\) from the primary's log/);
    const [tail] = entries(sim, 'catchup.logTail');
    expect(tail.level).toBe('detail');
    const d = tail.data as Record<string, number>;
    expect(d.missed).toBeGreaterThan(10);
    expect(d.toLsn - d.fromLsn).toBe(d.missed);
    // The learner's formula: a round trip plus the missed records at the catch-up rate (defaults: 2 ms links, 32 MiB/s).
    expect(d.rttMs).toBe(4);
    expect(d.bytesPerSec).toBe(32 * MiB);
    expect(d.ms).toBeCloseTo(4 + ((d.missed * d.recordBytes) / (32 * MiB)) * 1000, 9);
    expect(tail.text).toContain(`${d.missed} missed entr`);
    expect(tail.data.source).toBe('n1');
    const done = caughtUp(sim, 'n3')!;
    expect(done.timeMs - tail.timeMs).toBe(Math.ceil(d.ms));
    expect(sim.getMetrics().catchUpLogEntries).toBe(d.missed);
    expect(sim.getMetrics().catchUpSnapshotBytes).toBe(0);
    expect(entries(sim, 'catchup.snapshot')).toEqual([]);
    // The last phase of its way back (§5.1): whole again, told once its last replica has caught up.
    const [back] = entries(sim, 'node.reintegrated');
    expect(back).toBeDefined();
    expect(back.data).toMatchObject({ node: 'n3', shards: 1 });
    expect(back.seq).toBeGreaterThan(done.seq);
    expect(back.text).toMatch(/n3 has caught up on every replica it came back with/);
    expect(sim.checkInvariants()).toEqual([]);
  });

  it('still uses the log past logRetainEntries while the primary heard from the replica within logTruncationHoldMs', () => {
    // 20 writes/s for ~5 s away = ~100 missed > 50 retained, but the hold (10 s) kept the log for n3.
    const sim = threeNodes({ logRetainEntries: 50, logTruncationHoldMs: 10_000 }, [
      { atMs: 5000, command: { type: 'node.crash', node: 'n3' } },
      { atMs: 7000, command: { type: 'node.restart', node: 'n3' } },
    ]);
    runUntilCaughtUp(sim, 'n3');
    const [tail] = entries(sim, 'catchup.logTail');
    expect(tail.data.missed as number).toBeGreaterThan(50);
    expect(tail.text).toMatch(/truncation hold/);
    expect(entries(sim, 'catchup.snapshot')).toEqual([]);
  });
});

describe('the truncation hold after a node is back for good', () => {
  it('counts from when its peers last heard from it, not from an old crash', () => {
    // n3 crashed once long ago and caught up; later a short cut from its primary leaves it 20 entries behind,
    // more than the 10 the log keeps, but its primary heard from it a moment ago: the log tail, not a snapshot.
    const sim = threeNodes({ logRetainEntries: 10, logTruncationHoldMs: 10_000 }, [
      { atMs: 5000, command: { type: 'node.crash', node: 'n3' } },
      { atMs: 6000, command: { type: 'node.restart', node: 'n3' } },
      { atMs: 60_000, command: { type: 'link.cut', a: 'n1', b: 'n3' } },
      { atMs: 61_000, command: { type: 'network.heal' } },
    ]);
    sim.runUntil((s) => s.timeMs >= 62_000, { maxMs: 62_000 });
    const late = entries(sim, 'catchup.logTail').filter((e) => e.timeMs >= 60_000);
    expect(entries(sim, 'catchup.snapshot')).toEqual([]);
    expect(late).toHaveLength(1);
    expect(late[0].data.missed as number).toBeGreaterThan(10);
  });
});

describe('catch-up by snapshot after a long absence', () => {
  it('copies the shard whole through the migrator when the primary log no longer reaches back, then tails the log', () => {
    const sim = threeNodes({ logRetainEntries: 50, logTruncationHoldMs: 10_000 }, [
      { atMs: 5000, command: { type: 'node.crash', node: 'n3' } },
      { atMs: 40_000, command: { type: 'node.restart', node: 'n3' } },
    ]);
    runUntilCaughtUp(sim, 'n3');
    const [planned] = entries(sim, 'catchup.planned');
    expect(planned.data).toMatchObject({ node: 'n3', logTail: 0, snapshot: 1 });
    const [snap] = entries(sim, 'catchup.snapshot');
    expect(snap.level).toBe('detail');
    const d = snap.data as Record<string, number>;
    // The log keeps 50 entries: it starts at lsn − 49, and n3 is further behind than that.
    expect(d.logFirstLsn).toBe(d.toLsn - 49);
    expect(d.fromLsn).toBeLessThan(d.logFirstLsn - 1);
    expect(d.bytes).toBe(64 * MiB);
    expect(snap.text).toMatch(/snapshot/);
    // It runs as a copy job: the migrator's slots and rate (64 MiB at 64 MiB/s = 1 s), then a round trip of tail.
    const copy = sim.getTrace().find((e) => e.kind === 'copy.started' && e.data.target === 'n3')!;
    expect(copy).toBeDefined();
    const done = caughtUp(sim, 'n3')!;
    expect(done.timeMs - copy.timeMs).toBe(1000 + 4);
    expect(sim.getMetrics().catchUpSnapshotBytes).toBe(64 * MiB);
    expect(sim.getMetrics().catchUpLogEntries).toBe(0);
    expect(sim.getState().shards[0].replicaRoles.find((r) => r.node === 'n3')?.lsn).toBe(sim.getState().shards[0].lsn);
    expect(sim.checkInvariants()).toEqual([]);
  });
});

describe('truncation of a tail the history does not have', () => {
  it('a copy an emergency repair rolled back cuts its tail above the common point and lists the discarded LSNs', () => {
    const sim = createSimulation({
      scenario: scenario({
        id: 'truncate',
        profile: 'rethinkdb',
        nodes: 3,
        shards: 1,
        placement: { s001: ['n1', 'n2', 'n3'] },
        workload: { writesPerSec: 20 },
        timeline: [
          { atMs: 1000, command: { type: 'node.crash', node: 'n3' } },
          { atMs: 5000, command: { type: 'node.crash', node: 'n1' } },
          { atMs: 5000, command: { type: 'node.crash', node: 'n2' } },
          { atMs: 6000, command: { type: 'node.restart', node: 'n3' } },
          { atMs: 20_000, command: { type: 'shard.emergencyRepair', shard: 's001', mode: 'unsafe_rollback' } },
          { atMs: 25_000, command: { type: 'node.restart', node: 'n1' } },
        ],
      }),
    });
    runUntilCaughtUp(sim, 'n1');
    const [cut] = entries(sim, 'replica.truncated');
    expect(cut).toBeDefined();
    expect(cut.level).toBe('warn');
    const d = cut.data as Record<string, number>;
    expect(d.node).toBe('n1');
    expect(d.discarded).toBe(d.lastLsn - d.firstLsn + 1);
    expect(d.discarded).toBeGreaterThan(10);
    expect(cut.text).toContain(`LSN ${d.firstLsn}–${d.lastLsn}`);
    const [planned] = entries(sim, 'catchup.planned').filter((e) => e.data.node === 'n1');
    expect(planned.data).toMatchObject({ truncated: 1 });
    expect(sim.checkInvariants()).toEqual([]);
  });
});
