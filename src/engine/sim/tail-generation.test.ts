import { describe, expect, it } from 'vitest';
import { createSimulation } from '../index';
import { scenario } from '../../testing/load-scenario';

/**
 * A copy's log tail that stalls and resumes must run its whole tail again: the first tail's
 * completion, still queued, may not land the copy early.
 */
describe('a resumed log tail', () => {
  it('lands only a full tail after the stream resumed', () => {
    const latencyMs = 1000; // tail = two round trips' worth of latency: 2 s
    const sim = createSimulation({
      scenario: scenario({
        id: 'tail', nodes: 4, shards: 1, replicationFactor: 3, shardSizeBytes: 4194304,
        placement: { s001: ['n1', 'n2', 'n3'] }, params: { linkLatencyMs: latencyMs },
        timeline: [{ atMs: 0, command: { type: 'node.destroy', node: 'n1' } }],
      }),
    });
    sim.runUntil(() => sim.getTrace().some((e) => e.kind === 'copy.snapshotCopied'), { maxMs: 60_000 });
    const { source, target } = sim.getTrace().find((e) => e.kind === 'copy.snapshotCopied')!.data as { source: string; target: string };
    sim.advanceBy(100);
    sim.dispatch({ type: 'link.cut', a: source, b: target });
    sim.advanceBy(100);
    sim.dispatch({ type: 'link.heal', a: source, b: target });
    const resumedAtMs = sim.timeMs;
    sim.runUntil(() => sim.getTrace().some((e) => e.kind === 'copy.committed'), { maxMs: 60_000 });
    const committed = sim.getTrace().find((e) => e.kind === 'copy.committed')!;
    expect(committed.timeMs).toBeGreaterThanOrEqual(resumedAtMs + 2 * latencyMs);
  });
});
