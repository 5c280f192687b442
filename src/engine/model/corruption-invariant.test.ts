// Goal (issue 11, invariant 8 of design recovery-repair.md §11.6): "a corrupt replica is never chosen as a source,
// and every known-corrupt replica is queued, being replaced, flagged inconsistent, or explained" — checked against
// the engine's rows, naming the node and shard that break it.
import { describe, expect, it } from 'vitest';
import { scenario } from '../../testing/load-scenario';
import { corruptReplica, detectCorruption } from '../sim/corruption';
import { enqueueJob } from '../sim/migrator';
import { createWorld } from '../sim/wiring';
import { checkInvariants } from './invariants';

const INVARIANT_8 = 'a corrupt replica is never chosen as a source, and every known-corrupt replica is queued, being replaced, flagged inconsistent, or explained';

function world(params: Record<string, unknown> = {}) {
  return createWorld(
    scenario({ id: 'inv8', nodes: 4, shards: 1, replicationFactor: 3, shardSizeBytes: 4194304, placement: { s001: ['n1', 'n2', 'n3'] }, params }),
    1,
  );
}

const eight = (w: ReturnType<typeof world>) => checkInvariants(w).filter((p) => p.invariant === INVARIANT_8);

describe('invariant 8', () => {
  it('names a copy streaming from a corrupt source nobody is about to notice', () => {
    const w = world();
    const job = enqueueJob(w, w.shards[0], 3, -1);
    job.source = 1;
    job.phase = 'snapshot';
    corruptReplica(w, w.nodes[1], w.shards[0], 1);
    // A source that rots mid-stream is about to fail its checksums: that is a detection on the clock, not a breach.
    expect(eight(w)).toEqual([]);
    w.corruption.copyReadsPending.clear();
    expect(eight(w)).toEqual([{ invariant: INVARIANT_8, detail: "n2's corrupt copy of s001 is the source of a copy to n4" }]);
  });

  it('names a known-corrupt replica that nothing answers', () => {
    const w = world({ corruptionResponse: 'markInconsistent', scrubAutoRepair: false });
    corruptReplica(w, w.nodes[2], w.shards[0], 1);
    detectCorruption(w, 2, 0, 'deepScrub');
    expect(eight(w)).toEqual([]);
    w.corruption.inconsistent.clear();
    expect(eight(w)).toEqual([
      { invariant: INVARIANT_8, detail: "n3's known-corrupt copy of s001 is neither being replaced, nor flagged inconsistent, nor explained" },
    ]);
  });

  it('names a removed corrupt copy whose shard nobody re-homes', () => {
    const w = world({ corruptionResponse: 'reReplicate' });
    w.failover.autoReReplicate = true;
    corruptReplica(w, w.nodes[1], w.shards[0], 1);
    detectCorruption(w, 1, 0, 'deepScrub');
    expect(eight(w)).toEqual([]);
    const shard = w.shards[0];
    for (const id of [...shard.jobs]) w.migrator.jobs.delete(id);
    shard.jobs = [];
    shard.waiting = null;
    expect(eight(w)).toEqual([
      { invariant: INVARIANT_8, detail: "n2's known-corrupt copy of s001 is neither being replaced, nor flagged inconsistent, nor explained" },
    ]);
  });
});
