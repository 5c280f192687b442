// Goal (issue 13, design recovery-repair.md §6.3, §7.2): in leaderless mode `shard.repair` (ceph pg repair) rewrites the
// corrupt keys it fixes from the good copy, so the key-level truth agrees with the replica-level one: no corrupt key is
// left behind on a replica the trace calls repaired, and `staleKeysTruth` falls with `corruptReplicasTruth`.
import { describe, expect, it } from 'vitest';
import { createSimulation, parseCliCommand, type Command, type Simulation } from '../../index';
import { scenario } from '../../../testing/load-scenario';

function cli(text: string): Command {
  const parsed = parseCliCommand(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.command;
}

function sim(): Simulation {
  return createSimulation({
    scenario: scenario({
      id: 'leaderless-pg-repair',
      profile: 'ceph',
      nodes: 4,
      racks: 4,
      shards: 4,
      replicationFactor: 3,
      shardSizeBytes: 1048576,
      placement: { s001: ['n1', 'n2', 'n3'] },
      workload: { writesPerSec: 0, readsPerSec: 0 },
      params: { replication: 'leaderless', keysPerShard: 16 },
    }),
  });
}

describe('shard.repair in leaderless mode', () => {
  it('rewrites the corrupt keys from the good copy: no stale key is left on the repaired replica', () => {
    const s = sim();
    s.dispatch(cli('replica.corrupt:n2,s001,3'));
    expect(s.getMetrics().staleKeysTruth).toBe(3);
    s.dispatch(cli('scrub.run:s001'));
    s.runUntil(() => s.getState().shards.find((sh) => sh.id === 's001')!.inconsistent === true, { maxMs: 600_000 });
    s.dispatch(cli('shard.repair:s001'));
    expect(s.getTrace().find((e) => e.kind === 'shard.repaired')?.text).toMatch(/3 bad key\(s\) on n2 rewritten from n1's good copy/);
    expect(s.checkInvariants()).toEqual([]);
    expect(s.getMetrics()).toMatchObject({ corruptReplicasTruth: 0, staleKeysTruth: 0 });
    expect(s.checkInvariants()).toEqual([]);
  });
});
