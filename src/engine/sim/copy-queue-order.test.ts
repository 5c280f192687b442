// Goal: when a second failure makes some shards more urgent, the copy queue re-orders and the log says so once,
// with how many shards jumped ahead and why (issue 8, item 3).
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../index';
import { builtIn } from '../../testing/load-scenario';

describe('the copy queue re-orders by risk, visibly', () => {
  it('second-failure-during-rebuild: one entry says how many one-copy shards move to the front, and they do', () => {
    const sim = createSimulation({ scenario: builtIn('second-failure-during-rebuild') });
    let oneCopyWithQueuedCopy = new Set<string>();
    sim.runUntil(
      () => {
        const found = sim.getTrace().some((e) => e.kind === 'failover.routerRemoved' && e.data.node === 'n5');
        if (found) {
          const state = sim.getState();
          const queued = new Set(state.copies.filter((c) => c.phase === 'queued').map((c) => c.shard));
          oneCopyWithQueuedCopy = new Set(state.shards.filter((s) => s.replicas.length === 1 && queued.has(s.id)).map((s) => s.id));
        }
        return found;
      },
      { maxMs: 120_000 },
    );
    expect(oneCopyWithQueuedCopy.size).toBeGreaterThan(0);
    expect(sim.runUntil('healthy', { maxMs: 600_000 }).reached).toBe(true);
    const reorders = sim.getTrace().filter((e) => e.kind === 'copy.queueReordered');
    expect(reorders).toHaveLength(1);
    const [entry] = reorders;
    expect(entry.level).toBe('warn');
    const count = Number(/^(\d+) shard\(s\) are down to one copy \(s\d{3}[^)]*\): their copies move to the front of the copy queue, ahead of (\d+) cop(y|ies) for shards with more copies left\./.exec(entry.text)?.[1]);
    expect(count).toBe(oneCopyWithQueuedCopy.size);
    expect(entry.data.jumped).toBe(count);
    // It is told when the state shows it: after the router dropped n5 and before any copy of those shards starts.
    const routerRemoved = sim.getTrace().find((e) => e.kind === 'failover.routerRemoved' && e.data.node === 'n5')!;
    expect(entry.seq).toBeGreaterThan(routerRemoved.seq);
    const nextStarts = sim.getTrace(entry.seq).filter((e) => e.kind === 'copy.started').slice(0, 5);
    expect(nextStarts.map((e) => String(e.data.shard)).filter((id) => !oneCopyWithQueuedCopy.has(id))).toEqual([]);
  });

  it('says nothing when no shard changes rank (a single failure)', () => {
    const sim = createSimulation({ scenario: builtIn('rehome-worked-example') });
    sim.runUntil('healthy', { maxMs: 300_000 });
    expect(sim.getTrace().some((e) => e.kind === 'copy.queueReordered')).toBe(false);
  });
});
