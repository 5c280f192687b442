// Goal: the what-if preview and the narration of lost primaries speak of what the scenario is about.
// The worked example has no clients: crashing n3 costs 200 shards a copy, and nobody's writes stop.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../index';
import { builtIn, scenario } from '../../testing/load-scenario';

function at(sim: Simulation, ms: number): Simulation {
  sim.runUntil((s) => s.timeMs >= ms, { maxMs: ms });
  return sim;
}

describe('whatIf: both effects of a fault, before it happens', () => {
  it('worked example, crash n3: 200 shards would lose a copy, none drop to one copy; 66 primaries go with it', () => {
    const sim = at(createSimulation({ scenario: builtIn('rehome-worked-example') }), 1_000);
    const before = sim.getTrace().length;
    const report = sim.whatIf({ type: 'node.crash', node: 'n3' });
    expect(report.loseCopy).toHaveLength(200);
    expect(report.lastCopy).toEqual([]);
    expect(report.lost).toEqual([]);
    expect(report.stopWrites).toHaveLength(66);
    // The old call still answers the writes half, and asking changes nothing.
    expect(sim.shardsHitBy({ type: 'node.crash', node: 'n3' })).toEqual(report.stopWrites);
    expect(sim.getTrace()).toHaveLength(before);
    expect(sim.getState().nodes.find((n) => n.id === 'n3')?.up).toBe(true);
  });

  it('a second crash names the shards that would be down to their last copy, a third those it would lose', () => {
    const sim = createSimulation({
      scenario: scenario({ id: 'three', nodes: 4, shards: 4, placement: { s001: ['n1', 'n2', 'n3'], s002: ['n1', 'n2', 'n4'] } }),
    });
    sim.dispatch({ type: 'node.crash', node: 'n1' });
    const second = sim.whatIf({ type: 'node.crash', node: 'n2' });
    expect(second.loseCopy).toEqual(expect.arrayContaining(['s001', 's002']));
    expect(second.lastCopy).toEqual(expect.arrayContaining(['s001', 's002']));
    expect(second.lost).toEqual([]);
    sim.dispatch({ type: 'node.crash', node: 'n2' });
    const third = sim.whatIf({ type: 'node.crash', node: 'n3' });
    expect(third.lost).toContain('s001');
    expect(third.lost).not.toContain('s002');
    expect(third.lastCopy).not.toContain('s001');
  });

  it('a cut that leaves every copy in reach but splits a primary from its voters only stops writes', () => {
    const sim = createSimulation({
      scenario: scenario({ id: 'pair', nodes: 2, shards: 1, placement: { s001: ['n1', 'n2'] }, replicationFactor: 2 }),
    });
    const report = sim.whatIf({ type: 'link.cut', a: 'n1', b: 'n2' });
    expect(report.loseCopy).toEqual([]);
    expect(report.stopWrites).toEqual(['s001']);
  });
});

describe('primaries lost: writes are named only when clients write', () => {
  it('with no workload the summary says the shards have no primary and an election follows, not that writes stop', () => {
    const sim = at(createSimulation({ scenario: builtIn('rehome-worked-example') }), 20_000);
    const lost = sim.getTrace().filter((e) => e.kind === 'quorum.summary' && e.data.of === 'primary.lost');
    expect(lost).toHaveLength(1);
    expect(lost[0].text).toMatch(/66 shards have no primary/);
    expect(lost[0].text).toMatch(/an election follows for each/);
    expect(lost[0].text).not.toMatch(/[Ww]rites/);
    for (const e of sim.getTrace().filter((x) => x.kind === 'primary.lost')) expect(e.text).not.toMatch(/[Ww]rites/);
  });

  it('with clients writing it still says writes stop', () => {
    const sim = at(createSimulation({ scenario: builtIn('primary-failover-rf3') }), 20_000);
    const lost = sim.getTrace().find((e) => e.kind === 'quorum.summary' && e.data.of === 'primary.lost');
    expect(lost?.text).toMatch(/Writes to them stop until elections end/);
  });
});
