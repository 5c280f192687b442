// Goal (issue 12, seeks at 100,000 shards): the half-second trend samples a seek takes while it re-simulates leave
// out the one metric that reads every shard's write quorum (shardsNotWritable), and still hold exactly what the full
// metrics say.
import { describe, expect, it, vi } from 'vitest';
import { builtIn } from '../testing/load-scenario';
import { RunRecorder } from './run-recorder';

describe('the run recorder’s trend samples (issue 12)', () => {
  it('re-simulating through a node loss never asks for the count of shards refusing writes', () => {
    const scenario = builtIn('fleet-100-nodes');
    const run = new RunRecorder(scenario, scenario.seed);
    const asked = vi.spyOn(run.sim, 'getMetrics');
    run.advanceTo(30_000);
    expect(asked.mock.calls.length).toBeGreaterThanOrEqual(59);
    expect(asked.mock.calls.filter((args) => args[0]?.shardsNotWritable !== false)).toEqual([]);
  }, 60_000);

  it('holds what the full metrics say', () => {
    const scenario = builtIn('fleet-100-nodes');
    const run = new RunRecorder(scenario, scenario.seed);
    run.advanceTo(30_000);
    const full = run.sim.getMetrics();
    const { shardsNotWritable, ...rest } = full;
    // n3 is down: some of its shards wait for a new primary or a quorum.
    expect(shardsNotWritable).toBeGreaterThanOrEqual(0);
    expect(run.sim.getMetrics({ shardsNotWritable: false })).toEqual(rest);
    const last = run.history[run.history.length - 1];
    expect(last.underReplicated).toBe(full.underReplicatedShards);
    expect(last.lost).toBe(full.lostShards);
  }, 60_000);
});
