import { describe, expect, it } from 'vitest';
import { createSimulation } from '../index';
import { getBuiltInScenario } from '../../scenarios/registry';
import { Trace } from './trace';

describe('the trace keeps a bounded window of the newest entries', () => {
  it('keeps the newest entries in order, counts what fell out, and digests every entry', () => {
    const small = new Trace(3);
    const whole = new Trace(100);
    for (let i = 0; i < 10; i++) {
      for (const t of [small, whole]) t.record(i, i * 1000, 'n1', i % 2 ? 'heartbeat.arrived' : 'node.crashed', `entry ${i}`, i % 2 ? 'detail' : 'alert');
    }
    expect(small.since(0).map((e) => e.seq)).toEqual([7, 8, 9]);
    expect(small.since(8).map((e) => e.text)).toEqual(['entry 8', 'entry 9']);
    expect(small.since(10)).toEqual([]);
    const window = small.window();
    expect(window).toMatchObject({ windowEntries: 3, recorded: 10, firstKeptSeq: 7 });
    expect(window.evicted).toEqual({
      entries: 7,
      untilMs: 6000,
      byLevel: { detail: 3, info: 0, warn: 0, alert: 4 },
      byKind: { 'heartbeat.arrived': 3, 'node.crashed': 4 },
    });
    // The digest covers what fell out of the window too: a small window changes nothing.
    expect(small.digest()).toBe(whole.digest());
  });

  it('counts evictions of one kind in a row exactly in a fork taken in the middle of the row', () => {
    const original = new Trace(2);
    for (let i = 0; i < 6; i++) original.record(i, i, 'n1', 'write.acked', `w ${i}`, 'detail');
    const fork = original.copy();
    for (const t of [original, fork]) {
      for (let i = 6; i < 9; i++) t.record(i, i, 'n1', 'write.acked', `w ${i}`, 'detail');
      t.record(9, 9, 'n1', 'node.crashed', 'c', 'alert');
    }
    for (const t of [original, fork]) expect(t.window().evicted).toMatchObject({ entries: 8, byLevel: { detail: 8 }, byKind: { 'write.acked': 8 } });
  });

  it('keeps its window exactly across wrap-around, and a fork keeps its own after both write', () => {
    const fill = (t: Trace, from: number, n: number, tag: string) => {
      for (let i = from; i < from + n; i++) t.record(i, i * 0.5, `n${i % 7}`, i % 3 ? 'a.b' : 'c.d', `${tag} ${i}`, i % 4 ? 'detail' : 'warn', { i });
    };
    const ring = new Trace(1500);
    const whole = new Trace(100_000);
    fill(ring, 0, 4000, 'x');
    fill(whole, 0, 4000, 'x');
    expect(ring.since(0)).toEqual(whole.since(2500));
    const fork = ring.copy();
    const forkWhole = whole.copy();
    fill(ring, 4000, 700, 'run');
    fill(fork, 4000, 300, 'fork');
    fill(whole, 4000, 700, 'run');
    fill(forkWhole, 4000, 300, 'fork');
    expect(ring.since(0)).toEqual(whole.since(3200));
    expect(fork.since(0)).toEqual(forkWhole.since(2800));
    expect([ring.digest(), fork.digest()]).toEqual([whole.digest(), forkWhole.digest()]);
    expect(fork.sharedEntriesWith(ring)).toBe(4000 - 3200);
  });

  it('a long run holds no more than its window, and gives the same digest and state as an unbounded one', () => {
    const scenario = getBuiltInScenario('rehome-worked-example')!;
    const bounded = createSimulation({ scenario, traceWindowEntries: 500 });
    const wide = createSimulation({ scenario, traceWindowEntries: 1_000_000 });
    for (const sim of [bounded, wide]) sim.runUntil('healthy', { maxMs: 600_000 });
    const all = wide.getTrace();
    expect(all.length).toBeGreaterThan(1500);
    expect(bounded.getTrace()).toHaveLength(500);
    expect(bounded.getTrace()).toEqual(all.slice(-500));
    expect(bounded.getTraceWindow().evicted.entries).toBe(all.length - 500);
    expect(bounded.digest()).toBe(wide.digest());
    expect(bounded.getState()).toEqual(wide.getState());
  });

  it('keeps skipped timeline commands whatever the window', () => {
    const base = getBuiltInScenario('rehome-worked-example')!;
    const scenario = { ...base, timeline: [...base.timeline, { atMs: 6000, command: { type: 'node.restart' as const, node: 'n1' } }] };
    const sim = createSimulation({ scenario, traceWindowEntries: 10 });
    sim.runUntil('healthy', { maxMs: 600_000 });
    expect(sim.getTrace().some((e) => e.kind === 'command.skipped')).toBe(false);
    expect(sim.getSkippedCommands()).toEqual([
      { atMs: 6000, command: { type: 'node.restart', node: 'n1' }, text: expect.stringContaining('n1') },
    ]);
  });
});
