// Goal (design recovery-repair.md §12, issue 13): a test author reads a shard's Repair view through window.failoverLab,
// over the real worker protocol: the trees, the session's counters and the stale keys; null in primary replication;
// a bad shard or pair is refused naming the problem.
import { afterEach, describe, expect, it } from 'vitest';
import { scenario } from '../testing/load-scenario';
import { createLocalConsole } from '../worker/local-console';
import { createDriver } from './driver-api';

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((c) => c.dispose()));

async function driver(params: Record<string, unknown>) {
  const s = scenario({
    id: 'repair-view',
    nodes: 3,
    shards: 2,
    shardSizeBytes: 4 * 1024 * 1024,
    params: { merkleMaxDepth: 4, hintedHandoff: false, ...params },
    workload: { writesPerSec: 20, readsPerSec: 0 },
    timeline: [
      { atMs: 500, command: { type: 'node.crash', node: 'n3' } },
      { atMs: 3000, command: { type: 'node.restart', node: 'n3' } },
      { atMs: 5000, command: { type: 'workload.set', writesPerSec: 0 } },
    ],
  });
  const local = createLocalConsole(s, s.seed);
  open.push(local.client);
  await local.ready;
  return createDriver(local.client, local.ready);
}

describe('driver getRepairView', () => {
  it('shows the stale keys and differing leaves, then the finished session with its counters', async () => {
    const lab = await driver({ replication: 'leaderless' });
    await lab.advanceBy(6000);
    const before = await lab.getRepairView('s001');
    expect(before).not.toBeNull();
    expect(before!.depth).toBe(4);
    expect(before!.trees[0].levels.map((l) => l.length)).toEqual([1, 2, 4, 8, 16]);
    expect(before!.staleKeysTotal).toBeGreaterThan(0);
    expect(before!.trees[0].levels[0][0].differs).toBe(true);
    await lab.dispatch({ type: 'repair.run', shard: 's001', mode: 'full' });
    await lab.runUntil('idle', { maxMs: 60_000 });
    const after = (await lab.getRepairView('s001', ['n1', 'n3']))!;
    expect(after.pair).toEqual(['n1', 'n3']);
    expect(after.session).toMatchObject({ shard: 's001', phase: 'finished', mode: 'full', wholeTreeHashes: 93, hashesExchanged: 93 });
    expect(after.session!.keysStreamed).toBe(2 * after.session!.differingLeaves.length * 64);
    expect(after.staleKeysTotal).toBe(0);
    expect(after.trees[0].root).toBe(after.trees[1].root);
  });

  it('is null in primary replication, and refuses an unknown shard or a bad pair', async () => {
    expect(await (await driver({})).getRepairView('s001')).toBeNull();
    const lab = await driver({ replication: 'leaderless' });
    await expect(lab.getRepairView('s999')).rejects.toThrow('unknown shard "s999"');
    await expect(lab.getRepairView('s001', ['n1', 'n1'])).rejects.toThrow(/names n1 twice/);
    await expect(lab.getRepairView('s001', ['n1'] as unknown as [string, string])).rejects.toThrow(/pair must be two replica ids/);
  });
});

describe('stale-key rows', () => {
  it('a replica holding the newest version shows it as latest does, also when only bit rot made the key differ', async () => {
    const lab = await driver({ replication: 'leaderless' });
    await lab.advanceBy(6000);
    await lab.dispatch({ type: 'replica.corrupt', node: 'n1', shard: 's001', keys: 1 });
    const view = (await lab.getRepairView('s001'))!;
    for (const row of view.staleKeys) {
      const fresh = row.versions.filter((v) => v.version === row.latest);
      const stale = row.versions.filter((v) => v.version !== row.latest);
      expect(fresh.length + stale.length).toBe(3);
      expect(stale.length).toBeGreaterThan(0);
      expect(fresh.length).toBeGreaterThan(0);
    }
    expect(view.staleKeys.some((row) => row.versions.some((v) => v.version === 'corrupt'))).toBe(true);
  });
});
