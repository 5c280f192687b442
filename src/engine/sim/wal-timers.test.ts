import { describe, expect, it } from 'vitest';
import { createSimulation, parseCliCommand, type Simulation } from '../index';
import { scenario } from '../../testing/load-scenario';
import { walRecordAt } from './wal-log';
import type { World } from './world';

function worldOf(sim: Simulation): World {
  return (sim as unknown as { w: World }).w;
}

const base = { id: 'w', nodes: 3, shards: 6, replicationFactor: 3, shardSizeBytes: 4194304, workload: { writesPerSec: 20 } };

describe('fsync: per commit or periodic', () => {
  it('perCommit: every record is flushed as it is acknowledged, and no wal.synced tick runs', () => {
    const sim = createSimulation({ scenario: scenario(base) });
    sim.advanceBy(3000);
    for (const node of worldOf(sim).nodes) expect(node.wal.syncedUpToNo).toBe(node.wal.lastNo);
    expect(sim.getTrace().filter((e) => e.kind === 'wal.synced')).toEqual([]);
  });

  it('periodic: acknowledged records wait for the node’s next flush, which the trace tells', () => {
    const sim = createSimulation({ scenario: scenario({ ...base, params: { walSyncMode: 'periodic', walSyncPeriodMs: 1000 } }) });
    sim.advanceBy(2500);
    const n1 = worldOf(sim).nodes[0];
    expect(n1.wal.lastNo).toBeGreaterThan(n1.wal.syncedUpToNo);
    const synced = sim.getTrace().filter((e) => e.kind === 'wal.synced' && e.actor === 'n1');
    expect(synced.map((e) => e.timeMs)).toEqual([1000, 2000]);
    expect(synced[1].level).toBe('detail');
    expect(synced[1].text).toMatch(/^n1 flushes its log to disk \(fsync\): record\(s\) #\d+–#\d+ now survive a power loss\.$/);
    expect(n1.wal.syncedUpToNo).toBe(synced[1].data.toNo);
  });
});

describe('checkpoints and snapshots', () => {
  it('each node checkpoints on its own phase: pages flushed, a CHECKPOINT record, the log before it dropped', () => {
    const sim = createSimulation({ scenario: scenario({ ...base, params: { checkpointIntervalMs: 10_000 } }) });
    sim.advanceBy(10_000);
    const entries = sim.getTrace().filter((e) => e.kind === 'wal.checkpointed');
    expect(entries).toHaveLength(3);
    expect(new Set(entries.map((e) => e.timeMs)).size).toBe(3);
    const first = entries[0];
    expect(first.level).toBe('info');
    expect(first.text).toMatch(
      new RegExp(`^${first.actor} takes a checkpoint: the data pages of its 6 replica\\(s\\) are flushed to disk and the log is marked at #\\d+ \\(0/[0-9A-F]{8}\\)\\. A restart replays from here`),
    );
    const node = worldOf(sim).nodes[worldOf(sim).nodeIndexById.get(first.actor)!];
    const no = first.data.recordNo as number;
    expect(node.wal.checkpointNo).toBe(no);
    expect(walRecordAt(node.wal, no)!.type).toBe('CHECKPOINT');
    expect(walRecordAt(node.wal, no - 1)).toBeNull();
    expect(node.wal.syncedUpToNo).toBeGreaterThanOrEqual(no);
  });

  it('the checkpoint LSNs are the pages at that moment', () => {
    const sim = createSimulation({ scenario: scenario({ ...base, params: { checkpointIntervalMs: 10_000 } }) });
    sim.advanceBy(1500);
    const n2 = worldOf(sim).nodes[1];
    sim.dispatch({ type: 'node.checkpoint', node: 'n2' });
    // Same shards at the same LSNs (the image keeps no order: compared by shard).
    expect(n2.ckpt.entries()).toEqual([...n2.disk].sort((a, b) => a[0] - b[0]));
    expect(n2.ckpt.entries().length).toBeGreaterThan(0);
    const said = sim.getTrace().filter((e) => e.kind === 'wal.checkpointed' && e.actor === 'n2').pop()!;
    expect(said.text).toMatch(/^n2 takes a checkpoint \(asked for\)/);
    expect(said.data.records).toBeGreaterThan(0);
  });

  it('node.checkpoint is refused by name when the node is not running', () => {
    const sim = createSimulation({ scenario: scenario(base) });
    sim.dispatch({ type: 'node.crash', node: 'n3' });
    expect(() => sim.dispatch({ type: 'node.checkpoint', node: 'n3' })).toThrow(/node\.checkpoint: n3 is not running \(it is crashed\)/);
    expect(parseCliCommand('node.checkpoint:n3')).toEqual({ ok: true, command: { type: 'node.checkpoint', node: 'n3' } });
  });

  it('a memory store writes a snapshot every snapshotEveryRecords records instead of checkpointing', () => {
    const sim = createSimulation({ scenario: scenario({ ...base, params: { stateStore: 'memory', snapshotEveryRecords: 25 } }) });
    sim.advanceBy(40_000);
    expect(sim.getTrace().filter((e) => e.kind === 'wal.checkpointed')).toEqual([]);
    const snaps = sim.getTrace().filter((e) => e.kind === 'wal.snapshotTaken' && e.actor === 'n1');
    expect(snaps.length).toBeGreaterThan(1);
    expect(snaps[0].text).toMatch(/^n1 writes a snapshot of its in-memory state \(6 replica\(s\), 24\.0 MiB\) at record #26, 25 record\(s\) after the last one\./);
    expect(worldOf(sim).nodes[0].wal.checkpointNo).toBe(snaps[snaps.length - 1].data.recordNo);
  });
});
