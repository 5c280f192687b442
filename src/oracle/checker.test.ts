import { describe, expect, it } from 'vitest';
import { createSimulation, type ClusterState, type ShardView, type TraceEntry } from '../engine/index';
import { scenario } from '../testing/load-scenario';
import { Oracle } from './checker';
import { runSchedule } from './run-schedule';
import { scheduleFromSeed } from './schedule';

/** A real healthy state to start from: 3 nodes, 1 shard, nothing happened. */
function healthyState(): ClusterState {
  const sim = createSimulation({ scenario: scenario({ id: 'o', nodes: 3, shards: 1, replicationFactor: 3, shardSizeBytes: 4194304 }) });
  sim.runUntil('healthy', { maxMs: 10_000 });
  return sim.getState();
}

function withShard(state: ClusterState, patch: Partial<ShardView>): ClusterState {
  return { ...state, shards: [{ ...state.shards[0], ...patch }] };
}

function acked(shard: string, lsn: number): TraceEntry {
  return { seq: lsn, timeMs: 0, event: 0, actor: shard, kind: 'write.acked', text: '', level: 'detail', data: { shard, lsn } };
}

describe('the outside oracle', () => {
  it('passes a healthy state', () => {
    const oracle = new Oracle();
    const state = healthyState();
    expect(oracle.observe(state, [])).toEqual([]);
    expect(oracle.checkHealthyTruth(state)).toEqual([]);
  });

  it('flags two primaries in one term, seen one step apart', () => {
    const oracle = new Oracle();
    const state = healthyState();
    expect(oracle.observe(withShard(state, { primary: 'n1', term: 4 }), [])).toEqual([]);
    const found = oracle.observe(withShard(state, { primary: 'n2', term: 4 }), []);
    expect(found.map((v) => v.cls)).toEqual(['two-primaries-in-term']);
    expect(found[0].detail).toContain('term 4: n1 then n2');
  });

  it('flags a shard listed twice on one node', () => {
    const found = new Oracle().observe(withShard(healthyState(), { replicas: ['n1', 'n1'] }), []);
    expect(found.map((v) => v.cls)).toContain('duplicate-replicas');
  });

  it('flags an acknowledged write no copy holds and no loss report names', () => {
    const oracle = new Oracle();
    const state = healthyState();
    const found = oracle.observe(state, [acked('s001', 5)]);
    expect(found.map((v) => v.cls)).toEqual(['ack-unaccounted']);
  });

  it('accepts a lost write when it is reported with its cause', () => {
    const oracle = new Oracle();
    const state = healthyState();
    const reported: ClusterState = {
      ...state,
      lostWrites: [{ shard: 's001', firstLsn: 1, lastLsn: 5, count: 5, atMs: 0, cause: 'every copy destroyed' }],
      metrics: { ...state.metrics, writesLost: 5 },
    };
    expect(oracle.observe(reported, [acked('s001', 5)])).toEqual([]);
  });

  it('accepts writes lost to a power cut only when replicas acknowledged before fsync (walSyncMode periodic)', () => {
    const state = healthyState();
    const cause = 'acknowledged before fsync on every replica (walSyncMode periodic)';
    const lost = (walSyncMode: 'perCommit' | 'periodic'): ClusterState => ({
      ...state,
      params: { ...state.params, walSyncMode },
      lostWrites: [{ shard: 's001', firstLsn: 1, lastLsn: 5, count: 5, atMs: 0, cause }],
      metrics: { ...state.metrics, writesLost: 5 },
    });
    expect(new Oracle().observe(lost('periodic'), [acked('s001', 5)])).toEqual([]);
    const found = new Oracle().observe(lost('perCommit'), [acked('s001', 5)]);
    expect(found.map((v) => v.cls)).toEqual(['lost-to-power-under-percommit']);
    expect(found[0].detail).toContain('s001 LSN 1–5');
  });

  it('bounds the heal by the replay formula: start-up, reading and applying every acknowledged write, fetching them', async () => {
    const { replayBoundMs } = await import('./run-schedule');
    const p = healthyState().params;
    const record = p.walRecordHeaderBytes + p.walWriteBytes;
    const perRecord = (record * 1000) / p.walScanBytesPerSec + p.walApplyMsPerRecord + (record * 1000) / p.catchUpBytesPerSec;
    expect(replayBoundMs(healthyState(), 0)).toBe(p.walReplayMs);
    expect(replayBoundMs(healthyState(), 1000)).toBeCloseTo(p.walReplayMs + 1000 * perRecord, 6);
  });

  it('refuses "healthy" for a shard with four replicas at RF 3 or a primary behind', () => {
    const oracle = new Oracle();
    const state = healthyState();
    const four = withShard(state, { replicas: ['n1', 'n2', 'n3', 'n4'] });
    expect(oracle.checkHealthyTruth(four).map((v) => v.cls)).toEqual(['healthy-not-true']);
    const behind = withShard(state, { lsn: 9 });
    expect(oracle.checkHealthyTruth(behind)[0].detail).toContain('primary');
  });

  it('cuts the power and crashes nodes again while they replay their log', () => {
    const schedules = Array.from({ length: 40 }, (_, i) => scheduleFromSeed(i + 1));
    const faults = schedules.flatMap((s) => s.faults);
    expect(faults.some((f) => f.command.type === 'node.crash' && f.command.kind === 'power')).toBe(true);
    expect(faults.some((f) => f.command.type === 'rack.fail' && f.command.kind === 'power')).toBe(true);
    expect(faults.some((f) => f.command.type === 'cluster.powerLoss')).toBe(true);
    expect(schedules.some((s) => (s.scenario.params as { walSyncMode?: string } | undefined)?.walSyncMode === 'periodic')).toBe(true);
    // A restart followed within 1.5 s by a crash of the same node: it lands during the replay (≥ 500 ms start-up).
    const duringReplay = schedules.filter((s) =>
      s.faults.some((f, i) => f.command.type === 'node.restart' && s.faults.slice(i + 1).some((g) => g.command.type === 'node.crash' && g.command.node === (f.command as { node: string }).node && g.atMs - f.atMs <= 1_500)),
    );
    expect(duringReplay.length).toBeGreaterThan(5);
  });

  it('gives one schedule per seed, so a failure reproduces from its seed', () => {
    expect(scheduleFromSeed(42)).toEqual(scheduleFromSeed(42));
    const once = runSchedule(scheduleFromSeed(42));
    expect(once.acks).toBeGreaterThan(0);
    expect(runSchedule(scheduleFromSeed(42))).toEqual(once); // steps, acks, elections, repairs, heal time, violations
    // Two runs of a schedule with replays in it: seconds on a busy machine.
  }, 30_000);
});
