// Goal (issue 14): the figures the transaction built-ins' prose promises are the run's own.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../engine/index';
import { getBuiltInScenario } from './registry';

function run(id: string, untilMs: number): Simulation {
  const sim = createSimulation({ scenario: getBuiltInScenario(id)! });
  sim.advanceBy(untilMs);
  return sim;
}

function atOf(sim: Simulation, kind: string, actor: string): number {
  return sim.getTrace().find((e) => e.kind === kind && e.actor === actor)!.timeMs;
}

describe('txn-restart-rules (redo-only)', () => {
  it('the client never heard of t3 (3 writes of unknown outcome); the restart replays t3, aborts t1, rolls back t2 without undo', () => {
    const sim = run('txn-restart-rules', 12_000);
    const m = sim.getMetrics();
    expect(m.writesUnknownOutcome).toBe(3);
    expect([m.txnCommitted, m.txnRedone, m.txnAborted, m.txnRolledBack, m.clrWritten]).toEqual([1, 1, 2, 1, 0]);
    const n1 = sim.getState().nodes.find((n) => n.id === 'n1')!;
    expect(n1.transactions!.rows.map((r) => `${r.txn} ${r.rule}`)).toEqual(['t1 abort', 't2 rollBack', 't3 replay']);
    expect(sim.checkInvariants()).toEqual([]);
  });
});

describe('txn-restart-rules-aries', () => {
  it('undo writes 5 CLRs, 5 ms each, after redo: t2 rolled back with 2, t1 aborted with 3', () => {
    const sim = run('txn-restart-rules-aries', 12_000);
    expect(sim.getMetrics().clrWritten).toBe(5);
    const redone = atOf(sim, 'txn.redone', 'n1');
    expect(atOf(sim, 'txn.rolledBack', 'n1') - redone).toBeCloseTo(2 * 5, 6);
    expect(atOf(sim, 'txn.aborted', 'n1') - redone).toBeCloseTo(5 * 5, 6);
    expect(sim.checkInvariants()).toEqual([]);
  });

  it('a crash 5 ms into the undo: the second restart writes only the 4 CLRs left', () => {
    const sim = run('txn-restart-rules-aries', 9_000);
    expect(sim.runUntil(() => sim.getTrace().some((e) => e.kind === 'txn.redone'), { maxMs: 15_000 }).reached).toBe(true);
    sim.advanceBy(5);
    expect(sim.getMetrics().clrWritten).toBe(1);
    sim.dispatch({ type: 'node.crash', node: 'n1' });
    sim.dispatch({ type: 'node.restart', node: 'n1' });
    sim.advanceBy(3_000);
    expect(sim.getMetrics().clrWritten).toBe(5);
    const rows = sim.getState().nodes.find((n) => n.id === 'n1')!.transactions!.rows;
    expect(rows.map((r) => `${r.txn} ${r.logHeld}`)).toEqual(['t1 3 PUT', 't2 2 PUT + ABORT + 1 CLR', 't3 3 PUT + COMMIT']);
    expect(sim.checkInvariants()).toEqual([]);
  });
});

describe('txn-in-doubt', () => {
  it('in doubt from n2’s restart until the operator commits it at 15 s', () => {
    const sim = run('txn-in-doubt', 10_000);
    expect(sim.getMetrics().txnInDoubt).toBe(1);
    expect(sim.getState().nodes.find((n) => n.id === 'n2')!.transactions!.rows[0].rule).toBe('inDoubt');
    sim.advanceBy(6_000);
    expect(sim.getMetrics().txnInDoubt).toBe(0);
    expect(sim.getTransactions()[0]).toMatchObject({ state: 'committed', decision: 'commit', decidedBy: 'operator' });
    expect(sim.getState().nodes.find((n) => n.id === 'n2')!.transactions!.rows[0].rule).toBe('resolve');
  });
});
