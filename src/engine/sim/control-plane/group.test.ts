// Goal: a 3-member control plane loses its leader and takes over step by step (design recovery-repair.md §8.3).
import { describe, expect, it } from 'vitest';
import { createSimulation, type TraceEntry } from '../../index';
import { scenario } from '../../../testing/load-scenario';

const group = (extra: Record<string, unknown> = {}) =>
  scenario({ id: 'cp-group', nodes: 6, racks: 3, shards: 30, controlPlane: { members: 3, journal: true, standby: 'hot' }, ...extra });

const kinds = (trace: TraceEntry[]) => trace.map((e) => e.kind);
const CP_STEPS = ['cp.leaderLost', 'cp.electionStarted', 'cp.elected', 'cp.noopCommitted', 'cp.journalReplayed', 'cp.stateValidated', 'monitor.restarted'];

describe('control-plane group', () => {
  it('starts with cp1 leading term 1, members in racks r1..r3', () => {
    const sim = createSimulation({ scenario: group() });
    const view = sim.getControlPlaneView();
    expect(view.leader).toBe('cp1');
    expect(view.term).toBe(1);
    expect(view.members.map((m) => [m.id, m.role])).toEqual([
      ['cp1', 'leader'],
      ['cp2', 'follower'],
      ['cp3', 'follower'],
    ]);
  });

  it('with one member the view is one "cp" and cp.crash is refused by name', () => {
    const sim = createSimulation({ scenario: scenario({ id: 'one', nodes: 3, shards: 3 }) });
    expect(sim.getControlPlaneView().members.map((m) => m.id)).toEqual(['cp']);
    expect(() => sim.dispatch({ type: 'cp.crash', member: 'cp1' })).toThrow(/one member \("cp"\)/);
  });

  it('refuses an unknown member and a member already down or running', () => {
    const sim = createSimulation({ scenario: group() });
    expect(() => sim.dispatch({ type: 'cp.crash', member: 'cp9' })).toThrow(/unknown control-plane member "cp9"/);
    expect(() => sim.dispatch({ type: 'cp.restart', member: 'cp2' })).toThrow(/cp2 is running/);
    sim.dispatch({ type: 'cp.crash', member: 'cp2' });
    expect(() => sim.dispatch({ type: 'cp.crash', member: 'cp2' })).toThrow(/cp2 is already down/);
  });

  it('a leader crash walks §8.3 step by step, and a new leader holds term 2', () => {
    const sim = createSimulation({ scenario: group() });
    sim.advanceBy(2000);
    sim.dispatch({ type: 'cp.crash', member: 'cp1' });
    sim.advanceBy(5000);
    const steps = kinds(sim.getTrace()).filter((k) => CP_STEPS.includes(k));
    expect(steps).toEqual(CP_STEPS);
    const view = sim.getControlPlaneView();
    expect(['cp2', 'cp3']).toContain(view.leader);
    expect(view.term).toBe(2);
    expect(view.members.find((m) => m.id === 'cp1')!.role).toBe('down');
    expect(view.failover!.steps.map((s) => s.step)).toEqual(['leaderLost', 'electionStarted', 'elected', 'noopCommitted', 'journalReplayed', 'stateValidated', 'monitorRestarted']);
    const m = sim.getMetrics();
    expect(m.cpLeaderChanges).toBe(1);
    // A follower stands after a timeout in [1000, 2000] ms, and the votes take a round trip.
    expect(m.cpLeaderlessMs).toBeGreaterThanOrEqual(1000);
    expect(m.cpLeaderlessMs).toBeLessThanOrEqual(2010);
    expect(sim.checkInvariants()).toEqual([]);
  });

  it('draws each election timeout from its own stream: the same seed gives the same trace', () => {
    const run = () => {
      const sim = createSimulation({ scenario: group() });
      sim.advanceBy(2000);
      sim.dispatch({ type: 'cp.crash', member: 'cp1' });
      sim.advanceBy(5000);
      return sim.digest();
    };
    expect(run()).toBe(run());
  });

  it('a restarted old leader rejoins as a follower; two leaders never share a term', () => {
    const sim = createSimulation({ scenario: group() });
    sim.advanceBy(2000);
    sim.dispatch({ type: 'cp.crash', member: 'cp1' });
    sim.advanceBy(5000);
    sim.dispatch({ type: 'cp.restart', member: 'cp1' });
    sim.advanceBy(1000);
    const view = sim.getControlPlaneView();
    expect(view.members.find((m) => m.id === 'cp1')!.role).toBe('follower');
    expect(view.members.find((m) => m.id === 'cp1')!.term).toBe(2);
    expect(sim.checkInvariants()).toEqual([]);
  });

  it('nobody is declared DEAD while there is no leader, nor before a full deadAfterMs under the new one', () => {
    const sim = createSimulation({ scenario: group() });
    sim.advanceBy(2000);
    sim.dispatch({ type: 'node.crash', node: 'n4' });
    // n4 would be declared DEAD at about 12 s; the leader dies at 11 s.
    sim.advanceBy(9000);
    sim.dispatch({ type: 'cp.crash', member: 'cp1' });
    sim.advanceBy(20000);
    const trace = sim.getTrace();
    const restarted = trace.find((e) => e.kind === 'monitor.restarted')!;
    const dead = trace.find((e) => e.kind === 'node.declaredDead' && e.data.node === 'n4')!;
    expect(restarted).toBeDefined();
    expect(dead.timeMs).toBeGreaterThanOrEqual(restarted.timeMs + 10000);
  });

  it('a link cut to "cp" cuts every member, and one to a member only that member', () => {
    const sim = createSimulation({ scenario: group() });
    sim.dispatch({ type: 'link.cut', a: 'cp', b: 'n4' });
    expect(sim.getState().cuts.length).toBe(6);
    sim.dispatch({ type: 'link.heal', a: 'cp', b: 'n4' });
    sim.dispatch({ type: 'link.cut', a: 'cp2', b: 'n4' });
    expect(sim.getState().cuts.length).toBe(2);
  });
});

describe('shard elections wait for a control-plane leader', () => {
  it('a primary election due while there is no leader stalls, and the new leader holds it', () => {
    const sim = createSimulation({
      scenario: scenario({
        id: 'cp-elections',
        nodes: 6,
        racks: 6,
        shards: 60,
        controlPlane: { members: 3, journal: true, standby: 'hot' },
        timeline: [
          { atMs: 5000, command: { type: 'node.crash', node: 'n3' } },
          // n3 is declared DEAD at about 14.5 s; its shards' elections are due 1.5 s later.
          { atMs: 15000, command: { type: 'cp.crash', member: 'cp1' } },
        ],
      }),
    });
    sim.advanceBy(25_000);
    const trace = sim.getTrace();
    const stalled = trace.find((e) => e.kind === 'primary.electionStalled' || (e.kind === 'quorum.summary' && /no control-plane leader/.test(e.text)));
    expect(stalled?.text).toMatch(/no control-plane leader/);
    const restarted = trace.find((e) => e.kind === 'monitor.restarted')!;
    expect(stalled!.timeMs).toBeLessThan(restarted.timeMs);
    expect(sim.getMetrics().shardsWithoutPrimary).toBe(0);
    expect(sim.checkInvariants()).toEqual([]);
  });
});
