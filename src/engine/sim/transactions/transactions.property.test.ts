// Goal (issue 14, design recovery-repair.md §9, §11.6 invariant 13, §16.2): with transactions in the workload and
// transactions left in progress, prepared or aborting, random process and power crashes — some landing while a
// restart undoes losers — keep every invariant after every step, under redo-only and under ARIES; no change is ever
// undone twice; the same seed gives the same digest.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation, type Command, type Simulation } from '../../index';
import { scenario } from '../../../testing/load-scenario';
import { checkInvariants } from '../../model/invariants';
import type { World } from '../world';

function worldOf(sim: Simulation): World {
  return (sim as unknown as { w: World }).w;
}

const stepArb = fc.oneof(
  fc.record({ kind: fc.constant('txn' as const), shard: fc.integer({ min: 1, max: 4 }), writes: fc.integer({ min: 1, max: 4 }), end: fc.constantFrom('commit', 'abort', 'none', 'prepare') }),
  fc.record({ kind: fc.constant('crash' as const), node: fc.integer({ min: 1, max: 4 }), power: fc.boolean() }),
  fc.record({ kind: fc.constant('restart' as const), node: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('checkpoint' as const), node: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 800 }) }),
);
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

function makeSim(seed: number, aries: boolean): Simulation {
  return createSimulation({
    scenario: scenario({
      id: 'txn-sweep',
      seed,
      nodes: 4,
      shards: 4,
      replicationFactor: 3,
      shardSizeBytes: 4194304,
      workload: { writesPerSec: 20, txn: { fraction: 0.3, writesPerTxn: 2, abortFraction: 0.3, twoPhaseFraction: 0.2 } },
      params: aries ? { bufferPolicy: 'steal', recoveryAlgorithm: 'aries', checkpointIntervalMs: 2000 } : { checkpointIntervalMs: 2000 },
    }),
  });
}

/** Every event, then the invariants: the first violation is returned with the time it appeared. */
function runChecked(sim: Simulation, ms: number): string | null {
  const w = worldOf(sim);
  const until = w.nowMs + ms;
  while ((w.queue.peek()?.timeMs ?? Infinity) <= until) {
    if (!sim.step()) break;
    const bad = checkInvariants(w);
    if (bad.length > 0) return `at ${w.nowMs} ms: ${bad[0].invariant}: ${bad[0].detail}`;
  }
  sim.advanceBy(Math.max(0, until - w.nowMs));
  return null;
}

function tryDispatch(sim: Simulation, command: Command): void {
  try {
    sim.dispatch(command);
  } catch {
    // Refused (a node not running, a shard not writable): the schedule goes on.
  }
}

function play(sim: Simulation, steps: Step[]): string | null {
  for (const s of steps) {
    if (s.kind === 'txn') tryDispatch(sim, { type: 'txn.run', shard: `s00${s.shard}`, writes: s.writes, end: s.end as 'commit' });
    else if (s.kind === 'crash') tryDispatch(sim, { type: 'node.crash', node: `n${s.node}`, kind: s.power ? 'power' : 'process' });
    else if (s.kind === 'restart') tryDispatch(sim, { type: 'node.restart', node: `n${s.node}` });
    else if (s.kind === 'checkpoint') tryDispatch(sim, { type: 'node.checkpoint', node: `n${s.node}` });
    const bad = runChecked(sim, s.kind === 'wait' ? s.ms : 3);
    if (bad) return bad;
  }
  for (let n = 1; n <= 4; n++) tryDispatch(sim, { type: 'node.restart', node: `n${n}` });
  return runChecked(sim, 20_000);
}

describe('transactions under random crashes (invariant 13 and the recovery invariants)', () => {
  it('every invariant holds after every step; nothing is undone twice', () => {
    let restarts = 0;
    let clrs = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), fc.array(stepArb, { minLength: 3, maxLength: 14 }), (seed, aries, steps) => {
        const sim = makeSim(seed, aries);
        sim.advanceBy(500);
        expect(play(sim, steps)).toBeNull();
        const w = worldOf(sim);
        expect(w.transactions.undoneTwice).toEqual([]);
        restarts += w.transactions.restarts.size;
        clrs += sim.getMetrics().clrWritten;
      }),
      { numRuns: 60, seed: 1414 },
    );
    // The sweep reached restarts with transactions in the log, and ARIES undo.
    expect(restarts).toBeGreaterThan(10);
    expect(clrs).toBeGreaterThan(10);
  }, 120_000);

  it('the same seed and commands give the same digest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(stepArb, { minLength: 1, maxLength: 8 }), (seed, steps) => {
        const a = makeSim(seed, true);
        const b = makeSim(seed, true);
        play(a, steps);
        play(b, steps);
        expect(a.digest()).toBe(b.digest());
      }),
      { numRuns: 8, seed: 2424 },
    );
  }, 60_000);
});
