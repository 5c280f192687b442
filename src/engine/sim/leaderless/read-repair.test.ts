// Goal (issue 13, design recovery-repair.md §7.5): a read at QUORUM compares digests; with BLOCKING the newest version
// is written back to the replicas the read contacted — only those — and the client waits one more round trip; with
// NONE nothing is repaired; at CL ONE nothing is compared. Hot keys, read most, are repaired first.
import { describe, expect, it } from 'vitest';
import { createSimulation, parseCliCommand, type Command, type Simulation } from '../../index';
import { scenario } from '../../../testing/load-scenario';
import { hotKeyCount } from './keys';

function cli(text: string): Command {
  const parsed = parseCliCommand(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.command;
}

/** n3 misses 8 s of writes (no hints; back before cp declares it DEAD, so placement keeps its order), comes back, then only reads run. `order` is every shard's placement. */
function afterOutage(params: Record<string, unknown>, order: string[]): Simulation {
  const placement = Object.fromEntries(['s001', 's002', 's003', 's004'].map((s) => [s, order]));
  const s = createSimulation({
    scenario: scenario({
      id: 'read-repair',
      nodes: 3,
      shards: 4,
      replicationFactor: 3,
      shardSizeBytes: 4194304,
      workload: { writesPerSec: 50, readsPerSec: 0 },
      placement,
      params: { replication: 'leaderless', keysPerShard: 64, ...params },
    }),
  });
  s.dispatch(cli('node.crash:n3'));
  s.advanceBy(8000);
  // Writes stop first: a later write would refresh the hot keys n3 missed before any read could repair them.
  s.dispatch({ type: 'workload.set', writesPerSec: 0, readsPerSec: 0 } as Command);
  s.dispatch(cli('node.restart:n3'));
  s.advanceBy(3000);
  s.dispatch({ type: 'workload.set', writesPerSec: 0, readsPerSec: 50 } as Command);
  return s;
}

const kinds = (s: Simulation, kind: string) => s.getTrace().filter((e) => e.kind === kind);

describe('read repair', () => {
  it('BLOCKING: a digest mismatch writes the newest version back to the contacted replica; the client waits a round trip', () => {
    const s = afterOutage({ readRepair: 'BLOCKING' }, ['n3', 'n1', 'n2']);
    const before = s.getMetrics().staleKeysTruth;
    expect(before).toBeGreaterThan(20);
    s.advanceBy(20000);
    const m = s.getMetrics();
    expect(m.readRepairs).toBeGreaterThan(0);
    expect(m.staleKeysTruth).toBeLessThan(before);
    expect(m.staleKeysTruth).toBe(before - m.readRepairs);
    expect(m.readsBlockedMs).toBeGreaterThan(0);
    const repaired = kinds(s, 'read.repaired')[0];
    expect(repaired.text).toMatch(/^Key \d+ of s00\d: n3 had (write \d+|an older version), n1 had write (\d+): \2 written back to n3; the client waited one more round trip \(\d+ ms\)\.$/);
    expect(kinds(s, 'read.digestMismatch')[0].text).toMatch(/n3's digest of key \d+ of s00\d differs from n1's/);
    expect(m.staleKeysKnown).toBe(0);
    expect(s.checkInvariants()).toEqual([]);
  });

  it('repairs only the replicas the read contacted: a replica QUORUM never asks stays stale', () => {
    const s = afterOutage({ readRepair: 'BLOCKING' }, ['n1', 'n2', 'n3']);
    const before = s.getMetrics().staleKeysTruth;
    s.advanceBy(20000);
    const m = s.getMetrics();
    expect(m.readRepairs).toBe(0);
    expect(m.staleKeysTruth).toBe(before);
    expect(kinds(s, 'read.digestMismatch')).toHaveLength(0);
  });

  it('NONE: the mismatch is seen (and known), nothing is repaired', () => {
    const s = afterOutage({ readRepair: 'NONE' }, ['n3', 'n1', 'n2']);
    const before = s.getMetrics().staleKeysTruth;
    s.advanceBy(20000);
    const m = s.getMetrics();
    expect(m.readRepairs).toBe(0);
    expect(m.staleKeysTruth).toBe(before);
    expect(m.staleKeysKnown).toBeGreaterThan(0);
    expect(m.staleKeysKnown).toBeLessThanOrEqual(before);
    expect(kinds(s, 'read.digestMismatch')[0].text).toMatch(/read_repair is NONE, so the coordinator answers with the newest and repairs nothing/);
    expect(m.staleReadsServed).toBe(0);
  });

  it('CL ONE compares nothing: the stale replica answers, and the read is stale', () => {
    const s = afterOutage({ readRepair: 'BLOCKING', readConsistency: 'ONE' }, ['n3', 'n1', 'n2']);
    s.advanceBy(20000);
    const m = s.getMetrics();
    expect(m.readRepairs).toBe(0);
    expect(kinds(s, 'read.digestMismatch')).toHaveLength(0);
    expect(m.staleReadsServed).toBeGreaterThan(0);
  });

  it('repairs hot keys first: after 10 s of reads most hot stale keys are repaired, most cold ones are not', () => {
    const s = afterOutage({ readRepair: 'BLOCKING' }, ['n3', 'n1', 'n2']);
    const hot = hotKeyCount({ keysPerShard: 64, hotKeyFraction: 0.1 });
    // Truth, read from the world the way only a test may: stale keys of n3 (node index 2), hot and cold.
    const staleOfN3 = () => {
      const w = (s as unknown as { w: { divergence: { byShard: Map<number, { stale: Map<number, Map<number, number>> }> } } }).w;
      let hotN = 0;
      let coldN = 0;
      for (const div of w.divergence.byShard.values()) for (const key of div.stale.get(2)?.keys() ?? []) if (key < hot) hotN++; else coldN++;
      return { hotN, coldN };
    };
    const start = staleOfN3();
    expect(start.hotN).toBeGreaterThan(5);
    expect(start.coldN).toBeGreaterThan(5);
    s.advanceBy(10000);
    const end = staleOfN3();
    expect(end.hotN / start.hotN).toBeLessThan(0.2);
    expect(end.coldN / start.coldN).toBeGreaterThan(0.5);
  });
});
