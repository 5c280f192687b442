// Goal (issue 11, invariants 5 and 6 of design recovery-repair.md §11.6), checked against the engine's rows and
// naming the node and shard that break them:
// 5. a recovering, catching-up, amnesiac, corrupt or divergent replica neither votes, nor serves a fresh read,
//    nor acts as a copy or repair source (isolation);
// 6. no acknowledged write disappears while a replica that held it durably survives; a loss comes with a
//    LostWrites entry.
import { describe, expect, it } from 'vitest';
import { scenario } from '../../testing/load-scenario';
import { enqueueJob } from '../sim/migrator';
import { createWorld } from '../sim/wiring';
import { checkInvariants } from './invariants';

const INVARIANT_5 =
  'a recovering, catching-up, amnesiac, corrupt or divergent replica neither votes, nor serves a fresh read, nor acts as a copy or repair source';
const INVARIANT_6 = 'no acknowledged write disappears while a replica that held it durably survives';
const INVARIANT_6_LOSS = 'acknowledged writes that disappear come with a LostWrites entry';

function world() {
  const w = createWorld(
    scenario({ id: 'inv56', nodes: 4, shards: 1, replicationFactor: 3, shardSizeBytes: 4194304, placement: { s001: ['n1', 'n2', 'n3'] } }),
    1,
  );
  // Twelve acknowledged writes on all three replicas.
  w.shards[0].lsn = 12;
  for (const n of [0, 1, 2]) w.nodes[n].disk.set(0, 12);
  return w;
}

const named = (w: ReturnType<typeof world>, invariant: string) => checkInvariants(w).filter((p) => p.invariant === invariant);

describe('invariant 5: isolation', () => {
  it('holds on a calm cluster', () => {
    expect(named(world(), INVARIANT_5)).toEqual([]);
  });

  it('names a copy streaming from a replica that is still catching up', () => {
    const w = world();
    const job = enqueueJob(w, w.shards[0], 3, -1);
    job.source = 1;
    job.phase = 'snapshot';
    expect(named(w, INVARIANT_5)).toEqual([]);
    w.nodes[1].disk.set(0, 7);
    w.catchUp.pending.set(1, new Set([0]));
    expect(named(w, INVARIANT_5)).toEqual([
      { invariant: INVARIANT_5, detail: "n2's copy of s001 is still catching up, yet it is the source of a copy to n4" },
    ]);
  });

  it('names a divergent replica leading a writable shard (it would serve fresh reads)', () => {
    const w = world();
    w.shards[0].divergent = new Map([[0, 10]]);
    expect(named(w, INVARIANT_5)).toEqual([
      {
        invariant: INVARIANT_5,
        detail: "n1's copy of s001 is divergent (it holds writes the shard’s history does not), yet it leads the shard while it takes writes",
      },
    ]);
  });
});

describe('invariant 6: durable writes survive, or their loss is on record', () => {
  it('counts what a crashed replica’s log still holds as held', () => {
    const w = world();
    // Crashed: its pages fell back to the checkpoint, its log still holds all twelve.
    for (const n of [0, 1, 2]) w.nodes[n].life = { ...w.nodes[n].life, value: 'crashed' } as typeof w.nodes[0]['life'];
    for (const n of [0, 1, 2]) w.nodes[n].disk.set(0, 4);
    w.nodes[1].disk.setHeld(0, 12);
    expect(named(w, INVARIANT_6)).toEqual([]);
    w.nodes[1].disk.setHeld(0, 9);
    expect(named(w, INVARIANT_6)).toEqual([
      { invariant: INVARIANT_6, detail: 's001 acknowledged up to LSN 12, but the freshest copy a surviving replica holds durably ends at 9' },
    ]);
  });

  it('names acknowledged writes that vanished without a LostWrites entry', () => {
    const w = world();
    expect(named(w, INVARIANT_6_LOSS)).toEqual([]);
    w.shards[0].lsn = 9;
    for (const n of [0, 1, 2]) w.nodes[n].disk.set(0, 9);
    expect(named(w, INVARIANT_6_LOSS)).toEqual([
      { invariant: INVARIANT_6_LOSS, detail: 's001 had acknowledged up to LSN 12 and now 9: LostWrites records 0 of those 3 write(s)' },
    ]);
    w.workload.lostWrites.push({ shard: 's001', firstLsn: 10, lastLsn: 12, count: 3, atMs: 0, cause: 'test' });
    expect(named(w, INVARIANT_6_LOSS)).toEqual([]);
  });
});
