// Goal (issue 13, design recovery-repair.md §7.8): with vector clocks, writes accepted on both sides of a partition to
// one key are concurrent and both come back to a reader as siblings (read.siblings); the next write that saw them
// resolves them. Under last-writer-wins (Cassandra) the same run silently keeps one.
import { describe, expect, it } from 'vitest';
import { createSimulation, parseCliCommand, type Command, type Simulation } from '../../index';
import { scenario } from '../../../testing/load-scenario';

function cli(text: string): Command {
  const parsed = parseCliCommand(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.command;
}

function partitioned(versioning: 'lww' | 'vectorClocks'): Simulation {
  const s = createSimulation({
    scenario: scenario({
      id: 'siblings',
      nodes: 3,
      shards: 1,
      replicationFactor: 3,
      shardSizeBytes: 1048576,
      workload: { writesPerSec: 10, readsPerSec: 0 },
      placement: { s001: ['n1', 'n2', 'n3'] },
      params: { replication: 'leaderless', writeConsistency: 'ONE', keysPerShard: 4, hotKeyFraction: 1, versioning },
    }),
  });
  // n1 is cut off from the other replicas but still coordinates: its writes reach only itself.
  s.dispatch(cli('link.cut:n1,n2'));
  s.dispatch(cli('link.cut:n1,n3'));
  s.advanceBy(2000);
  // The client loses n1: n2 coordinates now, writing the same keys without n1's versions.
  s.dispatch(cli('link.cut:cp,n1'));
  s.advanceBy(2000);
  s.dispatch(cli('network.heal'));
  s.dispatch({ type: 'workload.set', writesPerSec: 0, readsPerSec: 20 });
  s.advanceBy(2000);
  return s;
}

describe('version vectors', () => {
  it('concurrent writes on both sides of a partition come back as siblings', () => {
    const s = partitioned('vectorClocks');
    const siblings = s.getTrace().filter((e) => e.kind === 'read.siblings');
    expect(siblings.length).toBeGreaterThan(0);
    expect(siblings[0].text).toMatch(/^A read of key \d of s001 gets \d+ sibling versions \(writes [\d, ]+\): their vector clocks are concurrent, so neither wins; the client must merge them/);
    expect(s.getTrace().some((e) => e.kind === 'write.concurrent')).toBe(true);
    expect(s.checkInvariants()).toEqual([]);
  });

  it('last-writer-wins keeps one version silently: no siblings', () => {
    const s = partitioned('lww');
    expect(s.getTrace().some((e) => e.kind === 'read.siblings' || e.kind === 'write.concurrent')).toBe(false);
  });

  it('a write that saw the siblings resolves them', () => {
    const s = partitioned('vectorClocks');
    expect(s.getTrace().some((e) => e.kind === 'read.siblings')).toBe(true);
    s.dispatch({ type: 'workload.set', writesPerSec: 50, readsPerSec: 0 });
    s.advanceBy(2000);
    s.dispatch({ type: 'workload.set', writesPerSec: 0, readsPerSec: 20 });
    const since = s.getTrace().length;
    s.advanceBy(2000);
    expect(s.getTrace().slice(since).some((e) => e.kind === 'read.siblings')).toBe(false);
  });
});
