// Goal: the restore panel and the CLI report show the backups taken and the restore's phase, bytes, RPO writes and
// RTO with its formula filled in — the same figures the trace states.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../index';
import { scenario } from '../../../testing/load-scenario';
import { buildReport, formatSummary } from '../../../cli/report';

const MiB = 1024 * 1024;

function run() {
  const sim = createSimulation({
    scenario: scenario({
      id: 'restore-view',
      nodes: 6,
      shards: 12,
      replicationFactor: 3,
      shardSizeBytes: 64 * MiB,
      workload: { writesPerSec: 20 },
      timeline: [
        { atMs: 30_000, command: { type: 'backup.take', id: 'b1' } },
        { atMs: 45_000, command: { type: 'node.destroy', node: 'n1' } },
        { atMs: 45_000, command: { type: 'node.destroy', node: 'n2' } },
        { atMs: 45_000, command: { type: 'node.destroy', node: 'n3' } },
        { atMs: 60_000, command: { type: 'cluster.restore', backup: 'b1' } },
      ],
    }),
  });
  return sim;
}

describe('getRestoreView', () => {
  it('is empty before any backup', () => {
    const sim = run();
    expect(sim.getRestoreView()).toEqual({ backups: [], restore: null, walArchive: false, archivedWrites: 0 });
  });

  it('lists the backup, then the restore loading half-way, then finished with its RPO and RTO formula', () => {
    const sim = run();
    sim.advanceBy(31_000);
    const view = sim.getRestoreView();
    expect(view.backups).toHaveLength(1);
    const b1 = view.backups[0];
    expect(b1).toMatchObject({ id: 'b1', atMs: 30_000, shards: 12, bytes: 12 * 64 * MiB, discardedBy: null });
    expect(b1.writesHeld).toBe(sim.getTrace().find((e) => e.kind === 'backup.taken')!.data.writesHeld);
    sim.advanceBy(60_000 + 3_000 - sim.timeMs);
    const loading = sim.getRestoreView().restore!;
    expect(loading.phase).toBe('loading');
    expect(loading.bytesTotal).toBe(36 * 64 * MiB);
    expect(loading.bytesDone).toBe(18 * 64 * MiB);
    expect(loading.rpoFinal).toBe(false);
    const expected = loading.rpoWrites;
    expect(expected).toBeGreaterThan(0);
    sim.advanceBy(4_000);
    const done = sim.getRestoreView().restore!;
    expect(done).toMatchObject({ backup: 'b1', backupAtMs: 30_000, targetMs: null, phase: 'finished', startedAtMs: 60_000, finishedAtMs: 66_000, rpoFinal: true });
    expect(done.rpoWrites).toBe(expected);
    expect(done.rpoWrites).toBe(sim.getMetrics().rpoWrites);
    expect(done.rto).toMatchObject({ liveNodes: 3, bytesPerSecPerNode: 128 * MiB, loadMs: 6000, scanMs: 0, applyMs: 0, rtoMs: 6000 });
    expect(done.rto.text).toBe('2.3 GiB / (3 × 128 MiB/s) = 6000 ms');
    expect(done.cause).toBe('restored to backup b1 taken at 30.0 s');
  });

  it('reaches the CLI report as `restore`, with a summary line', () => {
    const sim = run();
    sim.advanceBy(70_000);
    const report = buildReport(sim, { until: 70_000, reached: true, reason: 'time' });
    expect(report.restore!.restore!.rpoWrites).toBe(sim.getMetrics().rpoWrites);
    const summary = formatSummary(report);
    expect(summary).toContain(`Backups: 1: b1 at 30 s (${report.restore!.backups[0].writesHeld} writes)`);
    expect(summary).toContain(`  Restore from b1: finished; RPO ${sim.getMetrics().rpoWrites} acknowledged write(s) lost; RTO 6 s = 2.3 GiB / (3 × 128 MiB/s) = 6000 ms`);
    const quiet = createSimulation({ scenario: scenario({ id: 'q', nodes: 3, shards: 3 }) });
    expect('restore' in buildReport(quiet, { until: 0, reached: true, reason: 'time' })).toBe(false);
  });
});
