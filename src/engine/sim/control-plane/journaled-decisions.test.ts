// Goal: a two-phase commit's decision goes through the cp journal (design recovery-repair.md §9.3): it takes effect
// once a majority of members hold `txn.decided`; a new leader resolves in-doubt participants from its journal, and
// presumes abort only when the journal has no decision.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../index';
import { scenario } from '../../../testing/load-scenario';

const twoPhase = () =>
  scenario({
    id: 'cp-2pc',
    nodes: 3,
    shards: 2,
    replicationFactor: 3,
    shardSizeBytes: 4 * 1024 * 1024,
    workload: { writesPerSec: 2, txn: { fraction: 1, writesPerTxn: 2, twoPhaseFraction: 1 } },
    controlPlane: { members: 3, journal: true, standby: 'hot' },
  });

const appendedDecision = (sim: Simulation) => sim.getTrace().find((e) => e.kind === 'cp.journalAppended' && e.data.entry === 'txn.decided');

function checked(sim: Simulation, ms: number): string[] {
  const until = sim.timeMs + ms;
  const problems: string[] = [];
  sim.runUntil(
    () => {
      for (const v of sim.checkInvariants()) problems.push(`${v.invariant}: ${v.detail}`);
      return sim.timeMs >= until || problems.length > 5;
    },
    { maxMs: ms },
  );
  return problems;
}

describe('two-phase decisions in the cp journal', () => {
  it('the coordinator decides through the journal: participants log the outcome only once txn.decided is committed', () => {
    const sim = createSimulation({ scenario: twoPhase() });
    sim.advanceBy(3000);
    const trace = sim.getTrace();
    const decided = trace.filter((e) => e.kind === 'cp.journalCommitted' && e.data.entry === 'txn.decided');
    expect(decided.length).toBeGreaterThan(0);
    const first = sim.getTransactions()[0];
    expect(first.decidedBy).toBe('coordinator');
    expect(sim.getControlPlaneView().entries.some((e) => e.kind === 'txn.decided' && e.text.includes(first.id))).toBe(true);
  });

  it('a decision the old leader appended alone is lost with it: the new leader presumes abort', () => {
    const sim = createSimulation({ scenario: twoPhase() });
    sim.runUntil(() => appendedDecision(sim) !== undefined, { maxMs: 10_000 });
    const txn = /decides (t\d+)/.exec(appendedDecision(sim)!.text)![1];
    sim.dispatch({ type: 'cp.crash', member: 'cp1' });
    expect(checked(sim, 10_000)).toEqual([]);
    const row = sim.getTransactions().find((t) => t.id === txn)!;
    expect(row).toMatchObject({ state: 'aborted', decision: 'abort', decidedBy: 'presumedAbort' });
  });

  it('a participant restarting with no leader stays in doubt; the new leader resolves it from the journal, not by presuming', () => {
    const sim = createSimulation({ scenario: twoPhase() });
    sim.runUntil(() => appendedDecision(sim) !== undefined, { maxMs: 10_000 });
    const txn = /decides (t\d+)/.exec(appendedDecision(sim)!.text)![1];
    // n3 goes down before the decision reaches it: it holds PREPARE and no outcome.
    sim.dispatch({ type: 'node.crash', node: 'n3' });
    sim.advanceBy(50);
    const decision = sim.getTransactions().find((t) => t.id === txn)!.decision;
    expect(decision).not.toBeNull();
    // The whole control plane goes: n3 restarts and finds nobody to ask.
    sim.dispatch({ type: 'cp.crash', member: 'cp2' });
    sim.dispatch({ type: 'cp.crash', member: 'cp1' });
    sim.dispatch({ type: 'node.restart', node: 'n3' });
    sim.advanceBy(3000);
    expect(sim.getTransactions().find((t) => t.id === txn)!.inDoubtOn).toEqual(['n3']);
    sim.dispatch({ type: 'cp.restart', member: 'cp2' });
    expect(checked(sim, 10_000)).toEqual([]);
    const row = sim.getTransactions().find((t) => t.id === txn)!;
    expect(row.inDoubtOn).toEqual([]);
    expect(row.decidedBy).toBe('coordinator');
    const resolved = sim.getTrace().filter((e) => e.kind === 'txn.resolved' && e.data.txn === txn);
    expect(resolved.map((e) => e.text).join(' ')).toMatch(/finds t\d+'s decision in its journal/);
    expect(resolved.some((e) => e.data.by === 'presumedAbort')).toBe(false);
  });
});
