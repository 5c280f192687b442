// Goal: while the run plays, the event log stays on its newest entry; once the learner scrolls up to read,
// new entries do not pull the list away from what they are reading.
import { expect, test } from './fixtures';

test.describe.configure({ timeout: 60_000 });

test('the event log follows the run, and stays put once scrolled up', async ({ page, lab }) => {
  await lab.open('?scenario=rehome-worked-example');
  const list = page.getByTestId('event-log').locator('.event-log-list');
  const distanceFromBottom = () => list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
  const entries = page.getByTestId('event-log').locator('.event-log-entry');

  await lab.call('setSpeed', 8);
  await lab.call('play');
  await expect(entries.nth(8)).toBeAttached({ timeout: 20_000 });
  await lab.call('pause');
  await lab.synced();
  await expect.poll(distanceFromBottom).toBeLessThan(4);
  const newest = () => entries.last().textContent();
  const before = await newest();
  expect(await list.evaluate((el) => el.scrollHeight > el.clientHeight), 'the log overflows its box').toBe(true);

  // The log keeps the latest few hundred entries: from here on, new ones replace old ones at the top.
  // The learner scrolls to the top to read; more entries arrive.
  await list.evaluate((el) => {
    el.scrollTop = 0;
  });
  await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBe(0);
  await lab.call('play');
  await expect.poll(newest, { timeout: 20_000 }).not.toBe(before);
  await lab.call('pause');
  await page.waitForTimeout(300);
  expect(await list.evaluate((el) => el.scrollTop)).toBe(0);

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
});
