import { expect, test } from '@playwright/test';
import { makeLab } from './fixtures';

/**
 * The aggregate map's code loads only when a fleet-sized cluster is shown. If it cannot load (offline, a stale chunk
 * after a deploy), the learner is told so and can try again; the run itself is not lost.
 */
test('the rack map that fails to load says so, and Try again draws it', async ({ page }) => {
  test.setTimeout(120_000);
  // The blocked request is a console error by design; an unhandled rejection would be a page error, and must not happen.
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const lab = makeLab(page);
  let block = true;
  await page.route(/scale-renderer/, (route) => (block ? route.abort() : route.continue()));
  await lab.open();
  await lab.call('pause');
  await lab.call('load', 'fleet-100-nodes', { timeline: false });
  const failed = page.getByTestId('cluster-map-load-failed');
  await expect(failed).toBeVisible({ timeout: 40_000 });
  await expect(failed).toContainText('The rack map could not load');
  // The engine is untouched: the run answers and moves.
  await lab.call('advanceBy', 1000);
  expect(await lab.timeMs()).toBe(1000);

  block = false;
  await failed.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('rack-r5')).toBeVisible({ timeout: 40_000 });
  await expect(failed).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
