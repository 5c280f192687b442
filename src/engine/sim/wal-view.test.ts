import { describe, expect, it } from 'vitest';
import { createSimulation, CommandError } from '../index';
import { scenario } from '../../testing/load-scenario';

const base = {
  id: 'v',
  nodes: 3,
  shards: 4,
  replicationFactor: 3,
  shardSizeBytes: 4194304,
  workload: { writesPerSec: 20 },
  // fullPageWrites off: every PUT is 1,048 bytes (page images: torn-pages.test.ts).
  params: { walSyncMode: 'periodic', walSyncPeriodMs: 1000, checkpointIntervalMs: 0, tornWriteProbability: 1, fullPageWrites: false },
};

describe('sim.getWal(node)', () => {
  it('lists the records since the checkpoint with their fields, the fsync line and no checkpoint yet', () => {
    const sim = createSimulation({ scenario: scenario(base) });
    sim.advanceBy(1500);
    const wal = sim.getWal('n2');
    expect(wal.node).toBe('n2');
    expect(wal.checkpoint).toBeNull();
    expect(wal.records.length).toBe(wal.lastNo);
    expect(wal.records[0]).toMatchObject({ no: 1, offset: 0, prev: 0, type: 'PUT', bytes: 1048, txn: 0, fate: 'pending', torn: false });
    expect(wal.records[0].shard).toMatch(/^s00[1-4]$/);
    expect(wal.records[0].crcComputed).toBe(wal.records[0].crc);
    // Flushed at 1 s; what came after is not.
    expect(wal.syncedUpToNo).toBeGreaterThan(0);
    expect(wal.syncedUpToNo).toBeLessThan(wal.lastNo);
    for (const r of wal.records) expect(r.synced).toBe(r.no <= wal.syncedUpToNo);
    expect(wal).toMatchObject({ cursorNo: null, stopNo: null, mode: 'pointInTime', syncMode: 'periodic', stateStore: 'pages', olderSegments: [] });
  });

  it('after a checkpoint starts at it, and shows a torn record and a flipped bit as such', () => {
    const sim = createSimulation({ scenario: scenario(base) });
    sim.advanceBy(500);
    sim.dispatch({ type: 'node.checkpoint', node: 'n2' });
    sim.advanceBy(1200);
    sim.dispatch({ type: 'wal.corrupt', node: 'n2', at: 'middle' });
    sim.dispatch({ type: 'node.crash', node: 'n2', kind: 'power' });
    const wal = sim.getWal('n2');
    expect(wal.checkpoint).toMatchObject({ atMs: 500 });
    expect(wal.records[0].no).toBe(wal.checkpoint!.recordNo + 1);
    const torn = wal.records.filter((r) => r.fate === 'torn');
    expect(torn).toHaveLength(1);
    expect(torn[0].no).toBe(wal.lastNo);
    const flipped = wal.records.filter((r) => r.fate === 'crcMismatch');
    expect(flipped).toHaveLength(1);
    expect(flipped[0].crcComputed).not.toBe(flipped[0].crc);
  });

  it('older records of the stretch come as segment summaries', () => {
    const sim = createSimulation({ scenario: scenario({ ...base, params: { ...base.params, walDetailRecordsPerNode: 10 } }) });
    sim.advanceBy(2000);
    const wal = sim.getWal('n1');
    expect(wal.records).toHaveLength(10);
    const folded = wal.olderSegments.reduce((n, s) => n + s.records, 0);
    expect(folded + 10).toBe(wal.lastNo);
    expect(wal.olderSegments[0].firstNo).toBe(1);
  });

  it('shows the replay cursor while a node replays, and where the replay stopped', () => {
    const sim = createSimulation({ scenario: scenario(base) });
    sim.advanceBy(1500);
    sim.dispatch({ type: 'node.crash', node: 'n3', kind: 'power' });
    const tornNo = sim.getWal('n3').lastNo;
    sim.dispatch({ type: 'node.restart', node: 'n3' });
    sim.runUntil(() => sim.getWal('n3').cursorNo !== null && sim.getWal('n3').cursorNo! > 3, { maxMs: 60_000 });
    const during = sim.getWal('n3');
    expect(during.cursorNo).toBeGreaterThan(3);
    expect(during.records.find((r) => r.no === during.cursorNo! - 1)!.fate).toMatch(/applied|skipped/);
    sim.runUntil(() => sim.getState().nodes.find((n) => n.id === 'n3')!.lifecycle === 'up', { maxMs: 60_000 });
    const after = sim.getWal('n3');
    expect(after.cursorNo).toBeNull();
    expect(after.stopNo).toBe(tornNo);
  });

  it('names an unknown node', () => {
    const sim = createSimulation({ scenario: scenario(base) });
    expect(() => sim.getWal('n9')).toThrow(CommandError);
    expect(() => sim.getWal('n9')).toThrow('unknown node "n9"');
  });
});
