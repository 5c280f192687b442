// Goal: while the run plays, the event log stays on its newest entry; once the learner scrolls up to read,
// new entries do not pull the list away from what they are reading.
import type { Page } from '@playwright/test';
import { expect, test, type Lab } from './fixtures';

test.describe.configure({ timeout: 60_000 });

/** The worked example playing at 8×, once the log lists more than `entriesAtLeast` entries. */
async function playingLog(page: Page, lab: Lab, entriesAtLeast: number) {
  await lab.open('?scenario=rehome-worked-example');
  const list = page.getByTestId('event-log').locator('.event-log-list');
  const entries = page.getByTestId('event-log').locator('.event-log-entry');
  await lab.call('setSpeed', 8);
  await lab.call('play');
  await expect(entries.nth(entriesAtLeast)).toBeAttached({ timeout: 20_000 });
  const distanceFromBottom = () => list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
  return { list, entries, distanceFromBottom };
}

test('the event log follows the run, and stays put once scrolled up', async ({ page, lab }) => {
  const { list, entries, distanceFromBottom } = await playingLog(page, lab, 8);
  await lab.call('pause');
  await lab.synced();
  await expect.poll(distanceFromBottom).toBeLessThan(4);
  const newest = () => entries.last().textContent();
  const before = await newest();
  expect(await list.evaluate((el) => el.scrollHeight > el.clientHeight), 'the log overflows its box').toBe(true);

  // The log keeps the latest few hundred entries while it follows. The learner scrolls to the top to read; more
  // entries arrive, and the ones being read stay: the first entry is still the first, at the top.
  await list.evaluate((el) => {
    el.scrollTop = 0;
  });
  await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBe(0);
  const first = () => entries.first().textContent();
  const reading = await first();
  await lab.call('play');
  await expect.poll(newest, { timeout: 20_000 }).not.toBe(before);
  await expect.poll(() => entries.count(), { timeout: 20_000 }).toBeGreaterThan(320);
  await lab.call('pause');
  await page.waitForTimeout(300);
  expect(await list.evaluate((el) => el.scrollTop)).toBe(0);
  expect(await first(), 'the entries being read are still there').toBe(reading);
  const count = page.getByTestId('event-log').locator('.event-log-count');
  await expect(count).toHaveText(/^\d+ kept while you read$/);

  // Back at the bottom, it follows again.
  await list.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  const later = await newest();
  await lab.call('play');
  await expect.poll(newest, { timeout: 20_000 }).not.toBe(later);
  await lab.call('pause');
  await lab.synced();
  await expect.poll(distanceFromBottom).toBeLessThan(4);
  // Following again, the log goes back to the latest few hundred.
  await expect(count).toHaveText('latest 300');
});

test('while the run plays, the mouse wheel scrolls the log up to read and back down to follow', async ({ page, lab }) => {
  const { list, entries, distanceFromBottom } = await playingLog(page, lab, 30);
  await list.scrollIntoViewIfNeeded();
  const box = (await list.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);

  // Up a few notches while entries keep landing: the log stays where the learner is reading.
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -200);
  await expect.poll(distanceFromBottom).toBeGreaterThan(box.height);
  // What the learner reads: the entry in the middle of the box (not scrollTop, which the browser's scroll anchoring
  // may move to keep the same entries in view).
  const entryInView = () =>
    list.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)?.closest('.event-log-entry')?.textContent ?? '';
    });
  await page.waitForTimeout(300);
  const reading = await entryInView();
  expect(reading).not.toBe('');
  // Past the few hundred entries the log keeps while following, the ones being read are still in view.
  await expect.poll(() => entries.count(), { timeout: 20_000 }).toBeGreaterThan(320);
  expect(await entryInView(), 'new entries do not pull the view away').toBe(reading);
  expect(await distanceFromBottom()).toBeGreaterThan(box.height);

  // Back down past the newest entry, still playing: the log follows again.
  const before = await entries.last().textContent();
  for (let i = 0; i < 40; i++) await page.mouse.wheel(0, 1000);
  await expect.poll(() => entries.last().textContent(), { timeout: 20_000 }).not.toBe(before);
  await lab.call('pause');
  await lab.synced();
  await expect.poll(distanceFromBottom).toBeLessThan(4);
});
