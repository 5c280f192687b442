// Goal (issue 11, design recovery-repair.md §6.3): once cp knows a replica is corrupt it answers as the profile's
// system does — re-replicate (HDFS, ZeptoDB), mark the shard inconsistent until `shard.repair` (Ceph), or stop the
// node (CockroachDB) — and a corrupt replica is never the source of a copy.
import { describe, expect, it } from 'vitest';
import { createSimulation, parseCliCommand, type Command, type Simulation, type TraceEntry } from '../index';
import { scenario } from '../../testing/load-scenario';

function cli(text: string): Command {
  const parsed = parseCliCommand(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.command;
}

function sim(params: Record<string, unknown>, extra: Record<string, unknown> = {}): Simulation {
  return createSimulation({
    scenario: scenario({
      id: 'response',
      nodes: 4,
      racks: 4,
      shards: 1,
      replicationFactor: 3,
      shardSizeBytes: 4194304,
      placement: { s001: ['n1', 'n2', 'n3'] },
      params,
      ...extra,
    }),
  });
}

const kinds = (s: Simulation, kind: string): TraceEntry[] => s.getTrace().filter((e) => e.kind === kind);
const shard = (s: Simulation) => s.getState().shards[0];

describe('reReplicate (HDFS, ZeptoDB)', () => {
  it('drops the corrupt copy from placement, re-homes the shard from a good copy, and deletes the bad one at RF', () => {
    const s = sim({ corruptionResponse: 'reReplicate' });
    s.dispatch(cli('replica.corrupt:n2,s001'));
    s.dispatch(cli('scrub.run:s001,deep'));
    s.advanceBy(300);
    const removed = kinds(s, 'replica.removed')[0];
    expect(removed.data).toMatchObject({ node: 'n2', reason: 'corrupt' });
    expect(removed.text).toMatch(/stays on n2's disk until s001 is back at 3/);
    expect(shard(s).replicas).toEqual(['n1', 'n3']);
    expect(shard(s).corruptKnown).toEqual(['n2']);
    expect(s.runUntil('healthy', { maxMs: 60_000 }).reached).toBe(true);
    const copy = kinds(s, 'copy.started').find((e) => e.data.shard === 's001');
    expect(copy?.data.source).not.toBe('n2');
    expect(copy?.data.target).toBe('n4');
    expect(kinds(s, 'replica.corruptDeleted')[0].text).toMatch(/corrupt copy on n2 is deleted/);
    expect(s.getMetrics()).toMatchObject({ corruptReplicasTruth: 0, corruptReplicasKnown: 0 });
    expect(shard(s).corruptKnown).toEqual([]);
    expect(s.checkInvariants()).toEqual([]);
  });

  it('a corrupt primary found by a read loses its role: another voter is elected and writes go on', () => {
    const s = sim({ corruptionResponse: 'reReplicate' }, { workload: { writesPerSec: 5, readsPerSec: 5 } });
    s.advanceBy(1000);
    s.dispatch(cli('replica.corrupt:n1,s001'));
    s.advanceBy(1000);
    expect(kinds(s, 'replica.corruptDetected')[0].data.by).toBe('read');
    expect(s.runUntil('healthy', { maxMs: 60_000 }).reached).toBe(true);
    expect(shard(s).primary).not.toBe('n1');
    expect(shard(s).replicas).not.toContain('n1');
    expect(s.getMetrics().writesLost).toBe(0);
    expect(s.checkInvariants()).toEqual([]);
  });

  it('never streams a copy from a corrupt replica, even one nobody knew was corrupt: the copy read finds it', () => {
    // Five nodes: the one keeping the removed corrupt copy takes no new copy of that shard until it is whole.
    const s = sim({ corruptionResponse: 'reReplicate', deadAfterMs: 3000, suspectAfterMs: 1500 }, { nodes: 5, racks: 5 });
    s.dispatch(cli('replica.corrupt:n1,s001'));
    s.dispatch(cli('node.crash:n3'));
    expect(s.runUntil('healthy', { maxMs: 60_000 }).reached).toBe(true);
    for (const e of kinds(s, 'copy.started')) expect(e.data.source).not.toBe('n1');
    const found = kinds(s, 'replica.corruptDetected').find((e) => e.data.node === 'n1');
    expect(found?.text).toMatch(/a copy streaming from it failed its checksums/);
    expect(s.checkInvariants()).toEqual([]);
  });
});

describe('markInconsistent (Ceph)', () => {
  it('flags the shard; writes continue; shard.repair rewrites the bad copy from a good one', () => {
    const s = sim({ corruptionResponse: 'markInconsistent', scrubAutoRepair: false }, { workload: { writesPerSec: 5, readsPerSec: 0 } });
    expect(() => s.dispatch(cli('shard.repair:s001'))).toThrow(/s001 is not inconsistent/);
    s.dispatch(cli('replica.corrupt:n2,s001,3'));
    s.dispatch(cli('scrub.run:s001,deep'));
    s.advanceBy(2000);
    expect(kinds(s, 'shard.inconsistent')[0].text).toMatch(/nothing repairs it until an operator runs shard.repair:s001 \(ceph pg repair\)/);
    expect(shard(s).inconsistent).toBe(true);
    expect(shard(s).replicas).toEqual(['n1', 'n2', 'n3']);
    expect(s.getMetrics().writesFailed).toBe(0);
    expect(s.checkInvariants()).toEqual([]);
    s.dispatch(cli('shard.repair:s001'));
    expect(kinds(s, 'shard.repaired')[0].text).toMatch(/3 bad key\(s\) on n2 rewritten from n1's good copy/);
    expect(shard(s).inconsistent).toBe(false);
    expect(s.getMetrics()).toMatchObject({ corruptReplicasTruth: 0, corruptReplicasKnown: 0 });
  });

  it('scrubAutoRepair repairs at once up to 5 errors, and leaves more to the operator', () => {
    const few = sim({ corruptionResponse: 'markInconsistent', scrubAutoRepair: true });
    few.dispatch(cli('replica.corrupt:n2,s001,5'));
    few.dispatch(cli('scrub.run:s001,deep'));
    few.advanceBy(300);
    expect(kinds(few, 'shard.repaired')[0].text).toMatch(/automatically \(osd_scrub_auto_repair: 5 error\(s\), at most 5\)/);
    const many = sim({ corruptionResponse: 'markInconsistent', scrubAutoRepair: true });
    many.dispatch(cli('replica.corrupt:n2,s001,6'));
    many.dispatch(cli('scrub.run:s001,deep'));
    many.advanceBy(300);
    expect(kinds(many, 'shard.repaired')).toHaveLength(0);
    expect(kinds(many, 'shard.autoRepairRefused')[0].text).toMatch(/6 damaged objects, more than the 5/);
  });
});

describe('fatal (CockroachDB)', () => {
  it('stops the node holding the odd replica out; the normal DEAD path re-homes its shards', () => {
    const s = sim({ corruptionResponse: 'fatal' });
    s.dispatch(cli('replica.corrupt:n2,s001'));
    s.dispatch(cli('scrub.run:s001,deep'));
    s.advanceBy(300);
    const stopped = kinds(s, 'node.crashed').find((e) => e.actor === 'n2');
    expect(stopped?.text).toMatch(/consistency check failed with 1 inconsistent replicas/);
    expect(s.getState().nodes.find((n) => n.id === 'n2')?.up).toBe(false);
    expect(s.runUntil('healthy', { maxMs: 120_000 }).reached).toBe(true);
    expect(shard(s).replicas).not.toContain('n2');
    expect(s.checkInvariants()).toEqual([]);
  });
});

describe('a fresh copy replaces a rotten one', () => {
  it('a snapshot catch-up rewrites the returning copy, and its old rot goes with it', () => {
    const s = sim({ logRetainEntries: 5, logTruncationHoldMs: 0, rehomeGraceMs: 60_000 }, { shards: 1, workload: { writesPerSec: 20, readsPerSec: 0 } });
    s.dispatch(cli('replica.corrupt:n2,s001'));
    s.dispatch(cli('node.crash:n2'));
    s.advanceBy(3000);
    s.dispatch(cli('node.restart:n2'));
    expect(s.runUntil('healthy', { maxMs: 60_000 }).reached).toBe(true);
    s.advanceBy(2000);
    expect(s.getTrace().some((e) => e.kind === 'catchup.snapshot' || /snapshot/.test(e.text) && e.actor === 'n2')).toBe(true);
    expect(s.getMetrics().corruptReplicasTruth).toBe(0);
  });
});

describe('fatal found by the restart check', () => {
  it('the node finishes starting, then stops: it never says it serves after it stopped', () => {
    const s = sim({ corruptionResponse: 'fatal', verifyOnRestart: 'full' });
    s.dispatch(cli('replica.corrupt:n2,s001'));
    s.dispatch(cli('node.crash:n2'));
    s.dispatch(cli('node.restart:n2'));
    s.advanceBy(5000);
    const trace = s.getTrace();
    const verified = trace.find((e) => e.kind === 'node.verified' && e.actor === 'n2')!;
    const stopped = trace.filter((e) => e.kind === 'node.crashed' && e.actor === 'n2').pop()!;
    expect(verified.text).toMatch(/n2 read all its replicas \(4\.0 MiB in 250 ms\): s001 corrupt/);
    expect(stopped.seq).toBeGreaterThan(verified.seq);
    expect(stopped.text).toMatch(/consistency check failed/);
    expect(s.getState().nodes.find((n) => n.id === 'n2')?.lifecycle).toBe('crashed');
    expect(s.checkInvariants()).toEqual([]);
  });
});

describe('markInconsistent with a corrupt primary', () => {
  it('the primary steps down (a known-corrupt copy never leads) and takes its role back once repaired', () => {
    const s = sim({ corruptionResponse: 'markInconsistent', scrubAutoRepair: false }, { workload: { writesPerSec: 5, readsPerSec: 5 } });
    s.dispatch(cli('replica.corrupt:n1,s001'));
    s.dispatch(cli('scrub.run:s001,deep'));
    for (let i = 0; i < 100; i++) {
      s.advanceBy(50);
      expect(s.checkInvariants()).toEqual([]);
    }
    expect(s.getTrace().find((e) => e.kind === 'primary.lost')?.text).toMatch(/its copy is known corrupt/);
    expect(shard(s).primary).not.toBe('n1');
    expect(shard(s).writable).toBe(true);
    s.dispatch(cli('shard.repair:s001'));
    expect(s.runUntil('healthy', { maxMs: 60_000 }).reached).toBe(true);
    expect(shard(s).primary).toBe('n1');
    expect(s.checkInvariants()).toEqual([]);
  });
});

describe('a known-corrupt copy that leaves its disk', () => {
  it('takes its corruption with it: discarded as stale at the resync, it leaves no known-corrupt entry, and a repair after is clean', () => {
    // Found by the recovery property sweep: n3's copy of s001, re-homed while n3 was DEAD, rots while n3 restarts;
    // the restart's verify finds it (inconsistent), then the resync discards the copy — but cp's belief that n3
    // holds a corrupt copy stayed, and once shard.repair cleared the flag nothing answered for it (invariant 8).
    const s = sim(
      { corruptionResponse: 'markInconsistent', verifyOnRestart: 'full', checkpointIntervalMs: 0 },
      { workload: { writesPerSec: 10 } },
    );
    s.dispatch(cli('node.crash:n3'));
    s.runUntil(() => kinds(s, 'replica.added').length > 0 || s.timeMs > 40_000, { maxMs: 40_000 });
    s.runUntil('healthy', { maxMs: s.timeMs + 30_000 });
    s.dispatch(cli('node.restart:n3'));
    s.dispatch(cli('disk.corrupt:n3,1'));
    s.runUntil(() => kinds(s, 'node.rejoining').length > 0, { maxMs: s.timeMs + 20_000 });
    expect(kinds(s, 'replica.corruptDetected').some((e) => /n3's copy of s001/.test(e.text))).toBe(true);
    expect(kinds(s, 'node.rejoining')[0].text).toMatch(/discarded \(s001\)/);
    expect(s.getState().nodes.find((n) => n.id === 'n3')!.recovery.corruptKnown).toBe(0);
    s.dispatch(cli('shard.repair:s001'));
    expect(s.checkInvariants()).toEqual([]);
    s.runUntil((st) => st.timeMs > s.timeMs + 5_000, { maxMs: s.timeMs + 5_000 });
    expect(s.checkInvariants()).toEqual([]);
  });
});
