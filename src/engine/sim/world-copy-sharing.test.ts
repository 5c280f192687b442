// Goal (issue 12, seeks that do not grow with the run): a snapshot shares every shard row that did not change with
// the snapshot before it, and a restore takes over the dropped live run's unchanged rows, each found by the row's
// index instead of an entry in the copier's map (world-copy.ts). What is shared must never move: a snapshot reads
// the same after the live run goes on, is restored from and acts differently.
import { describe, expect, it } from 'vitest';
import { createConsoleSimulation, forkedBytes, type Simulation } from '../index';
import { builtInScenarioIds } from '../../scenarios/built-in-registry';
import { builtIn } from '../../testing/load-scenario';
import type { World } from './world';

const worldOf = (sim: Simulation): World => (sim as unknown as { w: World }).w;

/** What a learner can read of a moment: its time, digest, every shard and node as the console shows them. */
const moment = (sim: Simulation) => JSON.stringify({ timeMs: sim.timeMs, digest: sim.digest(), state: sim.getState(), metrics: sim.getMetrics() });

describe('a snapshot shares unchanged rows and never moves with the live run (issue 12)', () => {
  it('rehome-worked-example: snapshots and a restore share rows, and read the same after the live run acts', () => {
    const scenario = builtIn('rehome-worked-example');
    const live = createConsoleSimulation({ scenario, seed: 1 });
    live.advanceBy(20_000);
    const first = live.fork();
    live.advanceBy(2_000);
    const second = live.fork(first);
    // Most rows did not change in two seconds: the second snapshot holds them in common with the first.
    const shared = worldOf(second).shards.filter((row, i) => row === worldOf(first).shards[i]).length;
    expect(shared).toBeGreaterThan(worldOf(second).shards.length / 2);
    expect(forkedBytes(second).copied).toBeLessThan(forkedBytes(second).full);
    // No row of a snapshot is the live run's own.
    expect(worldOf(second).shards.some((row, i) => row === worldOf(live).shards[i])).toBe(false);
    const firstThen = moment(first);
    const secondThen = moment(second);

    // The live run goes on and acts; a restore of the second snapshot takes over the live run's unchanged rows and
    // acts otherwise; neither shows in either snapshot.
    live.dispatch({ type: 'node.crash', node: scenario.nodes[1].id });
    live.advanceBy(30_000);
    const restored = second.fork(live);
    expect(restored.digest()).toBe(JSON.parse(secondThen).digest);
    restored.dispatch({ type: 'rack.fail', rack: scenario.nodes[0].rack });
    restored.advanceBy(30_000);
    expect(moment(first)).toBe(firstThen);
    expect(moment(second)).toBe(secondThen);

    // And a restore from the first goes where a fresh run goes.
    const fresh = createConsoleSimulation({ scenario, seed: 1 });
    fresh.advanceBy(40_000);
    const again = first.fork(restored);
    again.advanceBy(20_000);
    expect(moment(again)).toBe(moment(fresh));
  });

  // A row that stands in whole brings its lists, maps and sets with it, entered nowhere else: that is exact only if
  // nothing outside the row points at them (else the copy would hold two objects where the run held one).
  const classroom = builtInScenarioIds().filter((id) => builtIn(id).shards <= 2_000);
  it.each(classroom)("%s: a row's plain lists, maps and sets are referenced by their row alone", (id) => {
    const sim = createConsoleSimulation({ scenario: builtIn(id), seed: 1 });
    for (const atMs of [15_000, 45_000]) {
      sim.advanceBy(atMs - sim.timeMs);
      const w = worldOf(sim);
      const parts = new Map<object, string>();
      for (const [label, rows] of [['shard', w.shards], ['node', w.nodes]] as const) {
        for (const row of rows as unknown as Record<string, unknown>[]) {
          for (const key in row) {
            const part = row[key];
            if (Array.isArray(part) || part instanceof Map || part instanceof Set) {
              expect(parts.get(part), `${label}s ${String(row.id)}.${key} is also another row's`).toBeUndefined();
              parts.set(part, `${label}s ${String(row.id)}.${key}`);
            }
          }
        }
      }
      const outside = referencedOutsideRows(w, parts);
      expect(outside, `${id} at ${atMs} ms`).toEqual([]);
    }
  });
});

/** The row parts also reachable from the world by a path that does not go through their row. */
function referencedOutsideRows(w: World, parts: Map<object, string>): string[] {
  const rows = new Set<object>([...w.shards, ...w.nodes]);
  const seen = new Set<object>();
  const found: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value !== 'object' || value === null || rows.has(value)) return;
    const part = parts.get(value);
    if (part !== undefined) found.push(`${part} <- ${path}`);
    if (seen.has(value)) return;
    seen.add(value);
    if (value === w.scenario || value === w.trace || ArrayBuffer.isView(value)) return;
    if ('_nodes' in value && 'machine' in value) return; // an xstate snapshot: immutable, shared by every copy
    if (value instanceof Map) {
      for (const [key, item] of value) {
        walk(key, `${path}.key`);
        walk(item, `${path}.get()`);
      }
    } else if (value instanceof Set) for (const item of value) walk(item, `${path}.has()`);
    else if (Array.isArray(value)) value.forEach((item) => walk(item, `${path}[]`));
    else for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key], `${path}.${key}`);
  };
  for (const key of Object.keys(w)) if (key !== 'shards' && key !== 'nodes' && key !== 'hooks' && key !== 'timers') walk((w as unknown as Record<string, unknown>)[key], `w.${key}`);
  // A row's fields are walked only for parts pointing into other rows' parts (a row list aliasing another's).
  for (const row of rows) for (const [key, item] of Object.entries(row)) if (!parts.has(item as object)) walk(item, `row.${key}`);
  return found;
}
