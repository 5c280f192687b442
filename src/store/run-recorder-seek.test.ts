// Goal (issue 12): seeking restores the nearest earlier snapshot and re-simulates only the rest, and gives exactly
// what re-simulating from the start gives — after stepping back, after acting in the past (which replaces the
// future: no snapshot of the old future is ever used), when jumping forward over recorded ground, and for a shared link.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../engine/index';
import { builtIn, scenario } from '../testing/load-scenario';
import { RunRecorder, type SnapshotPolicy } from './run-recorder';

/** Snapshots by events processed rather than wall time, so where they fall is the same on every machine. */
function denseSnapshots(everyEvents: number): (run: RunRecorder) => SnapshotPolicy {
  return (run) => ({ workClock: () => run.sim.eventCount, minSpacing: everyEvents, maxBytes: Infinity, keepShardCodes: true });
}

/** No snapshots at all: every step back re-simulates from the start (the reference). */
const NONE: SnapshotPolicy = { workClock: () => 0, minSpacing: Infinity, maxBytes: Infinity };

function withSnapshots(everyEvents: number, id = 'rehome-worked-example', seed = 1): RunRecorder {
  const run: RunRecorder = new RunRecorder(builtIn(id), seed, { snapshots: (r) => denseSnapshots(everyEvents)(r) });
  return run;
}
const reference = (id = 'rehome-worked-example', seed = 1) => new RunRecorder(builtIn(id), seed, { snapshots: () => NONE });

/** What the learner sees of a run: the engine's whole state and log, its shard codes, and the recorder's commands and chart. */
function seen(run: RunRecorder): Record<string, string> {
  return {
    position: `${run.sim.timeMs} ms, ${run.sim.eventCount} events, digest ${run.sim.digest()}`,
    state: JSON.stringify(run.sim.getState()),
    trace: JSON.stringify(run.sim.getTrace(0)),
    window: JSON.stringify(run.sim.getTraceWindow()),
    commands: JSON.stringify(run.commands),
    futureCommands: String(run.futureCommands),
    history: JSON.stringify(run.history),
    // The placement view's codes as a frame reads them: kept from frame to frame and carried by snapshots.
    shardCodes: run.sim.getShardStateCodes().join(','),
  };
}

/** Equal in every part; a difference is reported by part, around its first differing character (the parts are long). */
function expectSame(run: RunRecorder, ref: RunRecorder): void {
  const a = seen(run);
  const b = seen(ref);
  for (const key of Object.keys(a)) {
    if (a[key] === b[key]) continue;
    let i = 0;
    while (a[key][i] === b[key][i]) i++;
    const around = (text: string) => text.slice(Math.max(0, i - 120), i + 120);
    expect.fail(`${key} differs (at ${b.position}):\n  with snapshots: …${around(a[key])}…\n  from the start: …${around(b[key])}…`);
  }
}

type Op =
  | { kind: 'advanceTo'; ms: number }
  | { kind: 'rewindToTime'; ms: number }
  | { kind: 'stepBack'; events: number }
  | { kind: 'forwardEvents'; events: number }
  | { kind: 'dispatch'; command: Command }
  | { kind: 'runUntil'; target: 'healthy' | 'idle' };

function apply(run: RunRecorder, op: Op): void {
  switch (op.kind) {
    case 'advanceTo':
      if (op.ms >= run.sim.timeMs) run.advanceTo(op.ms);
      else run.rewindToTime(op.ms);
      return;
    case 'rewindToTime':
      run.rewindToTime(Math.min(op.ms, run.sim.timeMs));
      return;
    case 'stepBack':
      run.rewindToEvent(Math.max(0, run.sim.eventCount - op.events));
      return;
    case 'forwardEvents':
      run.forwardToEvent(run.sim.eventCount + op.events);
      return;
    case 'dispatch':
      try {
        run.dispatch(op.command);
      } catch {
        // refused now (a node already down): nothing changed, as in the console
      }
      return;
    case 'runUntil':
      run.runUntil(op.target, run.sim.timeMs + 120_000);
      return;
  }
}

const nodeId = fc.constantFrom('n1', 'n2', 'n3', 'n4', 'n5', 'n6');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 150_000 }).map((ms): Op => ({ kind: 'advanceTo', ms })) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 150_000 }).map((ms): Op => ({ kind: 'rewindToTime', ms })) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 3_000 }).map((events): Op => ({ kind: 'stepBack', events })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3_000 }).map((events): Op => ({ kind: 'forwardEvents', events })) },
  { weight: 1, arbitrary: fc.constantFrom<Op>({ kind: 'runUntil', target: 'healthy' }, { kind: 'runUntil', target: 'idle' }) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(nodeId, fc.constantFrom('crash', 'power', 'restart', 'cut'))
      .map(([node, what]): Op => ({
        kind: 'dispatch',
        command:
          what === 'restart'
            ? { type: 'node.restart', node }
            : what === 'cut'
              ? { type: 'link.cut', a: node, b: 'cp' }
              : { type: 'node.crash', node, kind: what === 'power' ? 'power' : 'process' },
      })),
  },
);

describe('seeking from snapshots is exact (issue 12)', () => {
  it('any sequence of seeks, steps back and commands gives what re-simulating from the start gives', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 10 }), fc.integer({ min: 50, max: 2_000 }), (ops, every) => {
        const run = withSnapshots(every);
        const ref = reference();
        for (const op of ops) {
          apply(run, op);
          apply(ref, op);
          expectSame(run, ref);
        }
        if (run.sim.timeMs > 0) expect(run.snapshotCount).toBeGreaterThan(0);
      }),
      { numRuns: 12, seed: 7, endOnFailure: true },
    );
  }, 180_000);

  it('seeking by time back and forth also gives the same chart, sample for sample', () => {
    const run = withSnapshots(300);
    const ref = reference();
    for (const ms of [120_000, 30_000, 90_000, 10_000, 119_000, 0, 60_000]) {
      apply(run, { kind: 'advanceTo', ms });
      apply(ref, { kind: 'advanceTo', ms });
      expectSame(run, ref);
    }
  }, 60_000);

  it('acting in the past replaces the future: a jump forward never lands on a snapshot of the old future', () => {
    const run = withSnapshots(200);
    const ref = reference();
    for (const op of [
      { kind: 'advanceTo', ms: 90_000 },
      { kind: 'advanceTo', ms: 20_000 },
      { kind: 'dispatch', command: { type: 'node.crash', node: 'n1' } },
      { kind: 'advanceTo', ms: 80_000 },
    ] satisfies Op[]) {
      apply(run, op);
      apply(ref, op);
    }
    expectSame(run, ref);
    const n1 = run.sim.getState().nodes.find((n) => n.id === 'n1');
    expect(n1?.lifecycle).toBe('crashed');
  }, 60_000);

  it('after a step back, going forward over recorded ground restores a snapshot ahead instead of re-simulating it all', () => {
    const run = withSnapshots(200);
    run.advanceTo(100_000);
    const snapshots = run.snapshotCount;
    run.rewindToTime(5_000);
    run.advanceTo(95_000);
    const ref = reference();
    ref.advanceTo(95_000);
    expectSame(run, ref);
    expect(run.snapshotCount).toBe(snapshots); // the recorded ground was reused, not snapshotted again
    expect(run.restoredFromSnapshots).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('a shared link (commands, event count, time) rebuilds the same moment, and seeks from there are exact', () => {
    const source = withSnapshots(300);
    source.advanceTo(8_000);
    source.dispatch({ type: 'node.crash', node: 'n5', kind: 'power' });
    source.advanceTo(30_000);
    source.dispatch({ type: 'node.restart', node: 'n5' });
    source.advanceTo(70_000);
    const shared = { commands: source.commands, eventCount: source.sim.eventCount, timeMs: source.sim.timeMs };

    const opened = withSnapshots(300);
    opened.restore(shared.commands, shared.eventCount, shared.timeMs);
    const ref = reference();
    ref.restore(shared.commands, shared.eventCount, shared.timeMs);
    expectSame(opened, ref);
    for (const ms of [12_000, 50_000, 29_000]) {
      apply(opened, { kind: 'advanceTo', ms });
      apply(ref, { kind: 'advanceTo', ms });
      expectSame(opened, ref);
    }
  }, 60_000);

  it('a power loss and its log replay between two snapshots replays the same after a seek back', () => {
    const run = withSnapshots(150, 'power-loss-torn-tail');
    const ref = reference('power-loss-torn-tail');
    for (const op of [
      { kind: 'advanceTo', ms: 40_000 },
      { kind: 'advanceTo', ms: 8_500 },
      { kind: 'stepBack', events: 7 },
      { kind: 'forwardEvents', events: 40 },
      { kind: 'dispatch', command: { type: 'node.crash', node: 'n1', kind: 'power' } },
      { kind: 'advanceTo', ms: 30_000 },
      { kind: 'advanceTo', ms: 12_000 },
    ] satisfies Op[]) {
      apply(run, op);
      apply(ref, op);
      expectSame(run, ref);
    }
  }, 60_000);
});

describe('snapshot memory is bounded (issue 12)', () => {
  it('a long run thins its snapshots instead of keeping one per spacing for ever', () => {
    const small = scenario({ id: 'long', nodes: 3, shards: 3, shardSizeBytes: 4 * 1024 * 1024 });
    const run = new RunRecorder(small, 1, { snapshots: (r) => ({ workClock: () => r.sim.eventCount, minSpacing: 20, maxBytes: 8 * 1024 * 1024 }) });
    run.advanceTo(3_600_000); // the trace window fills: later snapshots hold ~50,000 entries
    expect(run.snapshotBytes).toBeLessThanOrEqual(8 * 1024 * 1024);
    // As many as fit stay, one dropped at a time (18 here), not every other one at each overflow (10): a seek
    // re-simulates half as far. And the start and the newest stay.
    expect(run.snapshotCount).toBeGreaterThanOrEqual(15);
    expect(run.snapshotEstimates().length).toBe(run.snapshotCount);
    // Still exact after dropping.
    run.rewindToTime(1_234_567);
    const ref = new RunRecorder(small, 1, { snapshots: () => NONE });
    ref.advanceTo(1_234_567);
    expect(run.sim.digest()).toBe(ref.sim.digest());
  }, 60_000);

  it('a run whose snapshots never fit beside the start stops taking them, instead of one every spacing', () => {
    const worked = builtIn('rehome-worked-example');
    // A cap that holds the start and nothing more: each new snapshot is dropped as soon as it is taken.
    const run = new RunRecorder(worked, 1, { snapshots: (r) => ({ workClock: () => r.sim.eventCount, minSpacing: 300, maxBytes: 600_000 }) });
    let taken = 0;
    const take = (run as unknown as { takeSnapshot(): void }).takeSnapshot;
    (run as unknown as { takeSnapshot(): void }).takeSnapshot = function (this: RunRecorder) {
      taken++;
      take.call(this);
    };
    run.advanceTo(600_000); // 8,035 events: one spacing is 300 of them
    expect(run.snapshotCount).toBe(1);
    // The spacing doubles past each one dropped: a handful, not one every 300 events (27 before).
    expect(taken).toBeLessThanOrEqual(8);
  }, 60_000);
});
