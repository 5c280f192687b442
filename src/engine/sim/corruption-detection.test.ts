// Goal (issue 11, design recovery-repair.md §6.2): cp learns of corruption only through a detector — a client read's
// checksum, a light or deep scrub on each node's own clock, an operator's scrub, a restart's verify — and each
// detector finds what it can: a light scrub or a header check never finds bit rot inside the data.
import { describe, expect, it } from 'vitest';
import { createSimulation, parseCliCommand, type Command, type Simulation, type TraceEntry } from '../index';
import { scenario } from '../../testing/load-scenario';
import { corruptReplica, verifyReplicasOnRestart } from './corruption';
import { createWorld } from './wiring';

function cli(text: string): Command {
  const parsed = parseCliCommand(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.command;
}

const SHARD_BYTES = 4194304; // 4 MiB: a deep scrub reads one in 250 ms at 16 MiB/s

function raw(params: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return scenario({
    id: 'detection',
    nodes: 4,
    shards: 6,
    replicationFactor: 3,
    shardSizeBytes: SHARD_BYTES,
    placement: { s001: ['n1', 'n2', 'n3'] },
    params: { corruptionResponse: 'markInconsistent', scrubAutoRepair: false, ...params },
    ...extra,
  });
}

function sim(params: Record<string, unknown>, extra: Record<string, unknown> = {}): Simulation {
  return createSimulation({ scenario: raw(params, extra) });
}

const kinds = (s: Simulation, kind: string): TraceEntry[] => s.getTrace().filter((e) => e.kind === kind);

describe('checksum on read', () => {
  it('a read of a corrupt primary fails its checksum, is retried elsewhere, and the corruption becomes known', () => {
    const s = sim({}, { shards: 1, placement: { s001: ['n1', 'n2', 'n3'] }, workload: { writesPerSec: 0, readsPerSec: 10 } });
    s.dispatch(cli('replica.corrupt:n1,s001'));
    s.advanceBy(1000);
    const found = kinds(s, 'replica.corruptDetected');
    expect(found).toHaveLength(1);
    expect(found[0].text).toMatch(/n1's copy of s001 is corrupt: a client read failed its checksum and was retried on another replica/);
    expect(s.getMetrics().corruptReplicasKnown).toBe(1);
    expect(s.getMetrics().readsFailed).toBe(0);
    expect(s.getTrace().some((e) => e.kind === 'read.fresh' && /retried on n[23]/.test(e.text))).toBe(true);
    expect(s.getState().shards[0].replicaRoles.find((r) => r.node === 'n1')?.corrupt).toBe('known');
    expect(s.getState().nodes.find((n) => n.id === 'n1')?.recovery.corruptKnown).toBe(1);
  });

  it('with checksumOnRead off, the corrupt copy answers and nobody notices', () => {
    const s = sim({ checksumOnRead: false }, { shards: 1, placement: { s001: ['n1', 'n2', 'n3'] }, workload: { writesPerSec: 0, readsPerSec: 10 } });
    s.dispatch(cli('replica.corrupt:n1,s001'));
    s.advanceBy(1000);
    expect(kinds(s, 'replica.corruptDetected')).toHaveLength(0);
    expect(s.getMetrics().corruptReplicasKnown).toBe(0);
  });
});

describe('scrubs on each node', () => {
  it('a light scrub passes bit rot; the deep scrub finds it, reading replicas in shard order', () => {
    const s = sim({ scrubIntervalMs: 2000, deepScrubIntervalMs: 6000 });
    s.dispatch(cli('replica.corrupt:n2,s001'));
    s.advanceBy(5000);
    const lights = kinds(s, 'scrub.finished').filter((e) => e.data.deep === false && e.actor === 'n2');
    expect(lights.length).toBeGreaterThan(0);
    expect(lights[0].text).toMatch(/all match \(bit rot inside the data passes a light scrub\)/);
    const result = s.runUntil(() => s.getMetrics().corruptReplicasKnown === 1, { maxMs: 30_000 });
    expect(result.reached).toBe(true);
    expect(kinds(s, 'replica.corruptDetected')[0].text).toMatch(/a deep scrub read it/);
    const started = kinds(s, 'scrub.started').find((e) => e.actor === 'n2');
    expect(started?.text).toMatch(/reads its \d+ replica\(s\) .* in shard order/);
    const verified = kinds(s, 'scrub.replicaVerified').filter((e) => e.actor === 'n2').map((e) => String(e.data.shard));
    expect(verified).toEqual([...verified].sort());
    expect(s.getMetrics().scrubBytes).toBeGreaterThanOrEqual(SHARD_BYTES);
  });

  it('keeps one scrub event per node on the clock, never one per shard', () => {
    const s = sim({ scrubIntervalMs: 2000, deepScrubIntervalMs: 6000 }, { shards: 200 });
    s.advanceBy(20_000);
    // Deep passes take 150 replicas × 250 ms = 37.5 s per node here, so none has finished: each node read one replica at a time.
    const reads = kinds(s, 'scrub.replicaVerified');
    const perNode = new Map<string, number>();
    for (const e of reads) perNode.set(e.actor, (perNode.get(e.actor) ?? 0) + 1);
    for (const [, n] of perNode) expect(n).toBeLessThanOrEqual(Math.ceil(20_000 / 250));
    expect(perNode.size).toBe(4);
  });

  it('is off (no stream drawn, no entry) while both intervals are 0, and a config.set turns it on', () => {
    const s = sim({});
    s.advanceBy(30_000);
    expect(s.getTrace().filter((e) => e.kind.startsWith('scrub.'))).toHaveLength(0);
    s.dispatch(cli('config.set:params.deepScrubIntervalMs=5000'));
    s.advanceBy(10_000);
    expect(kinds(s, 'scrub.started').length).toBeGreaterThan(0);
  });
});

describe('scrub.run', () => {
  it('a light scrub of the shard finds nothing; a deep one finds the rot after one replica read time', () => {
    const s = sim({});
    s.dispatch(cli('replica.corrupt:n3,s001,2'));
    s.dispatch(cli('scrub.run:s001'));
    s.advanceBy(10);
    expect(kinds(s, 'scrub.finished')[0].text).toMatch(/sizes and object counts match/);
    s.dispatch(cli('scrub.run:s001,deep'));
    s.advanceBy(249);
    expect(s.getMetrics().corruptReplicasKnown).toBe(0);
    s.advanceBy(1);
    expect(s.getMetrics().corruptReplicasKnown).toBe(1);
    expect(kinds(s, 'scrub.finished')[1].text).toMatch(/deep scrub of s001 is done: n3's copy is corrupt\./);
    // Told first, then answered: the scrub's result, then cp's detection and response.
    const seqOf = (kind: string) => s.getTrace().find((e) => e.kind === kind && e.data.deep !== false)!.seq;
    expect(seqOf('scrub.finished')).toBeLessThan(seqOf('replica.corruptDetected'));
  });
});

describe('verifyReplicasOnRestart', () => {
  it('metadata finds torn pages only; full reads every replica and finds bit rot, at scrubBytesPerSec', () => {
    const w = createWorld(raw({ verifyOnRestart: 'metadata' }), 1);
    const n2 = w.nodes[1];
    corruptReplica(w, n2, w.shards[0], 1);
    expect(verifyReplicasOnRestart(w, n2).found).toEqual([]);
    w.params.verifyOnRestart = 'full';
    const report = verifyReplicasOnRestart(w, n2);
    expect(report.found).toEqual(['s001']);
    expect(report.ms).toBe((n2.disk.size * SHARD_BYTES * 1000) / (16 * 1024 * 1024));
    w.params.verifyOnRestart = 'none';
    expect(verifyReplicasOnRestart(w, n2)).toMatchObject({ ms: 0, found: [] });
  });
});

describe('scrub intervals', () => {
  it('are 0 (off) or at least 100 ms: a 1 µs scrub clock would never let time move', () => {
    const s = sim({});
    expect(() => s.dispatch(cli('config.set:params.scrubIntervalMs=0.001'))).toThrow(/must be 0 \(off\) or a number from 100 to \d+ ms, got 0.001/);
    expect(() => s.dispatch(cli('config.set:params.deepScrubIntervalMs=50'))).toThrow(/0 \(off\) or a number from 100/);
    s.dispatch(cli('config.set:params.deepScrubIntervalMs=0'));
    s.dispatch(cli('config.set:params.deepScrubIntervalMs=100'));
  });
});
