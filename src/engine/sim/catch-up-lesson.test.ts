// Goal (issue 11, design §5.3 and §15 "log vs snapshot catch-up"): in one cluster with clients writing and a log
// that keeps 50 entries, a node away for a moment catches up from the primary's log in milliseconds, while a node
// away past the log's reach needs a whole snapshot first — and a learner can recompute both times from the trace.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation, type TraceEntry } from '../index';
import { scenario } from '../../testing/load-scenario';

const MiB = 1024 * 1024;

function lesson(): Simulation {
  return createSimulation({
    scenario: scenario({
      id: 'catch-up-log-vs-snapshot',
      nodes: 3,
      shards: 1,
      replicationFactor: 3,
      placement: { s001: ['n1', 'n2', 'n3'] },
      workload: { writesPerSec: 20 },
      // §15's figure: 64 MiB shards copied at 32 MiB/s; log entries fetched at 32 MiB/s.
      params: { logRetainEntries: 50, logTruncationHoldMs: 10_000, rebuildBytesPerSecPerNode: 32 * MiB, catchUpBytesPerSec: 32 * MiB },
      timeline: [
        // Short: n2 is away about 1.5 s (30 writes), well inside the retained log and the hold.
        { atMs: 5000, command: { type: 'node.crash', node: 'n2' } },
        { atMs: 6000, command: { type: 'node.restart', node: 'n2' } },
        // Long: n3 is away 40 s (~800 writes), far past 50 entries and the 10 s hold.
        { atMs: 10_000, command: { type: 'node.crash', node: 'n3' } },
        { atMs: 50_000, command: { type: 'node.restart', node: 'n3' } },
      ],
    }),
  });
}

const one = (sim: Simulation, kind: string, node: string): TraceEntry => {
  const found = sim.getTrace().filter((e) => e.kind === kind && e.data.node === node);
  expect(found, `${kind} for ${node}`).toHaveLength(1);
  return found[0];
};

describe('catch-up: log tail after a short absence, snapshot after a long one', () => {
  it('costs what the formulas say: rtt + missed × record / rate, against shard / rate + tail', () => {
    const sim = lesson();
    sim.runUntil('healthy', { maxMs: 120_000 });
    sim.runUntil((s) => s.timeMs >= 60_000, { maxMs: 60_000 });

    // n2: the log tail. Its numbers are in the entry; the learner multiplies them out.
    const tail = one(sim, 'catchup.logTail', 'n2').data as Record<string, number>;
    expect(tail.missed).toBeGreaterThan(10);
    expect(tail.missed).toBeLessThan(50);
    expect(tail.ms).toBeCloseTo(tail.rttMs + (tail.missed * tail.recordBytes * 1000) / (32 * MiB), 9);
    expect(tail.ms).toBeLessThan(10);
    const n2Done = one(sim, 'replica.caughtUp', 'n2');
    const n2Start = one(sim, 'catchup.logTail', 'n2');
    expect(n2Done.timeMs - n2Start.timeMs).toBe(Math.ceil(tail.ms));

    // n3: past the log's reach, so a snapshot: 64 MiB at 32 MiB/s = 2 s, then a round trip of tail.
    const snap = one(sim, 'catchup.snapshot', 'n3');
    const s = snap.data as Record<string, number>;
    expect(s.fromLsn).toBeLessThan(s.logFirstLsn - 1);
    expect(s.logFirstLsn).toBe(s.toLsn - 49);
    expect(snap.text).toMatch(/past the 10\.0 s truncation hold/);
    const copy = sim.getTrace().find((e) => e.kind === 'copy.started' && e.data.target === 'n3')!;
    const n3Done = one(sim, 'replica.caughtUp', 'n3');
    expect(n3Done.timeMs - copy.timeMs).toBe(2000 + 4);

    // The plan each node announced, and the totals.
    expect(one(sim, 'catchup.planned', 'n2').data).toMatchObject({ logTail: 1, snapshot: 0 });
    expect(one(sim, 'catchup.planned', 'n3').data).toMatchObject({ logTail: 0, snapshot: 1, snapshotBytes: 64 * MiB });
    const m = sim.getMetrics();
    expect(m.catchUpLogEntries).toBe(tail.missed);
    expect(m.catchUpSnapshotBytes).toBe(64 * MiB);
    // Orders of magnitude apart: the reason real systems hold the log for a replica heard from recently.
    expect((n3Done.timeMs - copy.timeMs) / (n2Done.timeMs - n2Start.timeMs)).toBeGreaterThan(100);
    const views = sim.getState().nodes;
    expect(views.find((n) => n.id === 'n2')!.recovery.catchUp).toMatchObject({ logTail: 1, logEntries: tail.missed, fetchedFrom: { n1: 1 } });
    expect(views.find((n) => n.id === 'n3')!.recovery.catchUp).toMatchObject({ snapshot: 1, snapshotBytes: 64 * MiB });
    expect(sim.checkInvariants()).toEqual([]);
  });
});
