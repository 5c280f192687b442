// Goal: the statechart panel shows each machine's real state and the event that last moved it, stepping back included.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../index';
import { builtIn } from '../../testing/load-scenario';

describe('machine instances (listMachines / getMachine)', () => {
  it('follows n1 ACTIVE → SUSPECT → DEAD with the event that moved it, and a re-simulation shows the earlier state', () => {
    const sim = createSimulation({ scenario: builtIn('primary-failover-rf3') });
    const monitor = { kind: 'healthMonitor', id: 'n1' } as const;
    expect(sim.getMachine(monitor)).toMatchObject({ active: ['ACTIVE'], last: null, title: "n1 · health monitor (cp's belief)" });
    sim.advanceBy(8_000);
    expect(sim.getMachine({ kind: 'node', id: 'n1' })).toMatchObject({
      active: ['crashed'],
      last: { from: ['up'], to: ['crashed'], event: 'cmd.node.crash', atMs: 5_000 },
    });
    expect(sim.getMachine(monitor)).toMatchObject({
      active: ['SUSPECT'],
      last: { from: ['ACTIVE'], to: ['SUSPECT'], event: 'silence.suspectThresholdPassed' },
    });
    sim.advanceBy(8_000);
    expect(sim.getMachine(monitor)?.active).toEqual(['DEAD']);
    expect(sim.getMachine(monitor)?.graph.states.map((s) => s.id)).toContain('SUSPECT');

    const again = createSimulation({ scenario: builtIn('primary-failover-rf3') });
    again.advanceBy(8_000);
    expect(again.getMachine(monitor)?.active).toEqual(['SUSPECT']);
  });

  it('lists fm, each node and the affected shards; a healthy shard answers with its initial state and no record', () => {
    const sim = createSimulation({ scenario: builtIn('primary-failover-rf3') });
    expect(sim.listMachines().slice(0, 3)).toEqual([
      { kind: 'failoverManager', id: 'fm' },
      { kind: 'node', id: 'n1' },
      { kind: 'healthMonitor', id: 'n1' },
    ]);
    expect(sim.listMachines().some((r) => r.kind === 'shard')).toBe(false);
    expect(sim.getMachine({ kind: 'shard', id: 's001' })).toMatchObject({ active: ['healthy'], last: null });
    sim.advanceBy(16_000);
    const shards = sim.listMachines().filter((r) => r.kind === 'shard');
    expect(shards).toHaveLength(12);
    expect(sim.getMachine(shards[0])).toMatchObject({ active: ['underReplicated'], last: { event: 'replica.removed', from: ['healthy'] } });
    expect(sim.getMachine({ kind: 'failoverManager', id: 'fm' })?.last).not.toBeNull();
    expect(sim.getMachine({ kind: 'shard', id: 's999' })).toBeNull();
    expect(sim.getMachine({ kind: 'node', id: 'n9' })).toBeNull();
  });
});

describe('copy-job machines in the panel', () => {
  it('lists each copy as s…→n…, shows its phase, and a stalled stream failing after the timeout', () => {
    const sim = createSimulation({ scenario: builtIn('second-failure-during-rebuild') });
    sim.runUntil(() => sim.timeMs >= 20_500, { maxMs: 60_000 });
    const copies = sim.listMachines().filter((r) => r.kind === 'copyJob');
    expect(copies.length).toBeGreaterThan(0);
    for (const ref of copies) expect(ref.id).toMatch(/^s\d{3}→n\d+$/);
    const toN5 = copies.find((r) => r.id.endsWith('→n5') && sim.getMachine(r)?.active[0] === 'snapshotStalled');
    expect(toN5).toBeDefined();
    expect(sim.getMachine(toN5!)).toMatchObject({ last: { to: ['snapshotStalled'], event: 'stream.stalled', atMs: 20_000 } });
    expect(sim.getMachine(toN5!)?.graph.transitions.some((t) => t.delay === 'copyStreamTimeout')).toBe(true);
    sim.runUntil(() => sim.timeMs >= 25_000, { maxMs: 60_000 });
    // Given up at 25 s and re-planned: the copy now goes elsewhere (its id names the new target).
    expect(sim.getMachine(toN5!)).toBeNull();
    // The panel names a delayed transition the way the graph draws it.
    const stalledLast = sim
      .listMachines()
      .filter((r) => r.kind === 'copyJob')
      .map((r) => sim.getMachine(r)?.last?.event);
    expect(stalledLast.some((e) => e?.startsWith('xstate.'))).toBe(false);
    const shard = toN5!.id.split('→')[0];
    const moved = sim.listMachines().find((r) => r.kind === 'copyJob' && r.id.startsWith(`${shard}→`));
    if (moved) expect(sim.getMachine(moved)?.last?.event).toMatch(/copy\.(retargeted|started)/);
  });
});

describe('shard-primary machines in the panel', () => {
  it('n1 crashes: the shards it led go primaryLost → electionPending → appointed, and are listed while so', () => {
    const sim = createSimulation({ scenario: builtIn('primary-failover-rf3') });
    expect(sim.listMachines().some((r) => r.kind === 'shardPrimary')).toBe(false);
    expect(sim.getMachine({ kind: 'shardPrimary', id: 's003' })).toMatchObject({ active: ['leading'], last: null });
    sim.runUntil(() => sim.getTrace().some((e) => e.kind === 'node.declaredDead'), { maxMs: 60_000 });
    const led = sim.listMachines().filter((r) => r.kind === 'shardPrimary').map((r) => r.id);
    expect(led).toEqual(['s003', 's006', 's008', 's011']);
    expect(sim.getMachine({ kind: 'shardPrimary', id: 's003' })).toMatchObject({
      active: ['electionPending'],
      last: { from: ['primaryLost'], to: ['electionPending'], event: 'election.called' },
    });
    sim.advanceBy(1_500);
    expect(sim.getMachine({ kind: 'shardPrimary', id: 's003' })).toMatchObject({
      active: ['appointed'],
      last: { from: ['electing'], to: ['appointed'], event: 'election.won' },
    });
  });
});
