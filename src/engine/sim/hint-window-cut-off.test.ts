// Goal (issue 13, design recovery-repair.md §7.6): the hint window runs from when a coordinator found a replica
// silent until it sees it alive again. A replica cut off from its coordinator, though cp still hears it, is not
// "seen alive" by that coordinator: its window runs out and the learner reads hint.windowExpired.
import { describe, expect, it } from 'vitest';
import { createSimulation, parseCliCommand, type Command } from '../index';
import { scenario } from '../../testing/load-scenario';

function cli(text: string): Command {
  const parsed = parseCliCommand(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.command;
}

function cutOffSim() {
  return createSimulation({
    scenario: scenario({
      id: 'hint-window-cut-off',
      nodes: 3,
      shards: 1,
      replicationFactor: 3,
      shardSizeBytes: 4194304,
      workload: { writesPerSec: 5, readsPerSec: 0 },
      placement: { s001: ['n1', 'n2', 'n3'] },
      params: { replication: 'leaderless', hintedHandoff: true, maxHintWindowMs: 5000 },
    }),
  });
}

describe('hint window of a replica cut off from its coordinator', () => {
  it('runs out although cp still hears the replica', () => {
    const sim = cutOffSim();
    sim.advanceBy(1_000);
    sim.dispatch(cli('link.cut:n1,n3')); // n1 coordinates s001; cp still hears n3
    sim.advanceBy(10_000);
    expect(sim.getState().nodes.find((n) => n.id === 'n3')?.health).toBe('ACTIVE');
    const expired = sim.getTrace().filter((e) => e.kind === 'hint.windowExpired');
    expect(expired.map((e) => e.text)).toEqual([
      "n3 has been out of its coordinator's reach for 5000 ms, longer than the 5000 ms hint window: writes it misses from now on are not hinted; only repair will bring them.",
    ]);
    expect(sim.getMetrics().hintsExpired).toBeGreaterThan(0);
  });

  it('ends once the coordinator reaches the replica again: its hints are delivered', () => {
    const sim = cutOffSim();
    sim.advanceBy(1_000);
    sim.dispatch(cli('link.cut:n1,n3'));
    sim.advanceBy(3_000);
    sim.dispatch(cli('link.heal:n1,n3'));
    sim.advanceBy(3_000);
    expect(sim.getTrace().filter((e) => e.kind === 'hint.delivered' && e.data.target === 'n3').length).toBeGreaterThan(0);
    expect(sim.getTrace().filter((e) => e.kind === 'hint.windowExpired')).toEqual([]);
  });
});
