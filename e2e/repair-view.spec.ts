// Goal: a learner steps through one anti-entropy session in the shard inspector's Repair panel. Two replicas of
// s001 miss writes while n4 is down; `repair.run:s001,full` then goes requested → validating → comparing (level by
// level, the compared level lit) → streaming → finished, and the counters end on the design's formulas: hashes
// exchanged against the whole tree, keys streamed (every key of each differing leaf) against the stale keys.
import AxeBuilder from '@axe-core/playwright';
import type { ScenarioFile } from 'failover-lab';
import { expect, test } from './fixtures';

/** A small leaderless cluster (design §14's classroom): RF 2, s001 on n2 and n4, trees of depth 4 (16 leaves of 64 keys). */
const SCENARIO: ScenarioFile = {
  id: 'repair-view-e2e',
  title: 'Repair view: one Merkle session, level by level',
  seed: 7,
  nodes: 4,
  racks: 4,
  shards: 4,
  replicationFactor: 2,
  shardSizeBytes: 1048576,
  placement: { s001: ['n2', 'n4'] },
  failover: { autoReReplicate: false },
  workload: { writesPerSec: 16, readsPerSec: 0 },
  params: {
    replication: 'leaderless',
    writeConsistency: 'ONE',
    readConsistency: 'ONE',
    hintedHandoff: false,
    keysPerShard: 1024,
    merkleMaxDepth: 4,
    merkleExchange: 'levelByLevel',
    deadAfterMs: 300000,
  },
  timeline: [
    { atMs: 2000, command: { type: 'node.crash', node: 'n4' } },
    { atMs: 5000, command: { type: 'node.restart', node: 'n4' } },
    { atMs: 8000, command: { type: 'workload.set', writesPerSec: 0 } },
  ],
};

const PHASES = ['requested', 'validating', 'comparing', 'streaming', 'finished'];

test.describe('Repair view', () => {
  test('steps through a level-by-level anti-entropy session on s001', async ({ page, lab }) => {
    test.setTimeout(90_000);
    await lab.open();
    await lab.call('load', SCENARIO);
    await lab.call('pause');
    await lab.call('advanceBy', 10_000);
    await lab.call('select', { kind: 'shard', id: 's001' });

    const toggle = page.getByTestId('repair-toggle');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const view = page.getByTestId('merkle-view');
    await expect(view).toBeVisible({ timeout: 10_000 });

    // Before any session: n2 and n4 disagree; the stale keys are listed and the differing leaves marked.
    const phase = page.getByTestId('repair-phase');
    await expect(phase).toHaveAttribute('data-phase', 'none');
    const staleTable = page.getByTestId('stale-keys');
    await expect(staleTable).toContainText(/showing \d+ of \d+/);
    const staleTotal = Number((await staleTable.locator('caption').textContent())!.match(/of ([\d,]+)/)![1].replace(/,/g, ''));
    expect(staleTotal).toBeGreaterThan(0);
    await expect(view.locator('[data-testid^="merkle-node-n2-0-0"]')).toHaveAttribute('data-differs', 'true');
    const differingLeaves = await view.locator('[data-testid^="merkle-node-n2-4-"][data-differs="true"]').count();
    expect(differingLeaves).toBeGreaterThan(0);

    expect(await lab.call('dispatch', { type: 'repair.run', shard: 's001', mode: 'full' })).toEqual({ ok: true });
    const seen: string[] = [];
    const litSeen = new Set<number>();
    for (let i = 0; i < 400; i++) {
      const now = (await phase.getAttribute('data-phase'))!;
      if (seen[seen.length - 1] !== now) seen.push(now);
      if (now === 'comparing') {
        const lit = await view.locator('[data-testid^="merkle-level-n2-"][data-lit="true"]').getAttribute('data-testid').catch(() => null);
        if (lit) litSeen.add(Number(lit.split('-').pop()));
        await expect(page.getByTestId('merkle-hashes')).toHaveText(/^\d+ hashes exchanged \/ 62 whole tree$/);
      }
      if (now === 'finished' || now === 'failed') break;
      await lab.call('step');
      await lab.synced();
    }
    // Every phase in order (a fast phase may pass within one event), ending finished.
    expect(seen[seen.length - 1]).toBe('finished');
    expect(seen.filter((p) => p !== 'none').every((p, i, all) => i === 0 || PHASES.indexOf(p) > PHASES.indexOf(all[i - 1]))).toBe(true);
    expect(seen).toContain('comparing');
    // Level by level: the lit level moved down the tree.
    expect(litSeen.size).toBeGreaterThan(1);

    // The counters end on the formulas: keys streamed = differing leaves × 64 keys; stale keys as the table counted.
    await expect(page.getByTestId('merkle-keys')).toHaveText(`${(differingLeaves * 64).toLocaleString('en-US')} keys streamed / ${staleTotal.toLocaleString('en-US')} stale key${staleTotal === 1 ? '' : 's'}`);
    await expect(page.getByTestId('merkle-hashes')).toHaveText(/^\d+ hashes exchanged \/ 62 whole tree$/);
    await expect(view).toContainText(/differed: (its|their) [\d,]+ keys were streamed\./);
    // Repaired: the trees match and nothing is stale.
    await expect(view.locator('[data-testid^="merkle-node-"][data-differs="true"]')).toHaveCount(0);
    await expect(staleTable).toContainText('showing 0 of 0');

    // Keyboard and screen readers: the run buttons are reachable, and the area passes axe.
    await page.getByTestId('repair-run-full').focus();
    await expect(page.getByTestId('repair-run-full')).toBeFocused();
    const axe = await new AxeBuilder({ page }).include('[data-testid="repair-area"]').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  test('says why there is nothing to compare with primary replication', async ({ page, lab }) => {
    test.setTimeout(30_000);
    await lab.open('?scenario=rehome-worked-example&timeline=0');
    await lab.call('select', { kind: 'shard', id: 's001' });
    await page.getByTestId('repair-toggle').click();
    await expect(page.getByTestId('merkle-view')).toContainText('leaderless replication');
  });
});
