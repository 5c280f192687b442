// Goal: stepping through a replay record by record needs the log strip, the replay cursor, the focused record's
// fields, the Recovery panel's phases and formula and the event log on screen TOGETHER at 1440×900, without
// scrolling anything; placement and metrics stay reachable. At 390 px the log stays one column, below the node.
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

test.describe.configure({ timeout: 90_000 });

/** True when the whole element is inside the window and no scrolling ancestor clips it (hit-tests corners and centre). */
async function fullyVisible(locator: Locator): Promise<boolean> {
  await expect(locator).toBeVisible();
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) return false;
    const inset = 2;
    const points = [
      [r.left + inset, r.top + inset],
      [r.right - inset, r.top + inset],
      [r.left + inset, r.bottom - inset],
      [r.right - inset, r.bottom - inset],
      [(r.left + r.right) / 2, (r.top + r.bottom) / 2],
    ];
    return points.every(([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return hit !== null && (hit === el || el.contains(hit));
    });
  });
}

/** The built-in at 8.7 s: n3 is replaying its log after a power loss; its log opened from the inspector. */
async function openReplayingLog(page: import('@playwright/test').Page, lab: import('./fixtures').Lab) {
  await lab.open('?scenario=power-loss-torn-tail');
  await lab.call('pause');
  await lab.call('advanceBy', 8_700);
  await lab.call('select', { kind: 'node', id: 'n3' });
  await page.getByTestId('recovery-toggle').click();
  const strip = page.getByTestId('wal-strip-n3');
  await expect(strip).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('recovery-phase')).toContainText('replaying');
  return strip;
}

test.describe('1440×900: the log and the replay on screen together', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('cursor, record details, phases with the formula and the event log are all in view, no scrolling', async ({ page, lab }) => {
    const strip = await openReplayingLog(page, lab);
    const cursorNo = await strip.getAttribute('data-cursor');
    expect(cursorNo, 'replay has a cursor at 8.7 s').not.toBeNull();
    const seen = {
      'cursor marker': page.getByTestId('wal-cursor-n3'),
      'cursor cell': page.getByTestId(`wal-record-n3-${cursorNo}`),
      'record details': page.getByTestId('wal-record-details'),
      'phase stepper': page.getByTestId('recovery-panel').getByRole('list', { name: 'Phases of the way back' }),
      'replay formula': page.getByTestId('replay-formula'),
      'event log': page.getByTestId('event-log').getByRole('heading', { name: /Event log/i }),
    };
    for (const [what, locator] of Object.entries(seen)) expect(await fullyVisible(locator), `${what} fully visible`).toBe(true);
    // Nothing was scrolled to get there: not the page, not a box holding the log.
    expect(await page.evaluate(() => scrollY), 'the page is not scrolled').toBe(0);
    // The newest event is in view too (the log follows the run).
    expect(await fullyVisible(page.getByTestId('event-log').locator('li').last()), 'newest event visible').toBe(true);
    // A learner who moves to a record (the "Follow the replay again" button appears) still reads its fields.
    await page.getByTestId(`wal-record-n3-${Number(cursorNo) - 1}`).focus();
    await expect(page.getByRole('button', { name: 'Follow the replay again' })).toBeVisible();
    await expect(page.getByTestId('wal-record-details')).toContainText(`#${Number(cursorNo) - 1}`);
    expect(await fullyVisible(page.getByTestId('wal-record-details')), 'record details visible with a record focused').toBe(true);
    // Placement and metrics stay reachable.
    for (const id of ['placement', 'metrics']) {
      const panel = page.locator(`.area-${id} > .panel`);
      await panel.scrollIntoViewIfNeeded();
      await expect(panel).toBeInViewport();
    }
    // Closing the log gives the row back.
    await page.evaluate(() => scrollTo(0, 0));
    await page.getByTestId('recovery-toggle').click();
    await expect(strip).toHaveCount(0);
    await expect(page.locator('.area-placement > .panel')).toBeInViewport();
  });
});

test.describe('390 px: the log stays one column', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the opened log sits below the node, as wide as the screen, and nothing scrolls sideways', async ({ page, lab }) => {
    const strip = await openReplayingLog(page, lab);
    await expect(strip).toBeInViewport();
    const box = (await strip.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    // Opening scrolled the page to the log: its first line clears the sticky playback bar.
    const bar = (await page.getByRole('toolbar', { name: 'Playback' }).boundingBox())!;
    const now = (await page.getByTestId('recovery-panel').getByRole('heading', { name: 'Recovery' }).boundingBox())!;
    expect(now.y, 'the Recovery heading is below the sticky bar').toBeGreaterThanOrEqual(bar.y + bar.height);
    const toggle = (await page.getByTestId('recovery-toggle').boundingBox())!;
    expect(box.y, 'the log comes after the toggle').toBeGreaterThan(toggle.y);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no sideways scroll').toBeLessThanOrEqual(390);
  });
});
