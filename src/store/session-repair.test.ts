// Goal: the Repair panel reads the engine through the store like the Log view: while open, with a shard selected,
// the view-model carries that shard's repair view (or, with primary replication, says there is none to draw);
// closed, or with a node selected, it reads nothing.
import { describe, expect, it } from 'vitest';
import { builtIn, scenario } from '../testing/load-scenario';
import { manualFrames } from './frame-scheduler';
import { ConsoleSession } from './session';

describe('ConsoleSession repair panel', () => {
  it('reads the selected shard only while the panel is open, and keeps the picked pair', () => {
    const s = builtIn('rehome-worked-example');
    const session = new ConsoleSession(s, s.seed, manualFrames());
    session.select({ kind: 'shard', id: 's001' });
    session.flush();
    expect(session.store.getState().repairPanel).toEqual({ open: false, pair: null, view: null });

    session.showRepair(true, ['n1', 'n2']);
    session.flush();
    expect(session.store.getState().repairPanel).toEqual({
      open: true,
      pair: ['n1', 'n2'],
      view: { shard: 's001', replication: 'primary', view: null },
    });

    session.select({ kind: 'node', id: 'n1' });
    session.flush();
    expect(session.store.getState().repairPanel.view).toBeNull();

    session.showRepair(false);
    session.select({ kind: 'shard', id: 's001' });
    session.flush();
    expect(session.store.getState().repairPanel).toEqual({ open: false, pair: null, view: null });
  });

  it('on a leaderless run, carries the engine’s trees of the picked pair and its stale keys', () => {
    const s = scenario({
      id: 'session-repair-leaderless',
      title: 'leaderless, n4 misses writes',
      seed: 7,
      nodes: 4,
      racks: 4,
      shards: 4,
      replicationFactor: 3,
      shardSizeBytes: 1048576,
      failover: { autoReReplicate: false },
      workload: { writesPerSec: 16, readsPerSec: 0 },
      params: { replication: 'leaderless', writeConsistency: 'ONE', readConsistency: 'ONE', hintedHandoff: false, keysPerShard: 1024, merkleMaxDepth: 4, deadAfterMs: 300000 },
      timeline: [
        { atMs: 1000, command: { type: 'node.crash', node: 'n4' } },
        { atMs: 4000, command: { type: 'node.restart', node: 'n4' } },
      ],
    });
    const session = new ConsoleSession(s, s.seed, manualFrames());
    session.advanceBy(6000);
    session.flush();
    const shard = session.store.getState().cluster.shards.find((sh) => sh.replicas.includes('n4') && sh.divergence !== null)!;
    session.select({ kind: 'shard', id: shard.id });
    const other = shard.replicas.filter((r) => r !== 'n4');
    session.showRepair(true, [other[0], 'n4']);
    session.flush();
    const view = session.store.getState().repairPanel.view!.view!;
    expect(view.shard).toBe(shard.id);
    expect(view.pair).toEqual([other[0], 'n4']);
    expect(view.trees[0].levels[0][0].differs).toBe(true);
    expect(view.staleKeysTotal).toBeGreaterThan(0);
    // A pair left over from another shard is not this one's: the engine's own choice is drawn.
    session.showRepair(true, ['n9', 'n4']);
    session.flush();
    expect(session.store.getState().repairPanel.view!.view!.pair).toContain('n4');
  });
});
