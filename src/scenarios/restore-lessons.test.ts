// Goal: the figures the restore and power-loss lessons promise (their prose quotes them) are what the runs produce:
// RPO as the exact writes after the backup, RTO by its formula to the ms, periodic fsync's loss within its bound.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../engine/index';
import { builtIn } from '../testing/load-scenario';

const MiB = 1024 * 1024;

function run(id: string): Simulation {
  const sim = createSimulation({ scenario: builtIn(id), traceWindowEntries: 1_000_000 });
  expect(sim.runUntil('healthy', { maxMs: 600_000 }).reached).toBe(true);
  return sim;
}

const find = (sim: Simulation, kind: string) => sim.getTrace().find((e) => e.kind === kind)!;
/** Writes acknowledged after the backup (by trace order: a write in the backup's own millisecond may follow it) and before the restore. */
const ackedAfterBackup = (sim: Simulation) => {
  const backup = find(sim, 'backup.taken').seq;
  const restore = find(sim, 'restore.started').seq;
  return sim.getTrace().filter((e) => e.kind === 'write.acked' && e.seq > backup && e.seq < restore).length;
};

/** Every acknowledged write is present or listed lost, exactly once. */
function accounted(sim: Simulation): void {
  const m = sim.getMetrics();
  const state = sim.getState();
  expect(m.writesAcked).toBe(state.shards.reduce((n, s) => n + s.lsn, 0) + m.writesLost);
  expect(state.lostWrites.reduce((n, l) => n + l.count, 0)).toBe(m.writesLost);
}

describe('restore-from-backup', () => {
  it('loses exactly the writes acknowledged after b1, and takes 9 GiB / (3 × 128 MiB/s) = 24 s', () => {
    const sim = run('restore-from-backup');
    expect(find(sim, 'backup.taken').data.writesHeld).toBe(599);
    const m = sim.getMetrics();
    expect(m.rpoWrites).toBe(ackedAfterBackup(sim));
    expect(m.rpoWrites).toBe(453);
    expect(m.rtoMs).toBe(((12 * 3 * 256 * MiB) / (3 * 128 * MiB)) * 1000);
    expect(find(sim, 'restore.finished').timeMs).toBe(84_000);
    expect(m.restoreBytes).toBe(9 * 1024 * MiB);
    for (const l of sim.getState().lostWrites) expect(l.cause).toBe('restored to backup b1 taken at 30.0 s');
    // The four shards no disk held are back with the backup's data, writable.
    for (const id of ['s001', 's002', 's003', 's004']) {
      const shard = sim.getState().shards.find((s) => s.id === id)!;
      expect(shard.state).toBe('healthy');
      expect(shard.writable).toBe(true);
      expect(shard.replicas).toHaveLength(3);
    }
    accounted(sim);
    expect(sim.checkInvariants()).toEqual([]);
  });

  it('with the archived log replayed to 45 s, loses only what came after it: 153 writes, RTO + scan + apply', () => {
    const sim = run('restore-from-backup-pitr');
    const m = sim.getMetrics();
    const replayed = find(sim, 'restore.walReplayed').data.records as number;
    expect(replayed).toBe(300);
    expect(m.rpoWrites).toBe(153);
    expect(m.rpoWrites).toBe(ackedAfterBackup(sim) - replayed);
    expect(m.rtoMs!).toBeCloseTo(24_000 + ((300 * 1048) / (64 * MiB)) * 1000 + 300 * 5, 6);
    for (const l of sim.getState().lostWrites) expect(l.cause).toBe('restored to backup b1 taken at 30.0 s and its archived log up to 45.0 s');
    accounted(sim);
    expect(sim.checkInvariants()).toEqual([]);
  });
});

describe('cluster-power-loss', () => {
  it('with periodic fsync loses and lists at most writesPerSec × walSyncPeriodMs writes, naming the sync mode', () => {
    const sim = run('cluster-power-loss');
    const lost = sim.getState().lostWrites;
    const total = lost.reduce((n, l) => n + l.count, 0);
    expect(total).toBe(10);
    expect(total).toBeLessThanOrEqual(20 * 1);
    for (const l of lost) {
      expect(l.cause).toContain('walSyncMode periodic');
      expect(l.atMs).toBe(10_900);
    }
    expect(find(sim, 'writes.lost').text).toMatch(/^Acknowledged write\(s\) are lost: .* \(10 in all\)\./);
    accounted(sim);
  });

  it('with perCommit fsync loses nothing acknowledged', () => {
    const sim = run('cluster-power-loss-per-commit');
    expect(sim.getMetrics().writesLost).toBe(0);
    expect(sim.getTrace().some((e) => e.kind === 'writes.lost')).toBe(false);
    accounted(sim);
  });
});
