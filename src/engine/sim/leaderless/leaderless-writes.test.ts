// Goal (issue 13, design recovery-repair.md §7.1): in leaderless mode a coordinator sends each write to every replica
// and acknowledges it at the write consistency level; a replica that is down misses it and holds the key stale.
import { describe, expect, it } from 'vitest';
import { createSimulation, parseCliCommand, type Command, type Simulation } from '../../index';
import { scenario } from '../../../testing/load-scenario';
import { replicasNeeded, shortfallWords } from './consistency';

function cli(text: string): Command {
  const parsed = parseCliCommand(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.command;
}

export function leaderlessSim(params: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Simulation {
  return createSimulation({
    scenario: scenario({
      id: 'leaderless',
      nodes: 3,
      shards: 4,
      replicationFactor: 3,
      shardSizeBytes: 4194304,
      workload: { writesPerSec: 10, readsPerSec: 0 },
      params: { replication: 'leaderless', ...params },
      ...extra,
    }),
  });
}

describe('consistency levels', () => {
  it('ONE = 1, QUORUM = floor(RF/2)+1, ALL = RF, ANY = 1', () => {
    expect([1, 2, 3, 5].map((rf) => replicasNeeded('QUORUM', rf))).toEqual([1, 2, 2, 3]);
    expect(replicasNeeded('ONE', 3)).toBe(1);
    expect(replicasNeeded('ALL', 5)).toBe(5);
    expect(replicasNeeded('ANY', 3)).toBe(1);
    expect(shortfallWords('QUORUM', 3, ['n1'])).toBe('CL QUORUM needs 2 of 3 replicas; only n1 answered');
  });
});

describe('leaderless writes', () => {
  it('with every replica up, writes are acknowledged and nothing diverges (nothing per key is kept)', () => {
    const s = leaderlessSim();
    s.advanceBy(5000);
    const m = s.getMetrics();
    expect(s.getMetrics().writesAcked).toBeGreaterThan(40);
    expect(m.staleKeysTruth).toBe(0);
    expect(m.divergentReplicasTruth).toBe(0);
    const acked = s.getTrace().find((e) => e.kind === 'write.acked');
    expect(acked?.text).toMatch(/acknowledged at CL QUORUM by coordinator n\d: 3 of 3 replica\(s\) answered/);
  });

  it('a down replica misses writes at QUORUM: they are acknowledged, and it holds those keys stale', () => {
    const s = leaderlessSim();
    s.dispatch(cli('node.crash:n3'));
    s.advanceBy(5000);
    const m = s.getMetrics();
    expect(s.getMetrics().writesFailed).toBe(0);
    expect(m.staleKeysTruth).toBeGreaterThan(20);
    expect(m.divergentReplicasTruth).toBe(4);
    const partial = s.getTrace().find((e) => e.kind === 'write.partial');
    expect(partial?.level).toBe('detail');
    expect(partial?.text).toMatch(/n3 missed it \(down\)/);
  });

  it('below the consistency level a write fails, in plain words, and no hint is stored', () => {
    const s = leaderlessSim({ hintedHandoff: true });
    s.dispatch(cli('node.crash:n2'));
    s.dispatch(cli('node.crash:n3'));
    s.advanceBy(2000);
    expect(s.getMetrics().writesAcked).toBe(0);
    const failed = s.getTrace().find((e) => e.kind === 'write.failed');
    expect(failed?.text).toMatch(/CL QUORUM needs 2 of 3 replicas; only n1 answered/);
    expect(s.getMetrics().hintsStored).toBe(0);
  });

  it('the coordinator is the first replica in placement order the client reaches', () => {
    const s = leaderlessSim({}, { placement: { s001: ['n1', 'n2', 'n3'], s002: ['n1', 'n2', 'n3'], s003: ['n1', 'n2', 'n3'], s004: ['n1', 'n2', 'n3'] } });
    s.dispatch(cli('node.crash:n1'));
    s.advanceBy(1000);
    const acked = s.getTrace().filter((e) => e.kind === 'write.acked');
    expect(acked.length).toBeGreaterThan(0);
    for (const e of acked) expect(e.text).toMatch(/by coordinator n2/);
  });

  it('never elects or names a primary on the write path', () => {
    const s = leaderlessSim();
    s.dispatch(cli('node.crash:n1'));
    s.advanceBy(30000);
    const texts = s
      .getTrace()
      .filter((e) => e.kind.startsWith('write.'))
      .map((e) => e.text);
    for (const t of texts) expect(t).not.toMatch(/primary/);
  });

  it('is deterministic: the same seed and commands give the same digest', () => {
    const run = () => {
      const s = leaderlessSim({ hintedHandoff: true }, { workload: { writesPerSec: 20, readsPerSec: 20 } });
      s.dispatch(cli('node.crash:n2'));
      s.advanceBy(10000);
      s.dispatch(cli('node.restart:n2'));
      s.advanceBy(10000);
      return s.digest();
    };
    expect(run()).toBe(run());
  });
});
