// Goal (issue 13, design recovery-repair.md §7.1): in leaderless mode nothing a learner reads names a primary,
// voters or an election: the shard view says whether a coordinator can get a write acknowledged at the write
// consistency level, and which replicas it reaches; the trace never tells of a primary lost or elected.
import { describe, expect, it } from 'vitest';
import { createSimulation, parseCliCommand, type Command } from '../index';
import { getBuiltInScenario } from '../../scenarios/registry';
import { scenario } from '../../testing/load-scenario';

function cli(text: string): Command {
  const parsed = parseCliCommand(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.command;
}

function leaderlessSim(params: Record<string, unknown> = {}) {
  return createSimulation({
    scenario: scenario({
      id: 'leaderless-view',
      nodes: 3,
      shards: 4,
      replicationFactor: 3,
      shardSizeBytes: 4194304,
      workload: { writesPerSec: 10, readsPerSec: 0 },
      params: { replication: 'leaderless', ...params },
    }),
  });
}

describe('leaderless shard view', () => {
  it('names no primary, configured primary or voter; every replica reached is a plain replica', () => {
    const sim = leaderlessSim();
    sim.advanceBy(5_000);
    const s = sim.getState().shards[0];
    expect(s.primary).toBeNull();
    expect(s.configuredPrimary).toBeNull();
    expect(s.voters).toEqual([]);
    expect(s.replicaRoles.map((r) => [r.role, r.voting])).toEqual([
      ['secondary', false],
      ['secondary', false],
      ['secondary', false],
    ]);
    expect(s.quorum).toBe('writable');
    expect(s.quorumReason).toBeNull();
  });

  it('a shard whose coordinator reaches too few replicas for the write CL refuses writes, in CL words', () => {
    const sim = leaderlessSim({ writeConsistency: 'ALL' });
    sim.advanceBy(2_000);
    const first = sim.getState().shards[0].replicas[0];
    sim.dispatch(cli(`node.crash:${first}`));
    sim.advanceBy(1_000);
    const s = sim.getState().shards[0];
    expect(s.writable).toBe(false);
    expect(s.quorumReason).toMatch(/^CL ALL needs 3 of 3 replicas; a coordinator reaches only /);
    expect(s.quorumReason).not.toMatch(/primary|voter|elect/);
    expect(s.replicaRoles.find((r) => r.node === first)?.role).toBe('disconnected');
    // The placement summary's metric counts it too; no shard is "without a primary" where none is ever named.
    expect(sim.getMetrics().shardsNotWritable).toBeGreaterThan(0);
    for (const id of ['n1', 'n2', 'n3']) if (id !== first) sim.dispatch(cli(`node.crash:${id}`));
    sim.advanceBy(400_000);
    expect(sim.getMetrics().shardsWithoutPrimary).toBe(0);
  });

  for (const id of ['hinted-handoff-any-lost', 'read-repair-vs-anti-entropy', 'incremental-repair'])
    it(`the trace of ${id} tells of no primary, election, voter or vote`, () => {
      const sim = createSimulation({ scenario: getBuiltInScenario(id)! });
      sim.runUntil('converged', { maxMs: 600_000 });
      const words = sim.getTrace().filter((e) => /primary|elect|voter|votes?\b/i.test(`${e.kind} ${e.text}`));
      expect(words.map((e) => `${e.kind}: ${e.text}`)).toEqual([]);
    });
});
