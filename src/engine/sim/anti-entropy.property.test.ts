// Goal (design recovery-repair.md §11.6, §14 exercise 10 "a cut during anti-entropy"): whatever crashes, restarts and
// link cuts land while repair sessions run, every invariant (9 and 11 among them) holds after every step; a session a
// participant left fails and is retried; and once every node is back, a full repair brings the run to `converged`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation, type Command } from '../index';
import { scenario } from '../../testing/load-scenario';

const NODES = ['n1', 'n2', 'n3', 'n4'];

const fault = fc.record({
  atMs: fc.integer({ min: 1_500, max: 12_000 }),
  node: fc.constantFrom(...NODES),
  kind: fc.constantFrom('crash', 'cut'),
  forMs: fc.integer({ min: 200, max: 4_000 }),
});

const plan = fc.record({
  seed: fc.integer({ min: 1, max: 10_000 }),
  exchange: fc.constantFrom('wholeTree', 'levelByLevel'),
  mode: fc.constantFrom('full', 'incremental'),
  repairAt: fc.array(fc.integer({ min: 1_000, max: 11_000 }), { minLength: 1, maxLength: 3 }),
  faults: fc.array(fault, { minLength: 1, maxLength: 4 }),
});

describe('anti-entropy under crashes and cuts (property)', () => {
  it('keeps every invariant after every step, retries failed sessions, and converges after a final full repair', () => {
    let failedSeen = 0;
    fc.assert(
      fc.property(plan, ({ seed, exchange, mode, repairAt, faults }) => {
        const timeline: { atMs: number; command: Command }[] = [];
        for (const at of repairAt) timeline.push({ atMs: at, command: { type: 'repair.run', shard: 'all', mode } as Command });
        const busyUntil = new Map<string, number>();
        for (const f of faults) {
          // One fault per node at a time, so every scheduled command can apply.
          if ((busyUntil.get(f.node) ?? 0) > f.atMs) continue;
          busyUntil.set(f.node, f.atMs + f.forMs + 1);
          if (f.kind === 'crash') {
            timeline.push({ atMs: f.atMs, command: { type: 'node.crash', node: f.node } });
            timeline.push({ atMs: f.atMs + f.forMs, command: { type: 'node.restart', node: f.node } });
          } else {
            timeline.push({ atMs: f.atMs, command: { type: 'link.cut', a: 'n1', b: f.node === 'n1' ? 'n2' : f.node } });
            timeline.push({ atMs: f.atMs + f.forMs, command: { type: 'link.heal', a: 'n1', b: f.node === 'n1' ? 'n2' : f.node } });
          }
        }
        timeline.push({ atMs: 14_000, command: { type: 'workload.set', writesPerSec: 0 } });
        timeline.sort((a, b) => a.atMs - b.atMs);
        const sim = createSimulation({
          scenario: scenario({
            id: 'ae-prop',
            seed,
            nodes: 4,
            shards: 6,
            replicationFactor: 3,
            shardSizeBytes: 4 * 1024 * 1024,
            params: { replication: 'leaderless', merkleMaxDepth: 4, merkleExchange: exchange, hintedHandoff: false, linkLatencyMs: 1 },
            workload: { writesPerSec: 30, readsPerSec: 10 },
            timeline,
          }),
        });
        while (sim.timeMs < 20_000 && sim.nextEventAtMs() !== null) {
          sim.step();
          const problems = sim.checkInvariants();
          if (problems.length > 0) throw new Error(`at ${sim.timeMs} ms: ${JSON.stringify(problems)}`);
        }
        failedSeen += sim.getTrace().filter((e) => e.kind === 'repair.failed').length;
        // Every node is back and every link healed by now; a full repair of everything converges.
        sim.runUntil('idle', { maxMs: 80_000 });
        sim.dispatch({ type: 'repair.run', shard: 'all', mode: 'full' });
        const done = sim.runUntil('converged', { maxMs: 200_000 });
        expect(done.reason).toMatch(/^converged/);
        expect(sim.checkInvariants()).toEqual([]);
      }),
      { numRuns: 25 },
    );
    // The sweep did exercise sessions losing a participant.
    expect(failedSeen).toBeGreaterThan(0);
  }, 60_000);
});
