// Goal: the metrics panel tells the scenario's story. Copies lead; write figures stand out only when clients
// write; "Fewest copies" is coloured by now and says in words that it is the low point; the charts end on
// the figures' values, top out at round values near the peak, keep the story wide after an idle tail,
// and are legible one per row on a phone.
import { expect, test } from './fixtures';

// Each test re-simulates a scenario in the page; a busy machine (or a cold dev server) needs more than 30 s.
test.describe.configure({ timeout: 90_000 });

const figure = (page: import('@playwright/test').Page, id: string) => page.locator('.metric-figure').filter({ has: page.getByTestId(`metric-${id}`) });

test.describe('metrics panel', () => {
  test('the worked example has no client writes: copies lead, the write figures are set aside, not in warning colour', async ({ page, lab }) => {
    await lab.open('?scenario=rehome-worked-example');
    await lab.call('pause');
    await lab.call('advanceBy', 12_000);
    await lab.synced();
    await expect(page.getByTestId('metric-under-replicated')).toBeVisible();
    await expect(page.getByTestId('metric-min-copies')).toBeVisible();
    // Shards whose primary was n3 refuse writes for now, but no client is writing: no alarm, tucked away.
    const refusing = page.getByTestId('metric-not-writable');
    expect(Number(await refusing.textContent())).toBeGreaterThan(0);
    await expect(refusing).toBeHidden();
    await expect(figure(page, 'not-writable')).not.toHaveClass(/tone-/);
    await expect(page.getByTestId('metrics').getByText('No client writes in this scenario')).toBeVisible();
    await expect(page.getByTestId('chart-writes')).toHaveCount(0);
    // Still there for anyone who asks.
    await page.getByTestId('metrics').getByText('No client writes in this scenario').click();
    await expect(refusing).toBeVisible();
  });

  test('a scenario with a workload shows the write figures and chart', async ({ page, lab }) => {
    await lab.open('?scenario=primary-failover-rf3');
    await lab.call('pause');
    await lab.call('advanceBy', 8_000);
    await expect(page.getByTestId('metric-writes-acked')).toBeVisible();
    await expect(page.getByTestId('metric-not-writable')).toBeVisible();
    await expect(page.getByTestId('chart-writes')).toBeVisible();
    await expect(page.getByTestId('metrics').getByText('No client writes in this scenario')).toHaveCount(0);
  });

  test('"Fewest copies" is the low point in words, coloured by now', async ({ page, lab }) => {
    await lab.open('?scenario=rehome-worked-example');
    await lab.call('pause');
    await lab.call('advanceBy', 20_000);
    await expect(figure(page, 'min-copies')).toHaveClass(/tone-warn/);
    await expect(figure(page, 'min-copies')).toContainText('lowest in run · now 2');
    await lab.call('runUntil', 'healthy', { maxMs: 300_000 });
    await expect(page.getByTestId('metric-min-copies')).toHaveText('2 of 3');
    await expect(figure(page, 'min-copies').getByText('lowest in run · now 3')).toBeVisible();
    await expect(figure(page, 'min-copies')).not.toHaveClass(/tone-/);
  });

  test('charts end on the figures’ values with a round axis, and keep the story wide after idling', async ({ page, lab }) => {
    await lab.open('?scenario=rehome-worked-example');
    await lab.call('pause');
    await lab.call('runUntil', 'healthy', { maxMs: 300_000 });
    const rebuild = page.getByTestId('chart-rebuild-remaining');
    await expect(page.getByTestId('metric-rebuild-remaining')).toHaveText('0 B');
    await expect(rebuild.locator('.chart-label')).toHaveText('0 B');
    await expect(rebuild.locator('text.y')).toHaveText('14 GiB');
    await expect(page.getByTestId('chart-under-replicated').locator('.chart-label').first()).toHaveText(/^0 /);

    // Eight idle minutes later the story (n3 dies at 5 s, healthy at ~56 s) still spans most of the chart:
    // a round tick between 40 and 70 s sits well to the right, not in the left tenth.
    await lab.call('advanceBy', 480_000);
    await lab.synced();
    const ticks = await page
      .getByTestId('chart-under-replicated')
      .locator('text.x')
      .evaluateAll((els) =>
        els.map((el) => ({ text: el.textContent ?? '', at: Number(el.getAttribute('x')) / Number((el as SVGElement).ownerSVGElement!.getAttribute('width')) })),
      );
    const storyTick = ticks.find((t) => /^(40|50|60|70) s$/.test(t.text));
    expect(storyTick, `ticks: ${JSON.stringify(ticks)}`).toBeDefined();
    expect(storyTick!.at).toBeGreaterThan(0.4);
  });
});

test.describe('metrics panel at 390 px', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('charts are one per row, full width, with readable labels', async ({ page, lab }) => {
    await lab.open('?scenario=primary-failover-rf3');
    await lab.call('pause');
    await lab.call('advanceBy', 12_000);
    await lab.synced();
    const charts = page.locator('.metric-chart');
    await expect(charts).toHaveCount(4);
    const panel = await page.getByTestId('metrics').boundingBox();
    for (let i = 0; i < 4; i++) {
      await charts.nth(i).scrollIntoViewIfNeeded();
      const box = (await charts.nth(i).locator('svg').boundingBox())!;
      expect(box.width).toBeGreaterThan(panel!.width - 40);
      expect(box.height).toBeGreaterThanOrEqual(120);
    }
    const size = await charts.first().locator('text.x').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(11);
  });
});
