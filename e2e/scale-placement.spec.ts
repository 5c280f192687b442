import { expect, test } from './fixtures';

/**
 * The placement view past the grid's size: a heat map of every shard (issue 12). A learner sees every shard's state
 * at 10,000 and 100,000 shards, sees a crash turn cells under-replicated (and reads how many), and walks to a shard
 * with the keyboard and opens it in the inspector, as in the grid.
 */
const tenThousand = {
  id: 'heatmap-ten-thousand',
  title: '100 nodes, 10,000 shards',
  seed: 1,
  nodes: 100,
  racks: 10,
  shards: 10000,
  replicationFactor: 3,
  timeline: [],
};

/** Leaderless at scale: n3 misses 5 s of writes, comes back healthy by every code, and its replicas hold stale keys. */
const leaderlessTenThousand = {
  ...tenThousand,
  id: 'heatmap-leaderless',
  title: '100 nodes, 10,000 shards, leaderless',
  failover: { autoReReplicate: false },
  params: { replication: 'leaderless' as const, writeConsistency: 'QUORUM' as const, readConsistency: 'QUORUM' as const, hintedHandoff: false, deadAfterMs: 600_000 },
  workload: { writesPerSec: 2000, readsPerSec: 0 },
  timeline: [
    { atMs: 1000, command: { type: 'node.crash' as const, node: 'n3' } },
    { atMs: 6000, command: { type: 'node.restart' as const, node: 'n3' } },
  ],
};

test.describe('placement heat map at scale', () => {
  test('10,000 shards: a crash shows as under-replicated cells; the keyboard selects a shard', async ({ page, lab }) => {
    test.setTimeout(120_000);
    await lab.open();
    await lab.call('load', tenThousand);
    await lab.call('pause');

    const map = page.getByTestId('placement-heatmap');
    await expect(map).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('placement-heatmap-range')).toHaveText('s00001–s10000 of 10,000');
    await expect(page.getByTestId('placement-counts')).toContainText('10000 healthy');
    await expect(page.getByTestId('placement-heatmap-in-view')).toHaveText('every shard in view is healthy');
    // The grid's buttons are not drawn one by one.
    await expect(page.getByTestId('shard-s00001')).toHaveCount(0);

    await lab.call('dispatch', { type: 'node.crash', node: 'n3' });
    await lab.call('advanceBy', 12_000);
    // n3 held 300 shards: once cp declares it DEAD they are under-replicated or re-homing (some already whole
    // again), and the map says how many, in agreement with the counts above it.
    const inView = page.getByTestId('placement-heatmap-in-view');
    await expect(inView).toHaveText(/^\d+ not healthy in view$/, { timeout: 30_000 });
    const sick = Number((await inView.textContent())!.split(' ')[0]);
    expect(sick).toBeGreaterThan(0);
    expect(sick).toBeLessThanOrEqual(300);
    await expect(page.getByTestId('placement-counts')).toContainText(`${10_000 - sick} healthy`);

    // Keyboard: zoom in to a thousand shards, walk four cells right, Enter selects like the grid.
    const clockBefore = (await page.getByTestId('control-time').textContent()) ?? '';
    const cells = page.getByTestId('placement-heatmap-cells');
    await cells.focus();
    await page.keyboard.press('+');
    await expect(page.getByTestId('placement-heatmap-range')).toHaveText('s00001–s01000 of 10,000');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('placement-heatmap-hover')).toContainText('s00005: ');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('inspector')).toContainText('s00005');
    await expect(page.getByTestId('inspector-shard-state')).toBeVisible();
    // Arrow keys stayed in the map: the run did not step.
    await expect(page.getByTestId('control-time')).toHaveText(clockBefore);

    // The pointer names the shard under it.
    await page.getByTestId('placement-heatmap-canvas').hover({ position: { x: 2, y: 2 } });
    await expect(page.getByTestId('placement-heatmap-hover')).toContainText(/^s00001: (healthy|under-replicated|re-homing)/);

    // Paging moves the range by a window; the readout names the ids.
    await cells.focus();
    await page.keyboard.press('PageDown');
    await expect(page.getByTestId('placement-heatmap-range')).toHaveText('s01001–s02000 of 10,000');
  });

  test('100,000 shards: the whole cluster in one map, zoomable to a range', async ({ page, lab }) => {
    test.setTimeout(240_000);
    await lab.open();
    await lab.call('load', { ...tenThousand, id: 'heatmap-hundred-thousand', title: '1,000 nodes, 100,000 shards', nodes: 1000, racks: 20, shards: 100000 });
    await lab.call('pause');
    await expect(page.getByTestId('placement-heatmap-range')).toHaveText('s000001–s100000 of 100,000', { timeout: 120_000 });
    await expect(page.getByTestId('placement-counts')).toContainText('100000 healthy');
    await page.getByTestId('placement-heatmap-zoom-in').click();
    await page.getByTestId('placement-heatmap-zoom-in').click();
    await expect(page.getByTestId('placement-heatmap-range')).toHaveText('s000001–s001000 of 100,000');
    await page.getByTestId('placement-heatmap-next').click();
    await expect(page.getByTestId('placement-heatmap-range')).toHaveText('s001001–s002000 of 100,000');
  });

  test('10,000 leaderless shards: replicas that missed writes show ≠ in the recovery overlay, every one counted', async ({ page, lab }) => {
    test.setTimeout(120_000);
    await lab.open();
    await lab.call('load', leaderlessTenThousand);
    await lab.call('pause');
    await expect(page.getByTestId('placement-heatmap')).toBeVisible({ timeout: 30_000 });
    await lab.call('advanceBy', 10_000);
    await page.getByTestId('overlay-recovery').click();
    // n3 is back and every shard's code is healthy again (so none is listed one by one at this size), yet the shards
    // whose writes n3 missed hold stale keys there: the counts and the map say how many, and agree.
    const counted = page.getByTestId('divergent-counts');
    await expect(counted).toContainText(/\d+ a replica holds stale keys \(truth\)/, { timeout: 30_000 });
    const stale = Number((await counted.textContent())!.match(/(\d+) a replica holds stale keys/)![1]);
    expect(stale).toBeGreaterThan(50);
    expect(stale).toBeLessThanOrEqual(300);
    // ≠ is counted apart from "no replica recovering": together they are every shard.
    const quiet = Number((await page.getByTestId('recovery-counts').textContent())!.match(/^(\d+) no replica recovering/)![1]);
    expect(quiet + stale).toBe(10_000);
    await expect(page.getByTestId('placement-heatmap-in-view')).toHaveText(
      `no replica recovering or corrupt in view; ${stale.toLocaleString('en')} with a replica holding stale keys`,
    );
    await expect(page.getByTestId('placement-heatmap-legend-divergent')).toHaveText('≠a replica holds stale keys (truth)');
    // The other overlays keep their meaning: every shard takes writes.
    await page.getByTestId('overlay-writes').click();
    await expect(page.getByTestId('placement-heatmap-in-view')).toHaveText('every shard in view takes writes');
  });

  test('390 px: the counts and node strip wrap, and the heat map below them is still whole, legend and all', async ({ page, lab }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await lab.open();
    await lab.call('load', leaderlessTenThousand);
    await lab.call('pause');
    await lab.call('advanceBy', 10_000);
    // The Recovery overlay has the most count lines (five states and the stale-key line).
    await page.getByTestId('overlay-recovery').click();
    await expect(page.getByTestId('divergent-counts')).toBeVisible({ timeout: 30_000 });
    const map = (await page.getByTestId('placement-heatmap').boundingBox())!;
    const body = (await page.locator('.placement-body').boundingBox())!;
    // The whole map, its bar and its legend inside the part of the panel that shows them: nothing below a scroll edge.
    expect(map.height).toBeGreaterThan(200);
    expect(map.y).toBeGreaterThanOrEqual(body.y - 1);
    expect(map.y + map.height).toBeLessThanOrEqual(body.y + body.height + 1);
  });
});

