// Goal: role, voter and failover decisions go through the cp journal (design recovery-repair.md §8.2's rule: "a
// placement or role change takes effect only once its entry is committed"), wait while there is no leader, and are
// decided again by a new leader when the old one died before a majority held them.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation, type TraceEntry } from '../../index';
import { scenario } from '../../../testing/load-scenario';

const group = (extra: Record<string, unknown> = {}) =>
  scenario({
    id: 'cp-roles',
    nodes: 6,
    racks: 3,
    shards: 12,
    shardSizeBytes: 4 * 1024 * 1024,
    workload: { writesPerSec: 10 },
    controlPlane: { members: 3, journal: true, standby: 'hot' },
    ...extra,
  });

const committedAt = (trace: TraceEntry[], entry: string, pred: (e: TraceEntry) => boolean = () => true) =>
  trace.filter((e) => e.kind === 'cp.journalCommitted' && e.data.entry === entry && pred(e));

/** The commit line (one entry, or a run of them) covering the entry appended with these words. */
function commitOf(trace: TraceEntry[], entry: string, words: string): TraceEntry | undefined {
  const appended = trace.filter((e) => e.kind === 'cp.journalAppended' && e.data.entry === entry && e.text.includes(words)).at(-1);
  if (!appended) return undefined;
  const index = appended.data.index as number;
  return committedAt(trace, entry, (c) => (c.data.index as number) <= index && index <= ((c.data.to as number | undefined) ?? (c.data.index as number))).at(-1);
}

function checkedRun(sim: Simulation, untilMs: number): string[] {
  const problems: string[] = [];
  sim.runUntil(
    () => {
      for (const v of sim.checkInvariants()) problems.push(`${v.invariant}: ${v.detail}`);
      return sim.timeMs >= untilMs || problems.length > 5;
    },
    { maxMs: untilMs - sim.timeMs },
  );
  return problems;
}

describe('journaled roles, voters and failovers', () => {
  it('the failover path starts, and the router drops the dead node, only once failover.started and replica.removed are committed', () => {
    const sim = createSimulation({ scenario: group() });
    sim.advanceBy(2000);
    sim.dispatch({ type: 'node.crash', node: 'n2' });
    expect(checkedRun(sim, 30_000)).toEqual([]);
    const trace = sim.getTrace();
    const removed = trace.find((e) => e.kind === 'failover.routerRemoved')!;
    const started = committedAt(trace, 'failover.started');
    expect(started).toHaveLength(1);
    expect(started[0].timeMs).toBeLessThanOrEqual(removed.timeMs);
    expect(trace.indexOf(started[0])).toBeLessThan(trace.indexOf(removed));
    const held = sim.getControlPlaneView().entries.filter((e) => e.kind === 'replica.removed');
    expect(held.length).toBe(removed.data.shards);
    expect(held.every((e) => e.committed && e.text.includes('n2'))).toBe(true);
  });

  it('a new primary leads only once its primary.appointed is committed, and voters change only once voters.changed is', () => {
    const sim = createSimulation({ scenario: group() });
    sim.advanceBy(2000);
    sim.dispatch({ type: 'node.crash', node: 'n1' });
    expect(checkedRun(sim, 60_000)).toEqual([]);
    const trace = sim.getTrace();
    const elected = trace.filter((e) => e.kind === 'primary.elected');
    expect(elected.length).toBeGreaterThan(0);
    for (const e of elected) {
      const commit = commitOf(trace, 'primary.appointed', `${e.data.node} leads ${e.data.shard} in term ${e.data.term}`);
      expect(commit, `${e.data.shard}'s appointment committed`).toBeDefined();
      expect(trace.indexOf(commit!)).toBeLessThan(trace.indexOf(e));
    }
    const changed = trace.filter((e) => e.kind === 'voters.changed');
    expect(changed.length).toBeGreaterThan(0);
    for (const e of changed) {
      const commit = commitOf(trace, 'voters.changed', `${e.data.shard}'s voters are ${(e.data.voters as string[]).join(', ')}`);
      expect(commit, `${e.data.shard}'s voter change committed`).toBeDefined();
      expect(trace.indexOf(commit!)).toBeLessThan(trace.indexOf(e));
    }
    expect(sim.getMetrics().underReplicatedShards).toBe(0);
  });

  it('with no leader an election waits; an appointment the old leader appended alone is decided again by the new one', () => {
    // First run: when is the first appointment appended?
    const probe = createSimulation({ scenario: group() });
    probe.advanceBy(2000);
    probe.dispatch({ type: 'node.crash', node: 'n1' });
    probe.runUntil(() => probe.getTrace().some((e) => e.kind === 'cp.journalAppended' && e.data.entry === 'primary.appointed'), { maxMs: 60_000 });
    const appendedAt = probe.timeMs;
    // Second run: cp1 dies in that very millisecond, after appending and before any follower holds the entry.
    const sim = createSimulation({ scenario: group() });
    sim.advanceBy(2000);
    sim.dispatch({ type: 'node.crash', node: 'n1' });
    sim.runUntil(() => sim.getTrace().some((e) => e.kind === 'cp.journalAppended' && e.data.entry === 'primary.appointed'), { maxMs: 60_000 });
    expect(sim.timeMs).toBe(appendedAt);
    sim.dispatch({ type: 'cp.crash', member: 'cp1' });
    expect(checkedRun(sim, 80_000)).toEqual([]);
    const trace = sim.getTrace();
    const lost = trace.find((e) => e.kind === 'cp.leaderLost')!;
    const monitor = trace.find((e) => e.kind === 'monitor.restarted')!;
    // Nothing is elected between the leader's loss and the new leader's takeover.
    expect(trace.filter((e) => e.kind === 'primary.elected' && e.timeMs >= lost.timeMs && e.timeMs < monitor.timeMs)).toEqual([]);
    // Every shard that lost its primary on n1 has one again, appointed through the journal.
    expect(sim.getMetrics().shardsWithoutPrimary).toBe(0);
    expect(committedAt(trace, 'primary.appointed').length).toBeGreaterThan(0);
  });
});
