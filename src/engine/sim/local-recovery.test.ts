// Goal (issue 11, design recovery-repair.md §3.5–§3.7, §5.1): a restart is local recovery a learner can step
// through — replay starts at the checkpoint, applies record by record, drops a torn tail, verifies, serves — the
// clock moves exactly as §3.6's formula says, and a crash during replay followed by a second replay applies
// nothing twice (unless idempotentApply is off, and then the per-shard counter shows it).
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation, type TraceEntry } from '../index';
import { scenario } from '../../testing/load-scenario';
import { WalFlag } from '../model/wal';
import { setWalFlag } from './wal-log';
import type { World } from './world';

const MiB = 1024 * 1024;
const RECORD_BYTES = 24 + 1024;

/** One shard on three nodes; n1's log is never synced (periodic, 1 h), so a process crash with tornOnProcessCrash tears its last record. */
function tornTail(params: Record<string, unknown> = {}, timeline: unknown[] = []): Simulation {
  return createSimulation({
    scenario: scenario({
      id: 'torn-tail',
      nodes: 3,
      shards: 1,
      replicationFactor: 3,
      // n1 is a secondary: it comes back behind and catches up from the primary n2.
      placement: { s001: ['n2', 'n3', 'n1'] },
      workload: { writesPerSec: 10 },
      params: {
        walSyncMode: 'periodic',
        walSyncPeriodMs: 3_600_000,
        checkpointIntervalMs: 0,
        tornOnProcessCrash: true,
        tornWriteProbability: 1,
        // Every PUT 1,048 bytes, so the replay formula's bytes are records × 1,048 (page images: torn-pages.test.ts).
        fullPageWrites: false,
        ...params,
      },
      timeline: [
        { atMs: 2_050, command: { type: 'node.crash', node: 'n1' } },
        { atMs: 3_000, command: { type: 'node.restart', node: 'n1' } },
        ...timeline,
      ],
    }),
  });
}

const kinds = (entries: TraceEntry[] | null) => (entries ?? []).map((e) => e.kind);
const n1 = (sim: Simulation) => sim.getState().nodes.find((n) => n.id === 'n1')!;
const untilVerified = (sim: Simulation) => sim.runUntil(() => sim.getTrace().some((e) => e.kind === 'node.verified'), { maxMs: 10_000 });

describe('a torn tail, replayed step by step', () => {
  it('starts at the checkpoint, applies one record a step, drops the torn record, verifies and serves', () => {
    const sim = tornTail();
    sim.advanceBy(3_000);
    const started = sim.getTrace().find((e) => e.kind === 'wal.replayStarted');
    expect(started?.text).toMatch(/redo starts at 0\/00000000/);
    expect(n1(sim).recovery.phase).toBe('replaying');
    // Twenty writes reached n1 before the crash: records #1..#19 intact, #20 torn.
    const steps: string[][] = [];
    while (n1(sim).recovery.phase === 'replaying') steps.push(kinds(sim.step()).filter((k) => k.startsWith('wal.')));
    const applied = steps.filter((s) => s[0] === 'wal.recordApplied');
    expect(applied.length).toBe(19);
    expect(applied.every((s) => s.length === 1)).toBe(true);
    expect(steps.at(-1)).toEqual(['wal.tornRecord', 'wal.replayStopped', 'wal.replayFinished']);
    const replay = n1(sim).recovery.replay!;
    expect(replay).toMatchObject({ scanned: 20, applied: 19, skipped: 0, discarded: 0, stoppedAt: 20, reason: 'torn', mode: 'pointInTime', running: false });
    expect(n1(sim).recovery.phase).toBe('verifying');
    untilVerified(sim);
    expect(kinds(sim.getTrace()).filter((k) => k === 'node.verifying' || k === 'node.verified')).toEqual(['node.verifying', 'node.verified']);
    const m = sim.getMetrics();
    expect(m).toMatchObject({ walRecordsReplayed: 19, walRecordsSkipped: 0, walTornRecords: 1, walCorruptRecords: 0, recordsAppliedTwice: 0, nodesRecovering: 0, nodesRefused: 0 });
    expect(m.replayBytes).toBe(20 * RECORD_BYTES);
    // §3.6 to the millisecond: 500 ms start-up + 20 records read at 64 MiB/s + 19 applied at 5 ms.
    const formula = 500 + (20 * RECORD_BYTES * 1000) / (64 * MiB) + 19 * 5;
    expect(m.lastReplayMs).toBe(Math.round(formula));
    expect(replay.cost.totalMs).toBeCloseTo(formula, 9);
    expect(replay.cost).toMatchObject({ startMs: 500, scannedBytes: 20 * RECORD_BYTES, appliedRecords: 19, applyMs: 95 });
    // The replay ended exactly when the formula says.
    const finished = sim.getTrace().find((e) => e.kind === 'wal.replayFinished')!;
    expect(finished.timeMs - 3_000).toBeCloseTo(formula, 9);
    expect(sim.runUntil('healthy', { maxMs: 60_000 }).reached).toBe(true);
    expect(sim.checkInvariants()).toEqual([]);
  });

  it('serves nothing while it recovers: no heartbeat leaves it until it is verified', () => {
    const sim = tornTail();
    sim.advanceBy(3_000);
    const verifiedAt = () => sim.getTrace().find((e) => e.kind === 'node.verified')?.timeMs;
    sim.runUntil(() => verifiedAt() !== undefined, { maxMs: 10_000 });
    const beats = sim.getTrace().filter((e) => e.kind === 'heartbeat.sent' && e.data.node === 'n1' && e.timeMs > 2_050);
    expect(beats.every((e) => e.timeMs >= verifiedAt()!)).toBe(true);
    expect(sim.getMetrics().nodesRecovering).toBe(0);
  });

  it('per-record entries are detail; the start, the torn record, the stop and the finish are news', () => {
    const sim = tornTail();
    untilVerified(sim);
    const level = (kind: string) => new Set(sim.getTrace().filter((e) => e.kind === kind).map((e) => e.level));
    expect(level('wal.recordApplied')).toEqual(new Set(['detail']));
    expect(level('wal.replayStarted')).toEqual(new Set(['info']));
    expect(level('wal.tornRecord')).toEqual(new Set(['warn']));
    expect(level('wal.replayStopped')).toEqual(new Set(['warn']));
    expect(level('wal.replayFinished')).toEqual(new Set(['info']));
  });
});

describe('a crash during replay, then a second replay (exercise 3)', () => {
  const crashMidReplay = (idempotentApply: boolean) =>
    tornTail({ idempotentApply }, [
      // 500 ms start-up + 10 records ≈ 550.2 ms: the crash lands after the tenth record.
      { atMs: 3_552, command: { type: 'node.crash', node: 'n1' } },
      { atMs: 4_000, command: { type: 'node.restart', node: 'n1' } },
    ]);

  it('skips what the first replay reached (page-LSN rule) and applies nothing twice', () => {
    const sim = crashMidReplay(true);
    untilVerified(sim);
    const second = sim.getTrace().filter((e) => e.timeMs >= 4_000);
    expect(second.filter((e) => e.kind === 'wal.recordSkipped').length).toBe(10);
    expect(second.filter((e) => e.kind === 'wal.recordApplied').length).toBe(9);
    expect(n1(sim).recovery.replay).toMatchObject({ applied: 9, skipped: 10 });
    expect(sim.getMetrics().recordsAppliedTwice).toBe(0);
    const s001 = sim.getState().shards[0].replicaRoles.find((r) => r.node === 'n1')!;
    expect(s001.counter).toBe(s001.lsn);
  });

  it('with idempotentApply off, applies them again: the counter runs ahead of the writes', () => {
    const sim = crashMidReplay(false);
    untilVerified(sim);
    expect(sim.getMetrics().recordsAppliedTwice).toBe(10);
    const s001 = sim.getState().shards[0].replicaRoles.find((r) => r.node === 'n1')!;
    expect(s001.counter).toBe(s001.lsn + 10);
  });
});

/** The run's world, for tests that plant damage the commands cannot (yet) reach. */
const worldOf = (sim: Simulation) => (sim as unknown as { w: World }).w;

describe('what each recovery mode would do (the Log view preview)', () => {
  it('a torn tail: three modes start without it, absoluteConsistency refuses; nothing changes', () => {
    const sim = tornTail();
    sim.advanceBy(2_500);
    const digest = sim.digest();
    const preview = sim.previewRecovery('n1');
    expect(preview.map((p) => [p.mode, p.outcome, p.stopNo, p.applied])).toEqual([
      ['pointInTime', 'starts', 20, 19],
      ['tolerateCorruptedTail', 'starts', 20, 19],
      ['absoluteConsistency', 'refuses', 20, 19],
      ['skipAnyCorrupted', 'starts', null, 19],
    ]);
    expect(preview[2].summary).toMatch(/refuses to start at #20/);
    expect(sim.digest()).toBe(digest);
    expect(() => sim.previewRecovery('n9')).toThrow(/unknown node "n9"/);
  });

  it('a corrupt record mid-log: tolerateCorruptedTail refuses too, skipAnyCorrupted applies past it', () => {
    const sim = tornTail({ tornOnProcessCrash: false });
    sim.advanceBy(2_500);
    setWalFlag(worldOf(sim).nodes[0].wal, 10, WalFlag.BitFlipped);
    const byMode = Object.fromEntries(sim.previewRecovery('n1').map((p) => [p.mode, p]));
    expect(byMode.pointInTime).toMatchObject({ outcome: 'starts', stopNo: 10, applied: 9, discarded: 10 });
    expect(byMode.tolerateCorruptedTail).toMatchObject({ outcome: 'refuses', stopNo: 10 });
    expect(byMode.absoluteConsistency).toMatchObject({ outcome: 'refuses', stopNo: 10 });
    expect(byMode.skipAnyCorrupted).toMatchObject({ outcome: 'starts', stopNo: null, applied: 19, appliedPastCorruption: 10 });
  });
});

describe('a refused replay, then a rebuild', () => {
  const refusing = () => {
    const sim = tornTail({ tornOnProcessCrash: false, walRecoveryMode: 'absoluteConsistency' });
    sim.advanceBy(2_500);
    setWalFlag(worldOf(sim).nodes[0].wal, 10, WalFlag.BitFlipped);
    sim.runUntil(() => n1(sim).recovery.phase === 'refused', { maxMs: 10_000 });
    return sim;
  };

  it('absoluteConsistency refuses at the corrupt record: the node stays down, named, and counted', () => {
    const sim = refusing();
    const refused = sim.getTrace().find((e) => e.kind === 'wal.replayRefused')!;
    expect(refused.level).toBe('alert');
    expect(refused.text).toMatch(/n1 refuses to start: #10 .*absoluteConsistency.*node\.rebuild:n1/);
    expect(sim.getTrace().some((e) => e.kind === 'wal.crcMismatch' && /incorrect resource manager data checksum/.test(e.text))).toBe(true);
    expect(n1(sim)).toMatchObject({ up: false, lifecycle: 'restarting' });
    expect(n1(sim).recovery.replay).toMatchObject({ reason: 'refused', stoppedAt: 10, applied: 9 });
    expect(sim.getMetrics()).toMatchObject({ nodesRefused: 1, nodesRecovering: 0, walCorruptRecords: 1 });
    expect(() => sim.dispatch({ type: 'node.crash', node: 'n1' })).toThrow(/refused to start/);
  });

  it('under another mode a restart replays again, skipping what the refused pass applied', () => {
    const sim = refusing();
    sim.dispatch({ type: 'config.set', path: 'params.walRecoveryMode', value: 'skipAnyCorrupted' });
    sim.dispatch({ type: 'node.restart', node: 'n1' });
    untilVerifiedAfter(sim, sim.timeMs);
    expect(n1(sim).recovery.replay).toMatchObject({ mode: 'skipAnyCorrupted', skipped: 9, applied: 10, stoppedAt: null });
    // It applied #11..#20 past the skipped #10: s001's copy has a hole, divergent from LSN 9 until catch-up repairs it.
    const finished = sim.getTrace().filter((e) => e.kind === 'wal.replayFinished').at(-1)!;
    expect(finished.text).toMatch(/s001 has a hole: that copy is divergent/);
  });

  it('node.rebuild waits until cp has re-homed what the node held, then wipes it and brings it back empty', () => {
    const sim = refusing();
    expect(() => sim.dispatch({ type: 'node.rebuild', node: 'n1' })).toThrow(/cp still lists n1 for 1 replica\(s\); once it declares n1 DEAD/);
    sim.runUntil(() => sim.getTrace().some((e) => e.kind === 'failover.routerRemoved'), { maxMs: 30_000 });
    sim.dispatch({ type: 'node.rebuild', node: 'n1' });
    expect(n1(sim)).toMatchObject({ up: true, lifecycle: 'up' });
    expect(n1(sim).recovery.replay).toBeNull();
    expect(sim.getTrace().filter((e) => e.kind === 'node.rebuilt')).toHaveLength(1);
    expect(worldOf(sim).nodes[0].wal.lastNo).toBe(0);
    expect(sim.runUntil('healthy', { maxMs: 120_000 }).reached).toBe(true);
    expect(sim.getMetrics().writesLost).toBe(0);
    expect(() => sim.dispatch({ type: 'node.rebuild', node: 'n1' })).toThrow(/n1 is running/);
  });
});

const untilVerifiedAfter = (sim: Simulation, atMs: number) =>
  sim.runUntil(() => sim.getTrace().some((e) => e.kind === 'node.verified' && e.timeMs >= atMs), { maxMs: atMs + 10_000 });

describe('a memory store restarts from its snapshot (§4)', () => {
  it('loads the snapshot, replays only the records after it, and the clock follows snapshot + delta', () => {
    const sim = createSimulation({
      scenario: scenario({
        id: 'memory-store',
        nodes: 3,
        shards: 1,
        replicationFactor: 3,
        shardSizeBytes: 64 * MiB,
        placement: { s001: ['n2', 'n3', 'n1'] },
        workload: { writesPerSec: 10 },
        params: { stateStore: 'memory', snapshotEveryRecords: 8, checkpointIntervalMs: 0 },
        timeline: [
          { atMs: 2_050, command: { type: 'node.crash', node: 'n1' } },
          { atMs: 3_000, command: { type: 'node.restart', node: 'n1' } },
        ],
      }),
    });
    sim.advanceBy(3_000);
    expect(n1(sim).recovery.phase).toBe('loadingSnapshot');
    untilVerified(sim);
    const kinds = sim.getTrace().map((e) => e.kind);
    expect(kinds.indexOf('snapshot.loaded')).toBeLessThan(kinds.indexOf('wal.replayStarted'));
    // Said as what it is: the log after the snapshot, not a control file's checkpoint.
    expect(sim.getTrace().find((e) => e.kind === 'wal.replayStarted')?.text).toMatch(/^n1 replays the log after its snapshot #18 /);
    // 20 writes: PUTs #1–#8, snapshot #9, PUTs #10–#17, snapshot #18, and the 4 PUTs #19–#22 follow the last one.
    expect(n1(sim).recovery.checkpointRecord).toBe(18);
    const replay = n1(sim).recovery.replay!;
    expect(replay).toMatchObject({ scanned: 4, applied: 4, reason: 'end' });
    const snapshotMs = (64 * MiB * 1000) / (512 * MiB);
    expect(replay.cost).toMatchObject({ snapshotBytes: 64 * MiB, snapshotMs });
    const formula = snapshotMs + 500 + (4 * RECORD_BYTES * 1000) / (64 * MiB) + 4 * 5;
    expect(sim.getMetrics()).toMatchObject({ lastReplayMs: Math.round(formula), snapshotBytesLoaded: 64 * MiB });
  });
});

describe('big logs: chunks and folded segments keep the formula', () => {
  it('reads 8 records a step with one progress entry each, to the same total', () => {
    const sim = tornTail({ walReplayChunkRecords: 8 });
    sim.advanceBy(3_000);
    const steps: string[][] = [];
    while (n1(sim).recovery.phase === 'replaying') steps.push(kinds(sim.step()).filter((k) => k.startsWith('wal.') && k !== 'wal.recordApplied'));
    // (Other nodes' heartbeats and client writes are steps too: only the replay's are kept.)
    expect(steps.filter((s) => s.length > 0)).toEqual([['wal.replayProgress'], ['wal.replayProgress'], ['wal.tornRecord', 'wal.replayStopped', 'wal.replayFinished']]);
    expect(sim.getMetrics().lastReplayMs).toBe(Math.round(500 + (20 * RECORD_BYTES * 1000) / (64 * MiB) + 19 * 5));
  });

  it('after a checkpoint the folded records replay from after it: the checkpoint record itself is not read', () => {
    const sim = tornTail({ walDetailRecordsPerNode: 4, checkpointIntervalMs: 1_000 });
    sim.advanceBy(3_000);
    untilVerified(sim);
    const started = sim.getTrace().find((e) => e.kind === 'wal.replayStarted')!;
    expect(n1(sim).recovery.checkpointRecord).toBeGreaterThan(0);
    expect(n1(sim).recovery.replay!.scanned).toBe(started.data.records);
    expect(n1(sim).recovery.replay!.cost.scannedBytes).toBe(started.data.bytes);
  });

  it('records past the detail window are replayed a segment per step, counted and costed all the same', () => {
    const sim = tornTail({ walDetailRecordsPerNode: 4 });
    sim.advanceBy(3_000);
    untilVerified(sim);
    expect(n1(sim).recovery.replay).toMatchObject({ scanned: 20, applied: 19, stoppedAt: 20, reason: 'torn' });
    expect(sim.getTrace().filter((e) => e.kind === 'wal.replayProgress').length).toBeGreaterThan(0);
    expect(sim.getMetrics().lastReplayMs).toBe(Math.round(500 + (20 * RECORD_BYTES * 1000) / (64 * MiB) + 19 * 5));
  });
});
