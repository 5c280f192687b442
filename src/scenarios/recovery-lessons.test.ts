// Goal (issue 11, "Scenarios and proof"): each local-recovery built-in teaches one thing, and this file checks that
// thing as a learner would notice it — the record torn, the counts of applied / skipped / discarded records, the node
// serving again, the replay formula to the millisecond, the order of the phases — with the invariants checked after
// every step on the way to healthy.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Scenario, type Simulation, type TraceEntry, type WalRecoveryMode } from '../engine/index';
import { builtIn } from '../testing/load-scenario';

const MiB = 1024 * 1024;
const RECORD_BYTES = 24 + 1024;
/** §3.6: replayMs = walReplayMs + scannedBytes / walScanBytesPerSec + applied × walApplyMsPerRecord (+ snapshot load, §4). */
const replayFormula = (scanned: number, applied: number, applyMs: number, snapshotBytes = 0) =>
  500 + (scanned * RECORD_BYTES * 1000) / (64 * MiB) + applied * applyMs + (snapshotBytes * 1000) / (512 * MiB);

function start(id: string, change: (s: Scenario) => void = () => {}): Simulation {
  const scenario = builtIn(id);
  change(scenario);
  return createSimulation({ scenario });
}

/** Runs to healthy, checking the invariants before every event; fails naming the first that breaks. */
function toHealthyChecked(sim: Simulation, maxMs: number): number {
  const result = sim.runUntil(
    () => {
      const violations = sim.checkInvariants();
      if (violations.length > 0) throw new Error(`at ${sim.timeMs} ms: ${JSON.stringify(violations)}`);
      return sim.holds('healthy');
    },
    { maxMs },
  );
  expect(result.reached, `healthy by ${maxMs} ms`).toBe(true);
  return sim.timeMs;
}

const entries = (sim: Simulation, kind: string, actor?: string): TraceEntry[] =>
  sim.getTrace().filter((e) => e.kind === kind && (actor === undefined || e.actor === actor));
const first = (sim: Simulation, kind: string, actor?: string): TraceEntry => {
  const found = entries(sim, kind, actor);
  expect(found.length, `a ${kind} entry${actor ? ` by ${actor}` : ''}`).toBeGreaterThan(0);
  return found[0];
};
const nodeOf = (sim: Simulation, id: string) => sim.getState().nodes.find((n) => n.id === id)!;
const replicaOf = (sim: Simulation, shard: string, node: string) =>
  sim.getState().shards.find((s) => s.id === shard)!.replicaRoles.find((r) => r.node === node)!;

describe('power-loss-torn-tail', () => {
  it('cuts the unsynced tail, tears #102, replays to it, and n3 catches up with nothing lost', () => {
    const sim = start('power-loss-torn-tail');
    sim.runUntil(() => sim.timeMs >= 8000, { maxMs: 8000 });
    const crash = first(sim, 'node.crashed', 'n3');
    // The seed was chosen so the power loss tears a record: 10 records after the fsync line #99, 2 reach the disk.
    expect(crash.data).toMatchObject({ kind: 'power', unsynced: 10, survived: 2, tornNo: 102, lost: 7 });
    expect(crash.text).toContain('#102 is torn (only part of it was written), #103–#109 never reached it');

    // Replay, one record a step: 101 applied, then the torn record ends it.
    expect(nodeOf(sim, 'n3').recovery.phase).toBe('replaying');
    const steps: string[][] = [];
    while (nodeOf(sim, 'n3').recovery.phase === 'replaying') {
      const produced = (sim.step() ?? []).filter((e) => e.actor === 'n3' && e.kind.startsWith('wal.')).map((e) => e.kind);
      if (produced.length > 0) steps.push(produced);
    }
    expect(steps.filter((s) => s.join() === 'wal.recordApplied')).toHaveLength(101);
    expect(steps.at(-1)).toEqual(['wal.tornRecord', 'wal.replayStopped', 'wal.replayFinished']);
    expect(first(sim, 'wal.tornRecord', 'n3').text).toMatch(/^#102 PUT s003 LSN 30 says it is 1,048 bytes but stops partway/);
    expect(nodeOf(sim, 'n3').recovery.replay).toMatchObject({ scanned: 102, applied: 101, discarded: 0, stoppedAt: 102, reason: 'torn' });
    expect(sim.getMetrics()).toMatchObject({ walTornRecords: 1, walRecordsReplayed: 101, lastReplayMs: Math.round(replayFormula(102, 101, 5)) });

    // Its replay lacks writes it had acknowledged: once verified it is amnesiac, then caught up from the primaries' logs.
    toHealthyChecked(sim, 30_000);
    expect(first(sim, 'replica.amnesiac', 'n3').text).toContain('(8 acknowledged write(s) its replay did not bring back)');
    const plan = first(sim, 'catchup.planned', 'n3');
    expect(plan.data).toMatchObject({ logTail: 3, snapshot: 0 });
    expect(entries(sim, 'node.reintegrated', 'n3')).toHaveLength(1);
    expect(nodeOf(sim, 'n3').recovery).toMatchObject({ phase: 'serving', amnesiac: false });
    for (const shard of sim.getState().shards) {
      const r = shard.replicaRoles.find((x) => x.node === 'n3')!;
      expect({ shard: shard.id, lsn: r.lsn, voting: r.voting }).toEqual({ shard: shard.id, lsn: shard.lsn, voting: true });
    }
    // The writes n3 forgot were on the other two replicas: the cluster lost nothing.
    expect(sim.getMetrics()).toMatchObject({ writesLost: 0, writesFailed: 0 });
    expect(sim.getState().lostWrites).toEqual([]);
  });
});

describe('recovery-modes-mid-log', () => {
  const underMode = (mode: WalRecoveryMode) => {
    const sim = start('recovery-modes-mid-log', (s) => void (s.params.walRecoveryMode = mode));
    sim.runUntil(() => entries(sim, 'wal.replayFinished', 'n3').length + entries(sim, 'wal.replayRefused', 'n3').length > 0, { maxMs: 20_000 });
    return sim;
  };

  it('flips a bit in #24, in the middle of what n3 would replay', () => {
    const sim = start('recovery-modes-mid-log');
    sim.runUntil(() => sim.timeMs >= 5000, { maxMs: 5000 });
    expect(first(sim, 'wal.corrupted', 'n3').text).toMatch(/^A bit flips in n3's log record #24 \(PUT s001 LSN 7\), in the middle of its log/);
    // The Log view's preview, before the restart, says what each mode will do.
    const preview = Object.fromEntries(sim.previewRecovery('n3').map((p) => [p.mode, p]));
    expect(preview.pointInTime).toMatchObject({ outcome: 'starts', stopNo: 24, applied: 23, discarded: 25 });
    expect(preview.tolerateCorruptedTail).toMatchObject({ outcome: 'refuses', stopNo: 24 });
    expect(preview.absoluteConsistency).toMatchObject({ outcome: 'refuses', stopNo: 24 });
    expect(preview.skipAnyCorrupted).toMatchObject({ outcome: 'starts', stopNo: null, applied: 48, appliedPastCorruption: 25 });
  });

  it('pointInTime (the default) stops at #24 and discards the 25 valid records after it; n3 catches up from peers', () => {
    const sim = start('recovery-modes-mid-log');
    toHealthyChecked(sim, 30_000);
    expect(nodeOf(sim, 'n3').recovery.replay).toMatchObject({ mode: 'pointInTime', applied: 23, discarded: 25, stoppedAt: 24, reason: 'crc' });
    expect(first(sim, 'wal.replayStopped', 'n3').text).toContain('The 25 valid-looking record(s) after it are discarded too');
    expect(first(sim, 'replica.amnesiac', 'n3').text).toContain('26 acknowledged write(s) its replay did not bring back');
    expect(sim.getMetrics()).toMatchObject({ walRecordsDiscarded: 25, walCorruptRecords: 1, nodesRefused: 0, writesLost: 0 });
    expect(nodeOf(sim, 'n3').recovery).toMatchObject({ phase: 'serving', amnesiac: false });
  });

  it('tolerateCorruptedTail refuses: the damage is mid-log, not in the tail', () => {
    const sim = underMode('tolerateCorruptedTail');
    const refused = first(sim, 'wal.replayRefused', 'n3');
    expect(refused.level).toBe('alert');
    expect(refused.text).toMatch(/^n3 refuses to start: #24 in the middle of its log is damaged and recovery mode tolerateCorruptedTail tolerates a damaged tail only/);
    expect(nodeOf(sim, 'n3').recovery.phase).toBe('refused');
    expect(sim.getMetrics().nodesRefused).toBe(1);
  });

  it('absoluteConsistency refuses any damaged record', () => {
    const sim = underMode('absoluteConsistency');
    expect(first(sim, 'wal.replayRefused', 'n3').text).toContain('absoluteConsistency accepts no damaged record at all');
    expect(nodeOf(sim, 'n3').recovery).toMatchObject({ phase: 'refused', replay: { reason: 'refused', stoppedAt: 24, applied: 23 } });
  });

  it('skipAnyCorrupted skips #24 and applies the 25 records after it, warning of a hole in s001', () => {
    const sim = underMode('skipAnyCorrupted');
    expect(first(sim, 'wal.crcMismatch', 'n3').text).toContain('leave a hole in s001');
    expect(nodeOf(sim, 'n3').recovery.replay).toMatchObject({ applied: 48, discarded: 0, stoppedAt: null, reason: 'end' });
    expect(first(sim, 'wal.replayFinished', 'n3').text).toContain('1 damaged record(s) skipped');
  });

  // Design §3.5: skipAnyCorrupted "leaves a hole … the replica is marked divergent and must be repaired before it may
  // vote or serve". #24 held s001's LSN 7: n3 applied LSN 8–18 above the hole, so its copy of s001's history is
  // whole only up to LSN 6 (heldLsn, the split point) until catch-up repairs it.
  it('skipAnyCorrupted: the hole shows in the replica — history whole only below the skipped write', () => {
    const sim = underMode('skipAnyCorrupted');
    const s001 = replicaOf(sim, 's001', 'n3');
    expect(s001.lsn).toBe(18);
    expect(s001.heldLsn).toBe(6);
  });

  it('skipAnyCorrupted: catch-up repairs the hole before n3 is reintegrated', () => {
    const sim = underMode('skipAnyCorrupted');
    sim.runUntil(() => entries(sim, 'node.reintegrated', 'n3').length > 0, { maxMs: 20_000 });
    const s001 = replicaOf(sim, 's001', 'n3');
    expect(s001.heldLsn).toBe(s001.lsn);
    expect(s001.lsn).toBe(sim.getState().shards.find((x) => x.id === 's001')!.lsn);
    expect(sim.checkInvariants()).toEqual([]);
  });

  it('config.set params.walRecoveryMode before the restart changes the outcome (the watch list’s way to try a mode)', () => {
    const sim = start('recovery-modes-mid-log');
    sim.runUntil(() => sim.timeMs >= 6000, { maxMs: 6000 });
    sim.dispatch({ type: 'config.set', path: 'params.walRecoveryMode', value: 'absoluteConsistency' });
    sim.runUntil(() => entries(sim, 'wal.replayRefused', 'n3').length > 0, { maxMs: 20_000 });
    expect(nodeOf(sim, 'n3').recovery.phase).toBe('refused');
  });
});

describe('snapshot-vs-replay and replay-without-snapshot', () => {
  // §4's cluster: n3 holds 45 replicas × 16 MiB = 720 MiB; 200,000 records before t = 0, a snapshot every 5,000,
  // and the crash 2,400 records after the last snapshot (#200,000).
  const SNAPSHOT_BYTES = 45 * 16 * MiB;

  it('with snapshots: 720 MiB loaded, 2,400 records replayed, 2.18 s to the millisecond', () => {
    const sim = start('snapshot-vs-replay');
    toHealthyChecked(sim, 60_000);
    const loaded = first(sim, 'snapshot.loaded', 'n3');
    expect(loaded.text).toMatch(/^n3 loaded its snapshot #200,000 \(720 MiB: 45 replica\(s\)\) in 1406 ms at 512 MiB\/s; 2,400 record\(s\) follow/);
    const replay = nodeOf(sim, 'n3').recovery.replay!;
    expect(replay).toMatchObject({ scanned: 2400, applied: 2400, reason: 'end' });
    expect(replay.cost.totalMs).toBeCloseTo(replayFormula(2400, 2400, 0.1, SNAPSHOT_BYTES), 6);
    expect(sim.getMetrics()).toMatchObject({ lastReplayMs: 2184, snapshotBytesLoaded: SNAPSHOT_BYTES });
    // Restart time is downtime: writes to the shards n3 leads fail until it is back.
    const failed = entries(sim, 'write.failed').filter((e) => e.timeMs > 4759);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((e) => /cannot reach its primary n3/.test(e.text))).toBe(true);
  }, 60_000);

  it('without snapshots: all 202,400 records, 23.9 s by the formula; the snapshot is eleven times faster', () => {
    const a = start('replay-without-snapshot');
    // Not to healthy: cp re-homes n3's replicas while it replays, so the cluster is whole again before n3 is.
    a.runUntil(() => a.getMetrics().lastReplayMs !== null, { maxMs: 120_000 });
    expect(entries(a, 'snapshot.loaded')).toHaveLength(0);
    expect(nodeOf(a, 'n3').recovery.replay).toMatchObject({ scanned: 202_400, applied: 202_400, reason: 'end' });
    expect(a.getMetrics().lastReplayMs).toBe(Math.round(replayFormula(202_400, 202_400, 0.1)));
    expect(a.getMetrics().lastReplayMs).toBe(23_901);
    expect(a.checkInvariants()).toEqual([]);
    // §4's crossover: the snapshot pays off once the log it replaces is longer than load / (scan + apply per record).
    const perRecordMs = (RECORD_BYTES * 1000) / (64 * MiB) + 0.1;
    const crossover = (SNAPSHOT_BYTES * 1000) / (512 * MiB) / perRecordMs;
    expect(Math.round(crossover)).toBe(12_163);
    expect(202_400).toBeGreaterThan(crossover);
  }, 120_000);
});

describe('crash-during-replay', () => {
  it('the first replay is cut after 49 records; the second skips those 49 and applies the other 50', () => {
    const sim = start('crash-during-replay');
    toHealthyChecked(sim, 30_000);
    const starts = entries(sim, 'wal.replayStarted', 'n3');
    expect(starts.map((e) => e.timeMs)).toEqual([7000, 8500]);
    const applied = entries(sim, 'wal.recordApplied', 'n3');
    expect(applied.filter((e) => e.timeMs < 7750)).toHaveLength(49);
    const second = sim.getTrace().filter((e) => e.actor === 'n3' && e.timeMs >= 8500);
    expect(second.filter((e) => e.kind === 'wal.recordSkipped')).toHaveLength(49);
    expect(second.filter((e) => e.kind === 'wal.recordApplied')).toHaveLength(50);
    expect(first(sim, 'wal.replayFinished', 'n3').text).toMatch(/^n3 replayed 99 record\(s\): 50 applied, 49 skipped, 0 discarded/);
    expect(sim.getMetrics()).toMatchObject({ recordsAppliedTwice: 0, writesLost: 0 });
    for (const shard of ['s001', 's002', 's003']) {
      const r = replicaOf(sim, shard, 'n3');
      expect(r.counter).toBe(r.lsn);
    }
  });

  it('crash-during-replay-not-idempotent: the second pass applies the 49 again, and the counters run 49 writes ahead', () => {
    const sim = start('crash-during-replay-not-idempotent');
    // Not checked step by step (the double apply is the lesson): the invariant must light red, checked at the end.
    expect(sim.runUntil('healthy', { maxMs: 30_000 }).reached).toBe(true);
    const violations = sim.checkInvariants();
    expect(violations.map((v) => v.invariant)).toEqual(['replay applies every committed, valid record after the checkpoint exactly once']);
    expect(violations[0].detail).toMatch(/^n3 applied #1 \(PUT s00\d LSN \d+\) twice.*idempotentApply off.*49 record\(s\) applied twice/);
    const again = entries(sim, 'wal.recordApplied', 'n3').filter((e) => e.timeMs >= 8500 && /idempotentApply is off: applied again/.test(e.text));
    expect(again).toHaveLength(49);
    expect(first(sim, 'wal.replayFinished', 'n3').text).toMatch(/^n3 replayed 99 record\(s\): 99 applied, 0 skipped/);
    expect(sim.getMetrics().recordsAppliedTwice).toBe(49);
    const ahead = ['s001', 's002', 's003'].map((s) => replicaOf(sim, s, 'n3')).reduce((n, r) => n + r.counter - r.lsn, 0);
    expect(ahead).toBe(49);
    // 49 more records applied at 5 ms: the watch list's 245 ms.
    expect(sim.getMetrics().lastReplayMs).toBe(Math.round(replayFormula(99, 50, 5)) + 245);
  });
});

describe('restart-walkthrough', () => {
  it('goes through its phases in the order of the exercise: replay, torn record, finish, verify, catch-up plan, reintegrated', () => {
    const sim = start('restart-walkthrough');
    toHealthyChecked(sim, 60_000);
    const phases = ['wal.replayStarted', 'wal.tornRecord', 'wal.replayFinished', 'node.verified', 'catchup.planned', 'node.reintegrated'];
    const seen = sim.getTrace().filter((e) => e.actor === 'n2' && phases.includes(e.kind)).map((e) => e.kind);
    expect(seen).toEqual(phases);
    const times = phases.map((k) => first(sim, k, 'n2').timeMs);
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    // Redo starts at n2's last checkpoint, not at the beginning of its log.
    expect(first(sim, 'wal.replayStarted', 'n2').text).toMatch(/last checkpoint #496 at 0\/[0-9A-F]{8}, so redo starts after it/);
    expect(first(sim, 'node.crashed', 'n2').data).toMatchObject({ kind: 'power', tornNo: 541 });
    expect(nodeOf(sim, 'n2').recovery.replay).toMatchObject({ scanned: 45, applied: 44, stoppedAt: 541, reason: 'torn' });
    expect(sim.getMetrics().lastReplayMs).toBe(Math.round(replayFormula(45, 44, 5)));
  });
});

describe('bit-rot-deep-scrub', () => {
  it('passes light scrubs, is found by n2’s next deep scrub, flags s004, and shard.repair fixes it', () => {
    const sim = start('bit-rot-deep-scrub');
    toHealthyChecked(sim, 120_000);
    const detected = first(sim, 'replica.corruptDetected', 'n2');
    expect(detected.text).toMatch(/^n2's copy of s004 is corrupt: a deep scrub read it/);
    // Light scrubs ran in between and saw nothing: they compare sizes, not data.
    const lights = sim.getTrace().filter((e) => e.kind === 'scrub.finished' && e.actor === 'n2' && e.data.deep === false && e.timeMs > 20_000 && e.timeMs < detected.timeMs);
    expect(lights.length).toBeGreaterThan(0);
    for (const e of lights) expect(e.text).toMatch(/bit rot inside the data passes a light scrub/);
    // The deep pass that found it reads n2's replicas in shard order, one second each; s004 is its third.
    const pass = sim.getTrace().filter((e) => e.kind === 'scrub.started' && e.actor === 'n2' && e.timeMs <= detected.timeMs).pop()!;
    expect(detected.timeMs).toBe(pass.timeMs + 3 * 1000);
    expect(sim.getMetrics().corruptionDetectionDelayMs).toBe(detected.timeMs - 20_000);
    expect(first(sim, 'shard.inconsistent', 's004').text).toMatch(/Writes continue/);
    expect(first(sim, 'shard.repaired', 's004').text).toMatch(/1 bad key\(s\) on n2 rewritten from n1's good copy/);
    expect(sim.getMetrics()).toMatchObject({ corruptReplicasTruth: 0, corruptReplicasKnown: 0, writesFailed: 0 });
  });
});

describe('catch-up-log-vs-snapshot', () => {
  it('n2 (away 1 s) fetches its missed entries from the log in milliseconds; n3 (away 40 s) needs a 2 s snapshot', () => {
    const sim = start('catch-up-log-vs-snapshot');
    toHealthyChecked(sim, 120_000);
    const tail = first(sim, 'catchup.logTail').data as Record<string, number>;
    expect(first(sim, 'catchup.logTail').data.node).toBe('n2');
    expect(tail.missed).toBeLessThan(50);
    expect(tail.ms).toBeCloseTo(tail.rttMs + (tail.missed * tail.recordBytes * 1000) / (32 * MiB), 9);
    const snap = first(sim, 'catchup.snapshot');
    expect(snap.data.node).toBe('n3');
    expect(snap.text).toMatch(/past the 10\.0 s truncation hold/);
    const copy = sim.getTrace().find((e) => e.kind === 'copy.started' && e.data.target === 'n3')!;
    const caughtUp = sim.getTrace().find((e) => e.kind === 'replica.caughtUp' && e.data.node === 'n3')!;
    // 64 MiB at 32 MiB/s, then the tail's round trip.
    expect(caughtUp.timeMs - copy.timeMs).toBe(2000 + 4);
    expect(sim.getMetrics()).toMatchObject({ catchUpLogEntries: tail.missed, catchUpSnapshotBytes: 64 * MiB, writesLost: 0 });
  });
});
