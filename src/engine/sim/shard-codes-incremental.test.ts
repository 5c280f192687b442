// Goal (issue 12, the worker keeping real time at 100,000 shards): the heat map's shard codes are kept up to date from
// what changed since the last frame, not recomputed for every shard, and are still exactly the codes a full pass
// gives — at every moment of every lesson, after learners' commands, and in a fork (a seek's restored run).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommandError, createConsoleSimulation, writeStateOfCode, type Command, type Scenario, type Simulation } from '../index';
import { builtInScenarioIds } from '../../scenarios/built-in-registry';
import { builtIn } from '../../testing/load-scenario';
import { recomputeShardStateCodes, shardCodesRecomputedLastCall } from './shard-codes-view';
import type { World } from './world';

const worldOf = (sim: Simulation): World => (sim as unknown as { w: World }).w;

function expectSameCodes(sim: Simulation, label: string): void {
  const kept = sim.getShardStateCodes();
  const full = recomputeShardStateCodes(worldOf(sim));
  if (kept.length !== full.length) expect(kept.length, label).toBe(full.length);
  for (let i = 0; i < full.length; i++) if (kept[i] !== full[i]) expect(`${label} at ${sim.timeMs} ms, shard ${i}: ${kept[i]}`).toBe(`${full[i]}`);
  // The metric counted from the kept codes: every shard whose write state is not "takes writes".
  const notWritable = full.filter((code) => writeStateOfCode(code) !== 'writable').length;
  expect(sim.getMetrics().shardsNotWritable, `${label} at ${sim.timeMs} ms`).toBe(notWritable);
}

function userCommand(scenario: Scenario): fc.Arbitrary<Command> {
  const node = fc.constantFrom(...scenario.nodes.map((n) => n.id));
  const rack = fc.constantFrom(...scenario.nodes.map((n) => n.rack));
  const shard = fc.integer({ min: 1, max: scenario.shards }).map((i) => `s${String(i).padStart(Math.max(3, String(scenario.shards).length), '0')}`);
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(node, fc.constantFrom('process' as const, 'power' as const)).map(([n, kind]): Command => ({ type: 'node.crash', node: n, kind })) },
    { weight: 4, arbitrary: node.map((n): Command => ({ type: 'node.restart', node: n })) },
    { weight: 1, arbitrary: rack.map((r): Command => ({ type: 'rack.fail', rack: r, kind: 'power' })) },
    { weight: 1, arbitrary: fc.tuple(node, fc.constantFrom('tail' as const, 'middle' as const)).map(([n, at]): Command => ({ type: 'wal.corrupt', node: n, at })) },
    { weight: 1, arbitrary: fc.tuple(node, shard).map(([n, s]): Command => ({ type: 'replica.corrupt', node: n, shard: s, keys: 1 })) },
    { weight: 1, arbitrary: fc.tuple(node, fc.constant('cp')).map(([a, b]): Command => ({ type: 'link.cut', a, b })) },
    { weight: 1, arbitrary: fc.constant<Command>({ type: 'network.heal' }) },
  );
}

describe('shard codes kept from what changed (issue 12)', () => {
  const classroom = builtInScenarioIds().filter((id) => builtIn(id).shards <= 2_000);
  for (const id of classroom) {
    it(`${id}: equal to a full pass after every frame, with a learner's commands and across a fork`, () => {
      const scenario = builtIn(id);
      fc.assert(
        fc.property(
          fc.array(fc.record({ atMs: fc.integer({ min: 1, max: 40_000 }), command: userCommand(scenario) }), { maxLength: 4 }),
          fc.integer({ min: 5_000, max: 40_000 }),
          (commands, forkAtMs) => {
            const sorted = [...commands].sort((a, b) => a.atMs - b.atMs);
            let sim = createConsoleSimulation({ scenario, seed: scenario.seed });
            let next = 0;
            for (let t = 0; t <= 60_000; t += 250) {
              sim.advanceBy(t - sim.timeMs);
              while (next < sorted.length && sorted[next].atMs <= t) {
                try {
                  sim.dispatch(sorted[next].command);
                } catch (error) {
                  if (!(error instanceof CommandError)) throw error;
                }
                next++;
              }
              expectSameCodes(sim, id);
              // A seek's restore: the run goes on in a copy, whose codes start from its own world.
              if (t === Math.floor(forkAtMs / 250) * 250) sim = sim.fork();
            }
          },
        ),
        { numRuns: 3, seed: 12 },
      );
    }, 120_000);
  }

  it('fleet-100-nodes: equal to a full pass through the crash, the rack failure and the re-homing', () => {
    const scenario = builtIn('fleet-100-nodes');
    const sim = createConsoleSimulation({ scenario, seed: scenario.seed });
    for (let t = 0; t <= 90_000; t += 500) {
      sim.advanceBy(t - sim.timeMs);
      expectSameCodes(sim, 'fleet-100-nodes');
    }
  }, 120_000);

  it('a frame with a few writes re-derives a few shards, not all 10,000', () => {
    const scenario = builtIn('fleet-100-nodes');
    const sim = createConsoleSimulation({ scenario, seed: scenario.seed });
    sim.advanceBy(1_000);
    sim.getShardStateCodes();
    expect(shardCodesRecomputedLastCall(worldOf(sim))).toBe(10_000);
    sim.advanceBy(100);
    sim.getShardStateCodes();
    expect(shardCodesRecomputedLastCall(worldOf(sim))).toBeLessThan(200);
  });

  it('the first frame after a seek’s restore (a fork) re-derives what changed since, not all 10,000', () => {
    const scenario = builtIn('fleet-100-nodes');
    const sim = createConsoleSimulation({ scenario, seed: scenario.seed });
    sim.advanceBy(20_000);
    sim.getShardStateCodes();
    const restored = sim.fork();
    restored.advanceBy(100);
    restored.getShardStateCodes();
    expect(shardCodesRecomputedLastCall(worldOf(restored))).toBeLessThan(200);
    expectSameCodes(restored, 'the fork');
  }, 60_000);

  it('a snapshot keeps its codes compactly, and a run restored from it still re-derives only what changed', () => {
    const scenario = builtIn('fleet-100-nodes');
    const sim = createConsoleSimulation({ scenario, seed: scenario.seed });
    sim.advanceBy(20_000);
    sim.getShardStateCodes();
    const snapshot = sim.fork(undefined, 'snapshot');
    // The live run goes on; a restore from the snapshot takes over its unchanged rows and reads the snapshot's codes.
    sim.dispatch({ type: 'node.crash', node: scenario.nodes[7].id });
    sim.advanceBy(5_000);
    const restored = snapshot.fork(sim);
    restored.advanceBy(100);
    // The first frame after the restore: only what changed in those 100 ms is derived again.
    restored.getShardStateCodes();
    expect(shardCodesRecomputedLastCall(worldOf(restored))).toBeLessThan(200);
    expectSameCodes(restored, 'the restored run');
    snapshot.advanceBy(100);
    expectSameCodes(snapshot, 'the snapshot run anyway');
  }, 60_000);

  it('a node going down re-derives the shards that name it, not all 10,000', () => {
    const scenario = builtIn('fleet-100-nodes');
    const sim = createConsoleSimulation({ scenario, seed: scenario.seed });
    sim.advanceBy(60_000);
    sim.getShardStateCodes();
    sim.dispatch({ type: 'node.crash', node: 'n40' });
    sim.getShardStateCodes();
    // n40 holds ~300 copies; a seek's first frame into a rack's failure at 1,000 nodes pays this, not 100,000.
    expect(shardCodesRecomputedLastCall(worldOf(sim))).toBeLessThan(1_000);
    expectSameCodes(sim, 'after n40 went down');
    sim.dispatch({ type: 'node.restart', node: 'n40' });
    sim.advanceBy(250);
    expectSameCodes(sim, 'after n40 came back');
  }, 60_000);

  it('a snapshot run anyway, and every fork of it, give the codes of where it has run to', () => {
    // Re-homing under way when the snapshot is taken; it goes on while the snapshot runs, and no node goes up or down.
    const scenario = builtIn('rehome-worked-example');
    const sim = createConsoleSimulation({ scenario, seed: scenario.seed });
    sim.advanceBy(5_000);
    sim.dispatch({ type: 'node.crash', node: scenario.nodes[3].id });
    sim.advanceBy(15_000);
    sim.getShardStateCodes();
    const snapshot = sim.fork(undefined, 'snapshot');
    snapshot.advanceBy(40_000);
    expectSameCodes(snapshot, 'the snapshot run anyway');
    expectSameCodes(snapshot.fork(), 'a fork of it');
    expectSameCodes(snapshot.fork(undefined, 'snapshot').fork(), 'a fork of a snapshot of it');
  });
});
