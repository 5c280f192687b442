// Goal (issue 12, a fork at 100,000 shards): a fork shares the records that are replaced whole and never changed
// (each machine's last transition, each shard's target choice) instead of copying them one by one, yet a snapshot's
// records still never move with the live run: what the statechart panel and "why this target" read at a moment
// stays what they read there.
import { describe, expect, it } from 'vitest';
import { createConsoleSimulation, type Simulation } from '../index';
import { builtIn } from '../../testing/load-scenario';
import type { World } from './world';

const worldOf = (sim: Simulation): World => (sim as unknown as { w: World }).w;
const records = (sim: Simulation) => {
  const w = worldOf(sim);
  const shardIds = w.shards.map((s) => s.id);
  return JSON.stringify({
    last: shardIds.map((id) => w.machines.lastOf('shard', id)),
    choices: shardIds.map((id) => sim.explainShard(id)),
    explanations: [...w.migrator.explanations],
  });
};

describe('a fork shares records replaced whole, and a snapshot never moves with the live run', () => {
  it('rehome-worked-example: machine records and target choices of a snapshot stay as they were', () => {
    const scenario = builtIn('rehome-worked-example');
    const live = createConsoleSimulation({ scenario, seed: 1 });
    live.advanceBy(30_000); // n3 died at 5 s; re-homing has chosen targets and moved machines
    const snapshot = live.fork();
    expect(worldOf(snapshot).migrator.explanations.size).toBeGreaterThan(0);
    expect(worldOf(snapshot).machines.size).toBeGreaterThan(0);
    const then = records(snapshot);

    live.dispatch({ type: 'node.crash', node: scenario.nodes[1].id });
    live.advanceBy(60_000);
    expect(records(live)).not.toBe(then);
    expect(records(snapshot)).toBe(then);

    // A restore from it goes where a fresh run goes.
    const fresh = createConsoleSimulation({ scenario, seed: 1 });
    fresh.advanceBy(58_000);
    const again = snapshot.fork(live);
    again.advanceBy(28_000);
    expect(records(again)).toBe(records(fresh));
  });
});
