import { expect, test, type Lab } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * The cluster view from 6 to 1,000 nodes (issue 12's proof): load, crash a node, play, seek back, select a node
 * through Find node, and read what a learner reads — the node itself at classroom size, its rack's tile counts at
 * fleet size. Every driver call is awaited (the engine answers from a worker). The 1,000-node case builds and
 * re-simulates 100,000 shards on a busy two-core machine: it gets a generous timeout of its own, never retries.
 *
 * n5 is crashed by hand with the scenario's own timeline off, so the only failure is ours: it sits in rack r5 at
 * every size (nodes are dealt over racks in turn).
 */

const CASES = [
  { id: 'rehome-worked-example', nodes: 6, racks: 6, view: 'detail', timeoutMs: 90_000 },
  { id: 'fleet-100-nodes', nodes: 100, racks: 10, view: 'aggregate', timeoutMs: 180_000 },
  { id: 'fleet-1000-nodes', nodes: 1000, racks: 40, view: 'aggregate', timeoutMs: 900_000 },
] as const;

async function loadWithoutTimeline(lab: Lab, page: Page, id: string): Promise<void> {
  await lab.open();
  await lab.call('pause');
  await lab.call('load', id, { timeline: false });
  await lab.call('pause');
  await expect(page.getByTestId('scenario-select')).toHaveValue(id);
}

for (const size of CASES) {
  test(`${size.nodes} nodes: crash n5, play, seek back, find it, read its rack`, async ({ page, lab }) => {
    test.setTimeout(size.timeoutMs);
    const slow = { timeout: size.timeoutMs / 3 };
    await loadWithoutTimeline(lab, page, size.id);
    const map = page.getByTestId('cluster-map');
    await expect(map).toHaveAttribute('data-view', size.view, slow);

    // Crash n5 and play: the clock moves. Then on to 12 s, past cp declaring n5 DEAD (10 s of silence); a run of
    // 100,000 shards plays slower than real time on this machine, so the rest of the way is one advanceBy.
    expect(await lab.call('dispatch', { type: 'node.crash', node: 'n5' })).toEqual({ ok: true });
    await lab.call('setSpeed', 8);
    await lab.call('play');
    await expect(page.getByTestId('control-time').locator('.clock-time')).not.toHaveText('0.00 s', slow);
    await lab.call('pause');
    const played = await lab.timeMs();
    expect(played).toBeGreaterThan(0);
    await lab.call('advanceBy', 12_000);
    if (size.view === 'aggregate') {
      const r5 = page.getByTestId('rack-r5');
      await expect(r5).toHaveAttribute('data-dead', '1', slow);
      // What the tile says in numbers and words: one dead, the rest up, the dead node named.
      const perRack = String(size.nodes / size.racks);
      await expect(r5).toHaveAttribute('data-up', String(size.nodes / size.racks - 1));
      await expect(r5).toHaveAttribute('data-nodes', perRack);
      await expect(r5).toContainText('✕1');
      await expect(r5).toContainText('n5');
      await expect(r5).toHaveAccessibleName(new RegExp(`^Rack r5: ${Number(perRack) - 1} up, 1 dead \\(n5\\)`));
      // Every other rack is whole: the learner can tell which rack lost the node.
      const dead = await page.locator('[data-testid^="rack-r"][data-dead]:not([data-dead="0"])').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
      expect(dead).toEqual(['rack-r5']);
      await expect(page.locator('[data-testid^="rack-r"][data-rack-id]')).toHaveCount(size.racks);
    } else {
      await expect(page.getByTestId('node-n5')).toHaveAccessibleName(/monitor says DEAD/, slow);
    }
    expect(await lab.timeMs()).toBe(played + 12_000);

    // Seek back to 2 s: n5 is down, but cp has not noticed yet.
    await lab.call('seek', 2000);
    expect(await lab.timeMs()).toBe(2000);
    if (size.view === 'aggregate') {
      const r5 = page.getByTestId('rack-r5');
      await expect(r5).toHaveAttribute('data-dead', '0', slow);
      await expect(r5).toHaveAttribute('data-up', String(size.nodes / size.racks), slow);
      await expect(r5).toHaveAttribute('data-down', '1');
      await expect(r5).toHaveAccessibleName(/1 process down that cp has not noticed \(n5\)/);
    } else {
      await expect(page.getByTestId('node-n5')).toHaveAccessibleName(/process crashed, monitor says ACTIVE/, slow);
    }

    // Find node: type its number, press Enter; the node is selected (the inspector opens on it) and shown.
    const search = page.getByTestId('cluster-search');
    await search.fill('5');
    await search.press('Enter');
    await expect(page.getByTestId('cluster-search-status')).toHaveText('n5 · rack r5');
    const node = page.getByTestId('node-n5');
    await expect(node).toBeVisible(slow);
    await expect(page.getByTestId('inspector')).toContainText('n5', slow);
    if (size.view === 'aggregate') {
      await expect(page.getByTestId('rack-r5')).toHaveAttribute('aria-expanded', 'true');
      await expect(node).toHaveAttribute('aria-pressed', 'true');
      // Only the open rack's nodes are drawn, never all of them.
      await expect(page.locator('[data-testid^="node-n"]')).toHaveCount(size.nodes / size.racks);
      // Enter on the tile closes it again; the keyboard reaches every rack.
      await page.getByTestId('rack-r5').focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('rack-r5')).toHaveAttribute('aria-expanded', 'false');
      await expect(page.locator('[data-testid^="node-n"]')).toHaveCount(0);
      await page.keyboard.press('ArrowRight');
      await expect(page.getByTestId('rack-r6')).toBeFocused();
    }

    // A node that does not exist says so instead of doing nothing.
    await search.fill(`n${size.nodes + 1}`);
    await search.press('Enter');
    await expect(page.getByTestId('cluster-search-status')).toHaveText(`No node “n${size.nodes + 1}” (n1–n${size.nodes})`);
  });
}
