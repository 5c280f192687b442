// Goal (issue 13, design recovery-repair.md §7.2): re-homing keeps key-level divergence true — a replica that leaves
// takes its stale keys with it, a write only it held is lost (and says so), and a copy holds what its source held.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../index';
import { scenario } from '../../../testing/load-scenario';

function sim(params: Record<string, unknown> = {}): Simulation {
  return createSimulation({
    scenario: scenario({
      id: 'rehome',
      nodes: 4,
      shards: 1,
      replicationFactor: 3,
      shardSizeBytes: 1048576,
      workload: { writesPerSec: 10, readsPerSec: 0 },
      placement: { s001: ['n1', 'n2', 'n3'] },
      params: { replication: 'leaderless', ...params },
    }),
  });
}

describe('re-homing and key-level divergence', () => {
  it('a destroyed replica takes its stale keys with it', () => {
    const s = sim();
    s.dispatch({ type: 'node.crash', node: 'n3' });
    s.advanceBy(3000);
    const stale = s.getMetrics().staleKeysTruth;
    expect(stale).toBeGreaterThan(10);
    s.dispatch({ type: 'node.destroy', node: 'n3' });
    expect(s.getMetrics().staleKeysTruth).toBe(0);
    expect(s.getMetrics().writesLost).toBe(0);
    expect(s.checkInvariants()).toEqual([]);
  });

  it('writes only the destroyed replica held (CL ONE) are lost, each named in LostWrites', () => {
    const s = sim({ writeConsistency: 'ONE' });
    s.dispatch({ type: 'node.crash', node: 'n2' });
    s.dispatch({ type: 'node.crash', node: 'n3' });
    s.advanceBy(2000);
    s.dispatch({ type: 'workload.set', writesPerSec: 0, readsPerSec: 0 });
    const acked = s.getMetrics().writesAcked;
    expect(acked).toBeGreaterThan(10);
    s.dispatch({ type: 'node.destroy', node: 'n1' });
    const state = s.getState();
    expect(state.metrics.writesLost).toBeGreaterThan(0);
    expect(state.lostWrites.every((l) => /^every replica that held write \d+ to key \d+ is gone$/.test(l.cause))).toBe(true);
    // What survives on n2 and n3 is the newest now: nothing is stale between them.
    expect(state.metrics.staleKeysTruth).toBe(0);
    expect(s.checkInvariants()).toEqual([]);
  });

  it('a new replica holds what its source held: a stale source\'s stale keys, a fresh source\'s none', () => {
    const s = sim({ hintedHandoff: false });
    s.dispatch({ type: 'node.crash', node: 'n2' });
    s.advanceBy(3000);
    s.dispatch({ type: 'node.restart', node: 'n2' });
    s.advanceBy(3000);
    s.dispatch({ type: 'workload.set', writesPerSec: 0, readsPerSec: 0 });
    const before = s.getMetrics().staleKeysTruth;
    expect(before).toBeGreaterThan(10);
    s.dispatch({ type: 'node.destroy', node: 'n3' });
    s.runUntil('healthy', { maxMs: s.timeMs + 120000 });
    expect(s.getState().shards[0].replicas).toContain('n4');
    const copy = s.getTrace().find((e) => e.kind === 'copy.started' || e.kind === 'copy.snapshotStarted');
    const source = (copy?.data.source ?? copy?.data.from) as string | undefined;
    expect(source === 'n1' || source === 'n2', JSON.stringify(copy)).toBe(true);
    expect(s.getMetrics().staleKeysTruth).toBe(source === 'n2' ? 2 * before : before);
    expect(s.checkInvariants()).toEqual([]);
  });

  it('a copy streamed from the only live (stale) source inherits its stale keys', () => {
    const s = sim({ hintedHandoff: false });
    s.dispatch({ type: 'node.crash', node: 'n2' });
    s.advanceBy(3000);
    s.dispatch({ type: 'node.restart', node: 'n2' });
    s.advanceBy(3000);
    s.dispatch({ type: 'workload.set', writesPerSec: 0, readsPerSec: 0 });
    const before = s.getMetrics().staleKeysTruth;
    // n1 (fresh) crashes and n3 is destroyed: n2, stale, is the only source left for the new replica on n4.
    s.dispatch({ type: 'node.crash', node: 'n1' });
    s.dispatch({ type: 'node.destroy', node: 'n3' });
    s.advanceBy(60000);
    expect(s.getState().shards[0].replicas).toContain('n4');
    expect(s.getMetrics().staleKeysTruth).toBe(2 * before);
    expect(s.checkInvariants()).toEqual([]);
  });
});
