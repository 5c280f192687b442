// Goal: exercise 9 (design recovery-repair.md §14 row 9) — the cp leader dies mid-re-homing; with the journal the
// new leader resumes the committed copies and removes the orphans; without it, shards are left that nobody repairs.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../index';
import { builtIn } from '../../../testing/load-scenario';
import type { World } from '../world';
import { applyCommitted } from './group';
import { leaderRow } from './journal';

const worldOf = (sim: Simulation): World => (sim as unknown as { w: World }).w;

function run(id: string) {
  const sim = createSimulation({ scenario: builtIn(id) });
  const problems: string[] = [];
  sim.runUntil(
    () => {
      for (const v of sim.checkInvariants()) problems.push(`${v.invariant}: ${v.detail}`);
      return problems.length > 20;
    },
    { maxMs: 120_000 },
  );
  return { sim, problems, trace: sim.getTrace(), metrics: sim.getMetrics() };
}

describe('cp-leader-dies-mid-rehome (journal on, hot standby)', () => {
  const a = run('cp-leader-dies-mid-rehome');

  it('keeps every invariant and restores RF', () => {
    expect(a.problems).toEqual([]);
    expect(a.metrics.underReplicatedShards).toBe(0);
  });

  it("counts the copies the new leader planned again toward n3's failover: it finishes when the last lands, not before", () => {
    const done = a.trace.find((e) => e.kind === 'migration.finished')!;
    const lastCopy = a.trace.filter((e) => e.kind === 'copy.committed').at(-1)!;
    expect(done.timeMs).toBe(lastCopy.timeMs);
    expect(done.text).toContain('every copy it planned has landed');
    expect(a.sim.getState().failoverEvents[0].completedAtMs).toBe(done.timeMs);
  });

  it('walks the leader failover and replays the journal', () => {
    const kinds = a.trace.map((e) => e.kind);
    for (const k of ['cp.leaderLost', 'cp.electionStarted', 'cp.elected', 'cp.noopCommitted', 'cp.journalReplayed', 'cp.stateValidated', 'monitor.restarted'])
      expect(kinds).toContain(k);
  });

  it('removes exactly the copies whose plans were not committed when cp1 died, as orphans', () => {
    const crashAt = a.trace.find((e) => e.kind === 'cp.leaderLost')!.timeMs;
    // A plan appended within one link latency before the crash had reached no follower.
    const uncommitted = a.trace.filter((e) => e.kind === 'cp.journalAppended' && e.data.entry === 'copy.planned' && e.timeMs > crashAt - 2 && e.timeMs <= crashAt);
    expect(uncommitted.length).toBeGreaterThan(0);
    expect(a.metrics.orphanCopies).toBe(uncommitted.length);
    expect(a.trace.filter((e) => e.kind === 'replica.gc')).toHaveLength(uncommitted.length);
  });

  it('moves hardly more than n3 held (orphans wasted a little)', () => {
    const held = 200 * 64 * 1024 * 1024;
    expect(a.metrics.bytesMoved / held).toBeGreaterThanOrEqual(1);
    expect(a.metrics.bytesMoved / held).toBeLessThanOrEqual(1.05);
  });

  it('truncates the old leader’s uncommitted suffix when it rejoins', () => {
    expect(a.trace.some((e) => e.kind === 'cp.journalTruncated' && e.data.member === 'cp1')).toBe(true);
  });

  it('applying a committed entry twice changes nothing (idempotent recovery)', () => {
    const w = worldOf(a.sim);
    const leader = leaderRow(w)!;
    const snapshot = () => JSON.stringify({ shards: a.sim.getState().shards, copies: a.sim.getState().copies, metrics: a.sim.getMetrics() });
    const before = snapshot();
    for (const rec of leader.log.slice(0, w.controlPlane.commitIndex)) applyCommitted(w, leader, rec);
    expect(snapshot()).toBe(before);
    expect(a.sim.checkInvariants()).toEqual([]);
  });
});

describe('cp-leader-dies-mid-rehome-no-journal', () => {
  const b = run('cp-leader-dies-mid-rehome-no-journal');

  it("does not call n3's failover a success: its copies died with the leader", () => {
    const event = b.sim.getState().failoverEvents[0];
    expect(event.reReplicationSucceeded).toBe(false);
    expect(b.trace.find((e) => e.kind === 'migration.finished')?.text).toContain('ended with shards still missing a replica');
  });

  it('leaves shards nobody repairs, and the invariant names them', () => {
    expect(b.problems.some((p) => p.startsWith('every under-replicated shard is queued, copying or explained'))).toBe(true);
    expect(b.trace.find((e) => e.kind === 'cp.stateValidated')!.text).toMatch(/nobody repairs them/);
  });
});

describe('hot vs cold standby', () => {
  const metricsAt30s = (id: string) => {
    const sim = createSimulation({ scenario: builtIn(id) });
    sim.advanceBy(30_000);
    return sim.getMetrics();
  };
  it('the same leaderless time; the cold standby stays unavailable longer by its replay', () => {
    const hot = metricsAt30s('cp-leader-dies-mid-rehome');
    const cold = metricsAt30s('cp-leader-dies-mid-rehome-cold');
    expect(cold.cpLeaderlessMs).toBe(hot.cpLeaderlessMs);
    expect(hot.cpUnavailableMs).toBeLessThan(cold.cpUnavailableMs);
    expect(hot.cpLeaderChanges).toBe(1);
  }, 30_000);

  it('costs what §15 says: election timeout + a round trip, plus entries × cpApplyMsPerEntry when cold', () => {
    const sim = createSimulation({ scenario: builtIn('cp-leader-dies-mid-rehome-cold') });
    sim.advanceBy(30_000);
    const trace = sim.getTrace();
    const lost = trace.find((e) => e.kind === 'cp.leaderLost')!;
    const timeoutMs = Number(/cp2 after (\d+) ms/.exec(lost.text)![1]);
    const rttMs = 2 * sim.scenario.params.linkLatencyMs;
    const m = sim.getMetrics();
    expect(m.cpLeaderlessMs).toBe(timeoutMs + rttMs);
    const replayed = trace.find((e) => e.kind === 'cp.journalReplayed')!;
    const entries = replayed.data.entries as number;
    expect(entries).toBeGreaterThan(0);
    // Unavailable: leaderless, the no-op's trip to a follower, then the replay.
    expect(m.cpUnavailableMs).toBe(timeoutMs + rttMs + sim.scenario.params.linkLatencyMs + entries * sim.scenario.params.cpApplyMsPerEntry);
  }, 30_000);
});
