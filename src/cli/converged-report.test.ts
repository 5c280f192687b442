// Goal (design recovery-repair.md §11.5): `npm run sim -- --until converged` runs until the replicas agree, and the
// report lists each shard's divergence (`shards[].divergence`): null while a shard has none.
import { describe, expect, it } from 'vitest';
import type { SimReport } from './report';
import { createSimulation } from '../engine/index';
import { parseArgs } from './parse-args';
import { runCli, type CliIo } from './run-cli';

const leaderless = {
  id: 'converge',
  nodes: 3,
  shards: 2,
  replicationFactor: 3,
  shardSizeBytes: 67108864,
  params: { replication: 'leaderless', merkleMaxDepth: 4, hintedHandoff: false },
  workload: { writesPerSec: 20, readsPerSec: 0 },
  timeline: [
    { atMs: 1000, command: { type: 'node.crash', node: 'n3' } },
    { atMs: 4000, command: { type: 'node.restart', node: 'n3' } },
    { atMs: 6000, command: { type: 'workload.set', writesPerSec: 0 } },
    { atMs: 15000, command: { type: 'repair.run', shard: 'all', mode: 'full' } },
  ],
};

function runJson(argv: string[]): SimReport {
  const out: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => out.push(t),
    readFile: () => JSON.stringify(leaderless),
    createSimulation,
  };
  runCli([...argv, '--json'], io);
  return JSON.parse(out[0]);
}

describe('--until converged and shards[].divergence', () => {
  it('parses converged as a run target', () => {
    const parsed = parseArgs(['--scenario', 'x', '--until', 'converged']);
    expect(parsed.kind === 'run' && parsed.options.until).toEqual({ kind: 'converged' });
  });

  it('reports stale keys per shard before the repair, and converges after it', () => {
    const mid = runJson(['--scenario', 'converge.json', '--until', '10000']);
    const stale = mid.shards.filter((s) => s.divergence !== null);
    expect(stale.length).toBeGreaterThan(0);
    expect(stale[0].divergence).toMatchObject({ staleReplicas: 1, divergentReplicas: ['n3'], repairedAt: null, pendingRepair: false });
    expect(stale[0].divergence!.staleKeys).toBeGreaterThan(0);
    const end = runJson(['--scenario', 'converge.json', '--until', 'converged']);
    expect(end.run).toMatchObject({ until: 'converged', reached: true });
    expect(end.metrics.staleKeysTruth).toBe(0);
    for (const s of end.shards) expect(s.divergence).toMatchObject({ staleKeys: 0, staleReplicas: 0, repairedAt: expect.any(Number) });
  });
});
