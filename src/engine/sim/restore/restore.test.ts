// Goal: a learner who restores a cluster from a backup sees exactly which acknowledged writes are gone (RPO) and how
// long it took against its formula (RTO), and the cluster is whole and writable afterwards.
import { describe, expect, it } from 'vitest';
import { createSimulation, parseCliCommand, type Simulation } from '../../index';
import { scenario } from '../../../testing/load-scenario';

const MiB = 1024 * 1024;

const base = {
  id: 'restore-test',
  nodes: 6,
  shards: 12,
  replicationFactor: 3,
  shardSizeBytes: 64 * MiB,
  workload: { writesPerSec: 20 },
  params: { restoreBytesPerSecPerNode: 128 * MiB },
};

function runTo(sim: Simulation, ms: number): void {
  sim.advanceBy(ms - sim.timeMs);
}

const entries = (sim: Simulation, kind: string) => sim.getTrace().filter((e) => e.kind === kind);

describe('backup.take', () => {
  it('records every shard’s acknowledged writes at one instant, and says so', () => {
    expect(parseCliCommand('backup.take:b1')).toEqual({ ok: true, command: { type: 'backup.take', id: 'b1' } });
    const sim = createSimulation({ scenario: scenario(base) });
    runTo(sim, 30_000);
    const acked = sim.getMetrics().writesAcked;
    sim.dispatch({ type: 'backup.take', id: 'b1' });
    const taken = entries(sim, 'backup.taken')[0];
    expect(taken.text).toBe(
      `Backup b1 is taken: a copy of all 12 shard(s), 768 MiB, holding ${acked} acknowledged write(s), with the control plane's placement of them. ` +
        'It is one consistent instant (a simplification: a real backup is copied over minutes and made consistent by the log). ' +
        'Writes acknowledged after it are in no backup yet.',
    );
    expect(() => sim.dispatch({ type: 'backup.take', id: 'b1' })).toThrow('backup.take: a backup named b1 exists already (taken at 30.0 s); give the new one another id');
  });

  it('runs on a schedule with backupIntervalMs, one event per interval', () => {
    const sim = createSimulation({ scenario: scenario({ ...base, params: { ...base.params, backupIntervalMs: 10_000 } }) });
    runTo(sim, 35_000);
    expect(entries(sim, 'backup.taken').map((e) => [e.timeMs, e.data.backup])).toEqual([
      [10_000, 'b1'],
      [20_000, 'b2'],
      [30_000, 'b3'],
    ]);
    expect(entries(sim, 'backup.taken')[0].text).toMatch(/^Backup b1 is taken \(every 10\.0 s\): /);
  });
});

describe('cluster.restore refuses, naming the problem', () => {
  it('an unknown backup (listing the known ones), a target before the backup, without walArchive, or in the future', () => {
    const sim = createSimulation({ scenario: scenario(base) });
    runTo(sim, 10_000);
    expect(() => sim.dispatch({ type: 'cluster.restore', backup: 'b1' })).toThrow(
      'cluster.restore: no backup named b1: none has been taken yet (backup.take:<id>, or params.backupIntervalMs)',
    );
    sim.dispatch({ type: 'backup.take', id: 'b1' });
    sim.dispatch({ type: 'backup.take', id: 'b2' });
    expect(() => sim.dispatch({ type: 'cluster.restore', backup: 'b9' })).toThrow('cluster.restore: no backup named b9; the backups are b1, b2');
    expect(() => sim.dispatch({ type: 'cluster.restore', backup: 'b1', targetMs: 12_000 })).toThrow(
      'cluster.restore: a target time needs archived log to replay, but params.walArchive is off; restore b1 without a target',
    );
    const pitr = createSimulation({ scenario: scenario({ ...base, params: { ...base.params, walArchive: true } }) });
    runTo(pitr, 10_000);
    pitr.dispatch({ type: 'backup.take', id: 'b1' });
    runTo(pitr, 20_000);
    expect(() => pitr.dispatch({ type: 'cluster.restore', backup: 'b1', targetMs: 5_000 })).toThrow(
      'cluster.restore: target 5000 ms is before backup b1 was taken (10000 ms); pick a later target or an earlier backup',
    );
    expect(() => pitr.dispatch({ type: 'cluster.restore', backup: 'b1', targetMs: 25_000 })).toThrow(
      'cluster.restore: target 25000 ms is in the future (the run is at 20000 ms)',
    );
    pitr.dispatch({ type: 'node.crash', node: 'n2' });
    expect(() => pitr.dispatch({ type: 'cluster.restore', backup: 'b1' })).toThrow(
      'cluster.restore: n2 is down but its disk survives; restart it (node.restart:n2) or write it off (node.destroy:n2) first',
    );
  });
});

/** b1 at 30 s, n1–n3 destroyed at 45 s (shards placed only there are lost), restore at 60 s. */
function outage(params: Record<string, unknown> = {}) {
  const sim = createSimulation({ scenario: scenario({ ...base, params: { ...base.params, ...params } }) });
  runTo(sim, 30_000);
  sim.dispatch({ type: 'backup.take', id: 'b1' });
  const atBackup = sim.getMetrics().writesAcked;
  const backupLsn = new Map(sim.getState().shards.map((s) => [s.id, s.lsn]));
  runTo(sim, 45_000);
  for (const node of ['n1', 'n2', 'n3']) sim.dispatch({ type: 'node.destroy', node });
  runTo(sim, 60_000);
  const atRestore = sim.getMetrics().writesAcked;
  return { sim, atBackup, atRestore, backupLsn };
}

describe('cluster.restore from a backup', () => {
  it('brings back every shard, lost ones included, lists the writes after the backup as lost (RPO), and takes its formula’s time (RTO)', () => {
    const { sim, atBackup, atRestore, backupLsn } = outage();
    expect(sim.getState().shards.some((s) => s.state === 'lost')).toBe(true);
    sim.dispatch({ type: 'cluster.restore', backup: 'b1' });
    const started = entries(sim, 'restore.started')[0];
    // 12 shards × 3 copies × 64 MiB on the 3 running nodes at 128 MiB/s each: 2,304 MiB / 384 MiB/s = 6 s.
    expect(started.text).toBe(
      'The cluster is restored from backup b1: 3 running node(s) each load their replicas from it, 2.3 GiB in all at 128 MiB/s per node (6000 ms). ' +
        'Client writes and reads pause until it finishes; expected time to recover (RTO) 6000 ms. ' +
        '1 copy job(s) under way stop: the restore rewrites every shard (the re-replication after n3 ends unfinished).',
    );
    expect(sim.getTrace().some((e) => e.kind === 'migration.finished' && e.timeMs === 60_000)).toBe(false);
    runTo(sim, 65_000);
    expect(sim.getMetrics().writesAcked).toBe(atRestore); // writes paused
    runTo(sim, 66_001);
    const finished = entries(sim, 'restore.finished')[0];
    expect(finished.timeMs).toBe(66_000);
    const m = sim.getMetrics();
    expect(m.rtoMs).toBe(6000);
    expect(m.restoreBytes).toBe(12 * 3 * 64 * MiB);
    // Exactly the writes acknowledged after the backup, each listed with the restore's cause.
    expect(m.rpoWrites).toBe(atRestore - atBackup);
    const lost = sim.getState().lostWrites;
    expect(lost.every((l) => l.cause === 'restored to backup b1 taken at 30.0 s')).toBe(true);
    expect(lost.reduce((n, l) => n + l.count, 0)).toBe(atRestore - atBackup);
    expect(m.writesLost).toBe(atRestore - atBackup);
    expect(finished.text).toContain(`${atRestore - atBackup} acknowledged write(s) are lost (RPO), acknowledged after that point: `);
    expect(finished.text).toContain('RTO 6000 ms = 2.3 GiB / (3 × 128 MiB/s).');
    for (const s of sim.getState().shards) expect(s.lsn).toBe(backupLsn.get(s.id));
    expect(entries(sim, 'restore.shardLoaded')).toHaveLength(12);
    // Whole and writable again: the run reaches healthy and writes are acknowledged.
    expect(sim.runUntil('healthy', { maxMs: 120_000 }).reached).toBe(true);
    runTo(sim, sim.timeMs + 2000);
    expect(sim.getMetrics().writesAcked).toBeGreaterThan(atRestore);
    expect(sim.checkInvariants()).toEqual([]);
    expect(sim.getMetrics().writesAcked).toBe(sim.getState().shards.reduce((n, s) => n + s.lsn, 0) + sim.getMetrics().writesLost);
  });

  it('holds writes paused through a workload change, and starts the new rate when it finishes', () => {
    const { sim, atRestore } = outage();
    sim.dispatch({ type: 'cluster.restore', backup: 'b1' });
    runTo(sim, 62_000);
    sim.dispatch({ type: 'workload.set', writesPerSec: 10 });
    runTo(sim, 65_900);
    expect(sim.getMetrics().writesAcked).toBe(atRestore);
    runTo(sim, 70_000);
    // 4 s at 10 writes/s once the restore is over at 66 s.
    expect(sim.getMetrics().writesAcked - atRestore).toBeGreaterThanOrEqual(38);
    expect(sim.getMetrics().writesAcked - atRestore).toBeLessThanOrEqual(41);
  });

  it('forks mid-restore (the console’s seek) into a run that finishes the same way', () => {
    const { sim } = outage({ walArchive: true, walSegmentBytes: 65_536 });
    sim.dispatch({ type: 'cluster.restore', backup: 'b1', targetMs: 50_000 });
    runTo(sim, 63_000);
    const copy = sim.fork();
    sim.advanceBy(20_000);
    copy.advanceBy(20_000);
    expect(copy.digest()).toBe(sim.digest());
    expect(copy.getRestoreView()).toEqual(sim.getRestoreView());
  });

  it('with walArchive, replays archived log to a target time: fewer writes lost, RTO adds scan and apply', () => {
    const plain = outage();
    plain.sim.dispatch({ type: 'cluster.restore', backup: 'b1' });
    plain.sim.advanceBy(20_000);
    const params = { walArchive: true, walSegmentBytes: 65_536 };
    const { sim, atBackup, atRestore } = outage(params);
    sim.dispatch({ type: 'cluster.restore', backup: 'b1', targetMs: 45_000 });
    expect(parseCliCommand('cluster.restore:b1,45000')).toEqual({ ok: true, command: { type: 'cluster.restore', backup: 'b1', targetMs: 45_000 } });
    sim.advanceBy(20_000);
    const m = sim.getMetrics();
    // 62 writes of 1,048 bytes fill a 64 KiB segment; the writes of 30–45 s in full segments are replayed.
    const between = atRestore - atBackup; // no write is acknowledged after 45 s on a lost shard, but others go on
    const replayed = entries(sim, 'restore.walReplayed')[0].data.records as number;
    expect(replayed).toBeGreaterThan(0);
    expect(replayed % 62).toBeLessThanOrEqual(62);
    expect(m.rpoWrites).toBe(between - replayed);
    expect(m.rpoWrites!).toBeLessThan(plain.sim.getMetrics().rpoWrites!);
    const rto = 6000 + ((replayed * 1048) / (64 * MiB)) * 1000 + replayed * 5;
    expect(m.rtoMs!).toBeCloseTo(rto, 6);
    for (const l of sim.getState().lostWrites) expect(l.cause).toBe('restored to backup b1 taken at 30.0 s and its archived log up to 45.0 s');
    expect(sim.runUntil('healthy', { maxMs: 120_000 }).reached).toBe(true);
    expect(sim.checkInvariants()).toEqual([]);
  });
});
