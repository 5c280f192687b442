import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../index';
import { scenario } from '../../testing/load-scenario';
import { walRecordAt } from './wal-log';
import type { World } from './world';

function worldOf(sim: Simulation): World {
  return (sim as unknown as { w: World }).w;
}

// fullPageWrites off: every PUT is header + payload, so offsets are record × 1,048 (page images: torn-pages.test.ts).
const threeNodes = { id: 'w', nodes: 3, shards: 1, replicationFactor: 3, shardSizeBytes: 4194304, workload: { writesPerSec: 10 }, params: { fullPageWrites: false } };

describe('every replica that applies a write appends it to its log', () => {
  it('numbers the PUTs in order with the shard LSN they carry', () => {
    const sim = createSimulation({ scenario: scenario(threeNodes) });
    sim.advanceBy(2050);
    const w = worldOf(sim);
    const lsn = w.shards[0].lsn;
    expect(lsn).toBeGreaterThanOrEqual(20);
    for (const node of w.nodes) {
      expect(node.wal.lastNo).toBe(lsn);
      expect(walRecordAt(node.wal, lsn)).toMatchObject({ type: 'PUT', shard: 0, shardLsn: lsn, bytes: 24 + 1024 });
      expect(walRecordAt(node.wal, lsn)!.offset).toBe((lsn - 1) * 1048);
      expect(node.disk.held(0)).toBe(lsn);
    }
  });

  it('a replica that caught up without the log counts what it installed as durable pages', () => {
    const sim = createSimulation({ scenario: scenario(threeNodes) });
    sim.advanceBy(1000);
    sim.dispatch({ type: 'node.crash', node: 'n3' });
    sim.advanceBy(3000);
    sim.dispatch({ type: 'node.restart', node: 'n3' });
    sim.runUntil('healthy', { maxMs: 60_000 });
    sim.advanceBy(1000);
    const w = worldOf(sim);
    const n3 = w.nodes[w.nodeIndexById.get('n3')!];
    // Its log has a gap where it was down; the pages it caught up to are durable, the log resumes after them.
    const installed = n3.ckpt.get(0)!;
    expect(installed).toBeGreaterThan(10);
    const resumed = walRecordAt(n3.wal, n3.wal.lastNo)!;
    expect(resumed.shardLsn).toBe(w.shards[0].lsn);
    expect(n3.wal.lastNo).toBeLessThan(w.shards[0].lsn);
    expect(n3.disk.held(0)).toBe(w.shards[0].lsn);
  });
});
