import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../index';
import { scenario } from '../../../testing/load-scenario';
import type { World } from '../world';
import { checkInvariants } from '../../model/invariants';

function worldOf(sim: Simulation): World {
  return (sim as unknown as { w: World }).w;
}

const base = {
  id: 'txn',
  nodes: 3,
  shards: 2,
  replicationFactor: 3,
  shardSizeBytes: 4194304,
  workload: { writesPerSec: 0 },
  params: { walReplayMs: 500, walApplyMsPerRecord: 5 },
};

/** Advances event by event, checking every invariant after each step (design §11.6). */
function advanceChecked(sim: Simulation, ms: number) {
  const w = worldOf(sim);
  const until = w.nowMs + ms;
  const problems = new Set<string>();
  while (w.queue.size > 0 && (w.queue.peek()?.timeMs ?? Infinity) <= until) {
    if (!sim.step()) break;
    for (const p of checkInvariants(w)) problems.add(`${p.invariant}: ${p.detail}`);
  }
  sim.advanceBy(Math.max(0, until - w.nowMs));
  return [...problems];
}

function kinds(sim: Simulation, prefix = 'txn.') {
  return sim.getTrace().filter((e) => e.kind.startsWith(prefix));
}

/** Three transactions on s001's primary, then its power fails the instant t3 commits. */
function threeAtAPowerLoss(params: Record<string, unknown> = {}) {
  const sim = createSimulation({ scenario: scenario({ ...base, params: { ...base.params, ...params } }) });
  sim.advanceBy(1000);
  const w = worldOf(sim);
  const primary = w.nodes[w.shards[0].primary!].id;
  const run = (text: string) => {
    const [shard, writes, end] = text.split(',');
    sim.dispatch({ type: 'txn.run', shard, writes: Number(writes), end: end as 'commit' });
  };
  run('s001,2,abort'); // t1: aborted
  sim.advanceBy(100);
  if (params.checkpointNow) sim.dispatch({ type: 'node.checkpoint', node: primary });
  run('s001,3,none'); // t2: in progress
  if (params.checkpointNow) sim.dispatch({ type: 'node.checkpoint', node: primary });
  run('s001,3,commit'); // t3: committed, the reply not yet sent
  sim.dispatch({ type: 'node.crash', node: primary, kind: 'power' });
  return { sim, w, primary };
}

describe('the three rules at restart, redo-only (PostgreSQL)', () => {
  it('replays the committed-unacknowledged one, aborts the one in progress, rolls back the aborted one', () => {
    const { sim, w, primary } = threeAtAPowerLoss();
    expect(sim.getMetrics().writesUnknownOutcome).toBe(3);
    sim.dispatch({ type: 'node.restart', node: primary });
    expect(advanceChecked(sim, 5000)).toEqual([]);
    const txn = kinds(sim).filter((e) => e.actor === primary);
    // In log order: t1 (aborted), t2 (in progress), t3 (committed).
    expect(txn.map((e) => e.kind)).toEqual(['txn.rolledBack', 'txn.aborted', 'txn.redone']);
    expect(txn[2].text).toBe(
      `t3 committed before ${primary} crashed but the client was never told: its 3 write(s) to s001 are replayed (COMMIT ${txn[2].text.match(/#\d+/)![0]} is in its log); ` +
        `the client's retry will be recognised by its transaction id, not applied twice.`,
    );
    expect(txn[1].text).toContain('t2 was still in progress');
    expect(txn[1].text).toContain('Redo-only replay discarded its 3 write(s)');
    expect(txn[0].text).toContain('t1 was aborted before');
    // The node's restart table, as the console and the driver read it (NodeView.transactions).
    const table = sim.getState().nodes.find((n) => n.id === primary)!.transactions!;
    expect(table.algorithm).toBe('redoOnly');
    expect(table.rows.map((r) => [r.txn, r.logHeld, r.rule])).toEqual([
      ['t1', '2 PUT + ABORT', 'rollBack'],
      ['t2', '3 PUT', 'abort'],
      ['t3', '3 PUT + COMMIT', 'replay'],
    ]);
    expect(table.rows[2].fate).toBe("committed, the client never told: its 3 write(s) are redone; the client's retry is recognised, not applied twice");
    const m = sim.getMetrics();
    expect(m.txnCommitted).toBe(1);
    expect(m.txnRedone).toBe(1);
    expect(m.txnRolledBack).toBe(1);
    expect(m.clrWritten).toBe(0);
    expect(checkInvariants(w)).toEqual([]);
  });
});

describe('ARIES with steal', () => {
  it('redoes history, then undoes the losers newest first with one CLR per change', () => {
    const { sim, w, primary } = threeAtAPowerLoss({ bufferPolicy: 'steal', recoveryAlgorithm: 'aries' });
    sim.dispatch({ type: 'node.restart', node: primary });
    expect(advanceChecked(sim, 5000)).toEqual([]);
    const txn = kinds(sim).filter((e) => e.actor === primary);
    // txn.redone as redo ends; txn.aborted once the undo pass has compensated t2's last change.
    expect(txn.map((e) => e.kind)).toEqual(['txn.redone', 'txn.aborted']);
    // t1's live rollback finished before the crash (2 CLRs on each of 3 replicas): nothing to roll back; t2's 3 changes are undone.
    expect(sim.getMetrics().clrWritten).toBe(2 * 3 + 3);
    expect(checkInvariants(w)).toEqual([]);
  });

  it('a crash during undo: the next restart undoes only what is left, never a change twice', () => {
    const { sim, w, primary } = threeAtAPowerLoss({ bufferPolicy: 'steal', recoveryAlgorithm: 'aries' });
    sim.dispatch({ type: 'node.restart', node: primary });
    // Run until the first CLR of the restart's undo is written, then crash again.
    const before = sim.getMetrics().clrWritten;
    for (let i = 0; i < 2000 && sim.getMetrics().clrWritten === before; i++) sim.advanceBy(1);
    expect(sim.getMetrics().clrWritten).toBe(before + 1);
    sim.dispatch({ type: 'node.crash', node: primary, kind: 'power' });
    sim.dispatch({ type: 'node.restart', node: primary });
    expect(advanceChecked(sim, 5000)).toEqual([]);
    expect(sim.getMetrics().clrWritten).toBe(before + 3);
    expect(w.transactions.undoneTwice).toEqual([]);
    const aborted = kinds(sim).filter((e) => e.kind === 'txn.aborted' && e.actor === primary);
    expect(aborted).toHaveLength(1);
    expect(aborted[0].text).toContain('3 compensation record(s)');
    expect(checkInvariants(w)).toEqual([]);
  });
});

describe('two-phase commit: in doubt', () => {
  it('a participant restarting with PREPARE and no outcome holds it in doubt until txn.resolve', () => {
    const sim = createSimulation({ scenario: scenario(base) });
    sim.advanceBy(1000);
    const w = worldOf(sim);
    const participant = w.nodes[w.shards[1].primary!].id;
    expect(() => sim.dispatch({ type: 'txn.resolve', txn: 't1', decision: 'commit' })).toThrow('txn.resolve: no transaction "t1" (none has run yet)');
    sim.dispatch({ type: 'txn.run', shard: 's001', writes: 2, end: 'prepare' });
    expect(sim.getMetrics().txnInDoubt).toBe(1);
    sim.dispatch({ type: 'node.crash', node: participant, kind: 'power' });
    sim.dispatch({ type: 'node.restart', node: participant });
    expect(advanceChecked(sim, 3000)).toEqual([]);
    const doubt = kinds(sim).filter((e) => e.kind === 'txn.inDoubt');
    expect(doubt.map((e) => e.actor)).toContain(participant);
    expect(doubt[0].text).toContain('t1 is in doubt');
    expect(doubt[0].text).toContain('txn.resolve:t1,commit or abort');
    sim.dispatch({ type: 'txn.resolve', txn: 't1', decision: 'commit' });
    expect(kinds(sim).filter((e) => e.kind === 'txn.resolved')).toHaveLength(1);
    expect(sim.getMetrics().txnInDoubt).toBe(0);
    expect(() => sim.dispatch({ type: 'txn.resolve', txn: 't1', decision: 'abort' })).toThrow('txn.resolve: t1 is not in doubt: it committed');
    const row = w.transactions.rows[0];
    expect(new Set(row.resolvedOn.values())).toEqual(new Set(['commit']));
    expect(w.transactions.restarts.get(w.nodeIndexById.get(participant)!)?.entries[0].rule).toBe('resolve');
    expect(advanceChecked(sim, 1000)).toEqual([]);
  });
});

describe('refusals name the problem', () => {
  it('unknown shard, leaderless replication', () => {
    const sim = createSimulation({ scenario: scenario(base) });
    expect(() => sim.dispatch({ type: 'txn.run', shard: 's009', end: 'commit' })).toThrow('txn.run: unknown shard "s009" (this cluster has s001…s002)');
    const leaderless = createSimulation({ scenario: scenario({ ...base, params: { ...base.params, replication: 'leaderless' } }) });
    expect(() => leaderless.dispatch({ type: 'txn.run', shard: 's001', end: 'commit' })).toThrow(/leaderless replication writes each key on its own/);
  });

  it('a shard without a primary is not writable, and says why', () => {
    const sim = createSimulation({ scenario: scenario(base) });
    const w = worldOf(sim);
    for (const n of w.nodes) sim.dispatch({ type: 'node.crash', node: n.id });
    sim.advanceBy(100);
    expect(() => sim.dispatch({ type: 'txn.run', shard: 's001', end: 'commit' })).toThrow(/^txn\.run: s001 is not writable: /);
  });
});

describe('the statechart panel lists a transaction while it decides', () => {
  it('a prepared transaction is listed with its machine; a finished one is not', () => {
    const sim = createSimulation({ scenario: scenario(base) });
    sim.advanceBy(500);
    sim.dispatch({ type: 'txn.run', shard: 's001', writes: 1, end: 'commit' });
    sim.dispatch({ type: 'txn.run', shard: 's001', writes: 1, end: 'prepare' });
    sim.advanceBy(10);
    expect(sim.listMachines().filter((r) => r.kind === 'transaction')).toEqual([{ kind: 'transaction', id: 't2' }]);
    const view = sim.getMachine({ kind: 'transaction', id: 't2' })!;
    expect(view.title).toBe('t2 · transaction record');
    expect(view.active).toEqual(['prepared']);
    expect(view.last?.event).toBe('txn.prepare');
  });
});

describe('presumed abort (design §9.3)', () => {
  it('a new control-plane leader finds no decision for a prepared transaction: abort', () => {
    const sim = createSimulation({ scenario: scenario({ ...base, controlPlane: { members: 3, journal: true } }) });
    sim.advanceBy(3000);
    sim.dispatch({ type: 'txn.run', shard: 's001', writes: 2, end: 'prepare' });
    sim.dispatch({ type: 'cp.crash', member: 'cp1' });
    expect(advanceChecked(sim, 10_000)).toEqual([]);
    const resolved = kinds(sim).filter((e) => e.kind === 'txn.resolved');
    expect(resolved.map((e) => e.text)).toEqual([
      'The new coordinator finds no decision for t1 in its journal: presumed abort. Every running participant logs ABORT and releases its locks.',
    ]);
    expect(sim.getTransactions()[0]).toMatchObject({ state: 'aborted', decision: 'abort', decidedBy: 'presumedAbort' });
    expect(sim.getMetrics().txnInDoubt).toBe(0);
  });
});
