// Goal (design recovery-repair.md §7.7, §14 exercise 8): incremental repair compares only writes after the repaired
// watermark, so it validates far less than a full repair; it marks the watermark (repair.marked) and calls
// ReplicaRepair.CompareChecksumsSince; and — the trap the Cassandra docs warn about — corruption of a key already
// marked repaired is invisible to it and found only by a full repair.
import { describe, expect, it } from 'vitest';
import { createSimulation, parseCliCommand, type Command, type Simulation } from '../index';
import { scenario } from '../../testing/load-scenario';
import { applyWrite, corruptKeys, newShardDivergence } from '../model/divergence';
import type { World } from './world';

function worldOf(sim: Simulation): World {
  return (sim as unknown as { w: World }).w;
}

function cli(text: string): Command {
  const parsed = parseCliCommand(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.command;
}

const MIB = 1024 * 1024;

function sim(): Simulation {
  return createSimulation({
    scenario: scenario({
      id: 'incremental',
      nodes: 3,
      shards: 1,
      replicationFactor: 3,
      shardSizeBytes: 64 * MIB,
      params: { replication: 'leaderless', merkleMaxDepth: 4, keysPerShard: 1024, linkLatencyMs: 1 },
    }),
  });
}

function divOf(w: World) {
  let div = w.divergence.byShard.get(0);
  if (!div) w.divergence.byShard.set(0, (div = newShardDivergence()));
  return div;
}

/** `count` writes to keys from `firstKey`, each missing replica `stale` (node index) when it is not null. */
function writes(s: Simulation, firstKey: number, count: number, stale: number | null): void {
  const w = worldOf(s);
  const shard = w.shards[0];
  for (let i = 0; i < count; i++) {
    shard.lsn++;
    const missed = stale === null ? [] : [stale];
    w.divergence.staleKeysTruth += applyWrite(divOf(w), firstKey + i, shard.lsn, [0, 1, 2].filter((r) => r !== stale), missed);
  }
  for (const node of w.nodes) {
    for (const m of [node.disk, node.ckpt]) m.set(0, shard.lsn);
    node.disk.setHeld(0, shard.lsn);
  }
}

function validationOf(s: Simulation, command: string): number {
  const before = s.getMetrics().validationBytes;
  s.dispatch(cli(command));
  s.runUntil('idle');
  return s.getMetrics().validationBytes - before;
}

describe('incremental repair', () => {
  it('validates only the writes since the watermark, marks it, and calls CompareChecksumsSince', () => {
    const s = sim();
    writes(s, 0, 200, 2);
    const full = validationOf(s, 'repair.run:s001,full');
    expect(full).toBe(3 * 64 * MIB);
    expect(s.getMetrics().staleKeysTruth).toBe(0);
    expect(s.getState().shards[0].divergence).toMatchObject({ repairedAt: 200, staleKeys: 0 });
    // More writes, and a second outage of n2 (index 1) for some of them.
    writes(s, 300, 30, null);
    writes(s, 400, 20, 1);
    const incremental = validationOf(s, 'repair.run:s001,incremental');
    expect(incremental).toBe(3 * 50 * 1024);
    expect(incremental).toBeLessThan(0.5 * full);
    expect(s.getMetrics().staleKeysTruth).toBe(0);
    expect(s.getMetrics().repairedFraction).toBe(1);
    const trace = s.getTrace();
    const since = trace.filter((e) => e.kind === 'api.call' && e.data.method === 'CompareChecksumsSince');
    expect(since.length).toBe(2);
    expect(since[0].data.args).toMatchObject({ repairedAt: 200 });
    const marked = trace.filter((e) => e.kind === 'repair.marked');
    expect(marked.map((e) => [e.data.from, e.data.to])).toEqual([
      [null, 200],
      [200, 250],
    ]);
    expect(s.checkInvariants()).toEqual([]);
  });

  it('the trap: a repaired key that rots later is invisible to incremental repair; a full repair finds and fixes it', () => {
    const s = sim();
    writes(s, 0, 40, 2);
    validationOf(s, 'repair.run:s001,incremental');
    writes(s, 100, 5, null);
    // Bit rot on n1's copy of key 7, last written (write 8) long before the watermark.
    const w = worldOf(s);
    w.divergence.staleKeysTruth += corruptKeys(divOf(w), 0, [7]);
    expect(s.getMetrics().staleKeysTruth).toBe(1);
    validationOf(s, 'repair.run:s001,incremental');
    const incremental = s.getTrace().filter((e) => e.kind === 'repair.finished').at(-1)!;
    expect(incremental.text).toMatch(/the replicas already agreed/);
    expect(s.getMetrics().staleKeysTruth).toBe(1);
    validationOf(s, 'repair.run:s001,full');
    const full = s.getTrace().filter((e) => e.kind.startsWith('repair.')).slice(-4);
    expect(full.find((e) => e.kind === 'repair.streamed')!.text).toMatch(/rewriting the corrupt keys on n1/);
    expect(s.getMetrics().staleKeysTruth).toBe(0);
  });

  it('a session stopped mid-stream leaves pending repair on the shard until the next one finishes', () => {
    const s = sim();
    writes(s, 0, 400, 2);
    s.dispatch(cli('repair.run:s001,incremental'));
    // Validation 1 s, one round trip, then a stream of 2 pairs × 16 leaves × 64 keys: 2 MiB at 24 MiB/s ≈ 83 ms.
    s.advanceBy(1010);
    expect(s.getState().shards[0].divergence?.pendingRepair).toBe(true);
    s.dispatch(cli('node.crash:n3'));
    s.advanceBy(200);
    expect(s.getTrace().filter((e) => e.kind === 'repair.failed')[0].text).toMatch(/stopped mid-stream: the data it covered stays pending repair/);
    expect(s.getState().shards[0].divergence?.pendingRepair).toBe(true);
    s.dispatch(cli('node.restart:n3'));
    s.runUntil('idle', { maxMs: 60_000 });
    expect(s.getState().shards[0].divergence).toMatchObject({ pendingRepair: false, staleKeys: 0, repairedAt: 400 });
  });
});
