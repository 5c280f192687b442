// Goal (issue 13, design recovery-repair.md §7.6, §15): a coordinator keeps hints for a replica that missed writes,
// only within the hint window; it hands them over in batches once the replica is seen alive, at the throttled rate;
// a hint is applied at most once; a coordinator that crashes loses its hints, and a write held only as a hint with them.
import { describe, expect, it } from 'vitest';
import { createSimulation, parseCliCommand, type Command, type Simulation } from '../../index';
import { scenario } from '../../../testing/load-scenario';
import { hintDeliveryMs, hintsForOutage } from '../hints';

function cli(text: string): Command {
  const parsed = parseCliCommand(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.command;
}

function sim(params: Record<string, unknown>, extra: Record<string, unknown> = {}): Simulation {
  return createSimulation({
    scenario: scenario({
      id: 'hints',
      nodes: 3,
      shards: 1,
      replicationFactor: 3,
      shardSizeBytes: 4194304,
      workload: { writesPerSec: 5, readsPerSec: 0 },
      placement: { s001: ['n1', 'n2', 'n3'] },
      params: { replication: 'leaderless', hintedHandoff: true, maxHintWindowMs: 60000, ...params },
      ...extra,
    }),
  });
}

const kinds = (s: Simulation, kind: string) => s.getTrace().filter((e) => e.kind === kind);

describe('hint arithmetic (§15)', () => {
  it('λ 5/s, down 90 s, window 60 s: 300 hinted, 150 left to repair', () => {
    expect(hintsForOutage(5, 90000, 60000)).toEqual({ hinted: 300, unhinted: 150 });
  });

  it('delivery of 300 KiB at 1 MiB/s × 2 threads shared by 5 other nodes takes ≈ 0.73 s', () => {
    expect(hintDeliveryMs(300 * 1024, { hintDeliveryBytesPerSec: 1048576, maxHintsDeliveryThreads: 2 }, 6)).toBeCloseTo(732.4, 1);
  });
});

describe('hinted handoff in a run', () => {
  it('keeps hints for the first 60 s of an outage, tells once when the window passes, counts the rest as unhinted', () => {
    const s = sim({});
    s.dispatch(cli('node.crash:n3'));
    s.advanceBy(90000);
    const m = s.getMetrics();
    expect(m.hintsStored).toBe(300);
    expect(m.hintsExpired).toBe(150);
    expect(m.hintsPending).toBe(300);
    const expired = kinds(s, 'hint.windowExpired');
    expect(expired).toHaveLength(1);
    expect(expired[0].level).toBe('warn');
    expect(expired[0].text).toMatch(/n3 has been down 60\.\d s, longer than the 60\.0 s hint window: writes it misses from now on are not hinted; only repair will bring them/);
    expect(kinds(s, 'hint.stored')[0].level).toBe('detail');
  });

  it('an outage inside the window: the hints reach the replica once it is seen alive, and nothing stays stale', () => {
    const s = sim({});
    s.dispatch(cli('node.crash:n3'));
    s.advanceBy(30000);
    expect(s.getMetrics().staleKeysTruth).toBeGreaterThan(0);
    s.dispatch(cli('node.restart:n3'));
    s.advanceBy(5000);
    const m = s.getMetrics();
    expect(m.hintsExpired).toBe(0);
    expect(m.hintsPending).toBe(0);
    expect(m.hintsDelivered).toBe(m.hintsStored);
    expect(m.staleKeysTruth).toBe(0);
    const delivered = kinds(s, 'hint.delivered');
    expect(delivered).toHaveLength(1);
    // The writes n3 missed while it restarted are hinted too; any it got first by a direct write are superseded.
    expect(delivered[0].text).toMatch(/^n1 hands 15\d hint\(s\) \(15\d KiB\) to n3 in 1\d\d ms \(1\.0 MiB\/s × 2 thread\(s\) shared by 2 nodes\): 1\d\d applied/);
    expect(s.checkInvariants()).toEqual([]);
  });

  it('an outage past the window leaves the unhinted writes stale for repair', () => {
    const s = sim({});
    s.dispatch(cli('node.crash:n3'));
    s.advanceBy(90000);
    s.dispatch(cli('node.restart:n3'));
    s.advanceBy(5000);
    const m = s.getMetrics();
    expect(m.hintsPending).toBe(0);
    expect(m.staleKeysTruth).toBeGreaterThan(0);
    expect(s.checkInvariants()).toEqual([]);
  });

  it('a hint older than what the replica already holds is superseded, not applied again', () => {
    const s = sim({ keysPerShard: 4 }, { workload: { writesPerSec: 200, readsPerSec: 0 } });
    s.dispatch(cli('node.crash:n3'));
    s.advanceBy(3000);
    s.dispatch(cli('node.restart:n3'));
    s.advanceBy(5000);
    const superseded = kinds(s, 'hint.superseded');
    expect(superseded.length).toBeGreaterThan(0);
    expect(superseded[0].text).toMatch(/were not applied: n3 already held a newer version .*A hint is applied at most once, and never over a newer write/);
    const m = s.getMetrics();
    expect(m.hintsDelivered).toBe(m.hintsStored);
    expect(m.staleKeysTruth).toBe(0);
    expect(s.checkInvariants()).toEqual([]);
  });

  it('a coordinator that crashes loses its hints; a write held only as a hint is lost with them', () => {
    const s = createSimulation({
      scenario: scenario({
        id: 'any',
        nodes: 4,
        shards: 1,
        replicationFactor: 3,
        shardSizeBytes: 4194304,
        workload: { writesPerSec: 5, readsPerSec: 0 },
        placement: { s001: ['n1', 'n2', 'n3'] },
        params: { replication: 'leaderless', hintedHandoff: true, writeConsistency: 'ANY' },
      }),
    });
    for (const n of ['n1', 'n2', 'n3']) s.dispatch(cli(`node.crash:${n}`));
    s.advanceBy(1000);
    const acked = kinds(s, 'write.acked');
    expect(acked.length).toBeGreaterThan(0);
    expect(acked[0].text).toMatch(/by coordinator n4: 0 of 3 replica\(s\) answered \(a hint on the coordinator is its only copy\)/);
    s.dispatch(cli('node.crash:n4'));
    const lost = kinds(s, 'hint.lost');
    expect(lost).toHaveLength(1);
    expect(lost[0].text).toMatch(/^n4 crashed holding \d+ hint\(s\) for n1, n2, n3: they are gone \(hints are best effort\)/);
    expect(lost[0].text).toMatch(/existed only as a hint: lost for good/);
    const m = s.getMetrics();
    expect(m.hintsLost).toBe(m.hintsStored);
    expect(m.hintsPending).toBe(0);
    expect(m.writesLost).toBe(acked.length);
    expect(s.getState().lostWrites.map((l) => l.cause)).toEqual(acked.map(() => 'held only as a hint'));
    expect(s.checkInvariants()).toEqual([]);
  });
});
