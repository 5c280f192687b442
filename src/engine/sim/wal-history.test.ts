// Goal (issue 11, §4 exercise 2): `params.walHistoryRecords` stands for log records written before t = 0, without
// simulating them. A memory store's restart replays them (all, or those after the last snapshot), they cost replay
// time by §3.6 to the millisecond, they show in the Log view as one older segment summary, and replay reads them in
// whole segment-sized chunks with one wal.replayProgress entry each — never one entry or one object per record.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Scenario, type Simulation } from '../index';
import { builtIn } from '../../testing/load-scenario';

const MiB = 1024 * 1024;
const RECORD_BYTES = 24 + 1024;
const SNAPSHOT_BYTES = 45 * 16 * MiB;

/** §4's cluster, quiet (no client writes), n3 crashing at 1 s and restarting at 2 s. */
function exercise2(history: number, snapshotEveryRecords: number, change: (s: Scenario) => void = () => {}): Simulation {
  const scenario = builtIn('snapshot-vs-replay');
  scenario.workload = { ...scenario.workload, writesPerSec: 0 };
  scenario.params = { ...scenario.params, walHistoryRecords: history, snapshotEveryRecords, walApplyMsPerRecord: 0.1, walReplayMs: 500 };
  scenario.timeline = [
    { atMs: 1000, command: { type: 'node.crash', node: 'n3' } },
    { atMs: 2000, command: { type: 'node.restart', node: 'n3' } },
  ];
  change(scenario);
  return createSimulation({ scenario });
}

const n3 = (sim: Simulation) => sim.getState().nodes.find((n) => n.id === 'n3')!;
/** Runs until n3 has restarted (after 2 s) and finished its replay. */
const toBack = (sim: Simulation) =>
  sim.runUntil(() => sim.timeMs > 2000 && (n3(sim).recovery?.phase === 'serving' || n3(sim).recovery?.phase === 'catchingUp'), { maxMs: 60_000 });

describe('walHistoryRecords (§4, exercise 2)', () => {
  it('variant A: no snapshots, the whole history is replayed: 0.5 + 3.12 + 20.0 = 23.6 s to the millisecond', () => {
    const sim = exercise2(200_000, 0);
    const wal = sim.getWal('n3');
    // Countable in the Log view as one older segment summary, not 200,000 records.
    expect(wal.records).toHaveLength(0);
    expect(wal.olderSegments).toHaveLength(1);
    expect(wal.olderSegments[0]).toMatchObject({ firstNo: 1, lastNo: 200_000, records: 200_000, bytes: 200_000 * RECORD_BYTES, history: true });
    expect(wal.lastNo).toBe(200_000);
    // The mode preview counts them too: a crash now would lose them from memory, so every mode would apply them.
    expect(sim.previewRecovery('n3').map((p) => p.applied)).toEqual([200_000, 200_000, 200_000, 200_000]);
    toBack(sim);
    const replay = n3(sim).recovery!.replay!;
    expect(replay).toMatchObject({ scanned: 200_000, applied: 200_000, skipped: 0, reason: 'end' });
    const exact = 500 + (200_000 * RECORD_BYTES * 1000) / (64 * MiB) + 200_000 * 0.1;
    expect(replay.cost.totalMs).toBeCloseTo(exact, 6);
    expect(sim.getMetrics().lastReplayMs).toBe(Math.round(exact));
    expect(sim.getMetrics().lastReplayMs).toBe(23_623);
    // Whole chunks: one step per segment (4 MiB / 1,048 B = 4,002 records), not one per record; each step says its
    // progress, the last one says the replay finished.
    const progress = sim.getTrace().filter((e) => e.kind === 'wal.replayProgress' && e.actor === 'n3');
    expect(progress).toHaveLength(Math.ceil(200_000 / Math.floor((4 * MiB) / RECORD_BYTES)) - 1);
    expect(progress[0].text).toMatch(/before t = 0/);
    expect(sim.getTrace().filter((e) => e.kind === 'wal.recordApplied')).toHaveLength(0);
  }, 60_000);

  it('variant B: snapshot every 5,000 records, 2,400 after the last: 0.5 + 1.41 + 0.04 + 0.24 = 2.18 s', () => {
    const sim = exercise2(202_400, 5000);
    const wal = sim.getWal('n3');
    expect(wal.checkpoint?.recordNo).toBe(200_000);
    expect(wal.olderSegments).toEqual([{ firstNo: 200_001, lastNo: 202_400, records: 2400, bytes: 2400 * RECORD_BYTES, history: true }]);
    toBack(sim);
    const replay = n3(sim).recovery!.replay!;
    expect(replay).toMatchObject({ scanned: 2400, applied: 2400, reason: 'end' });
    const exact = 500 + (SNAPSHOT_BYTES * 1000) / (512 * MiB) + (2400 * RECORD_BYTES * 1000) / (64 * MiB) + 2400 * 0.1;
    expect(replay.cost.totalMs).toBeCloseTo(exact, 6);
    expect(sim.getMetrics()).toMatchObject({ lastReplayMs: 2184, snapshotBytesLoaded: SNAPSHOT_BYTES });
  }, 60_000);

  it('the count after the last snapshot follows from the history and the writes since; the next snapshot comes on time', () => {
    // 200,000 history records: a snapshot at #200,000 and nothing after it; 5,000 writes later the next one.
    const sim = exercise2(200_000, 5000);
    expect(sim.getWal('n3').checkpoint?.recordNo).toBe(200_000);
    expect(sim.getWal('n3').olderSegments).toEqual([]);
    // 2,300 history records after the snapshot: the node snapshots after 2,700 more appends.
    const later = exercise2(202_300, 5000, (s) => {
      s.workload = { ...s.workload, writesPerSec: 1000 };
      s.timeline = [];
    });
    later.runUntil(() => later.getTrace().some((e) => e.kind === 'wal.snapshotTaken' && e.actor === 'n3'), { maxMs: 30_000 });
    const taken = later.getTrace().find((e) => e.kind === 'wal.snapshotTaken' && e.actor === 'n3')!;
    expect(taken.data).toMatchObject({ records: 5000 });
  }, 60_000);

  it('a page store keeps its pages: the history is read and skipped, not applied', () => {
    const sim = exercise2(10_000, 0, (s) => {
      s.params = { ...s.params, stateStore: 'pages', checkpointIntervalMs: 0 };
    });
    toBack(sim);
    expect(n3(sim).recovery!.replay).toMatchObject({ scanned: 10_000, applied: 0, skipped: 10_000 });
  }, 60_000);
});
