import { expect, test } from './fixtures';

// Issue 9, item 6: on a long run the engine keeps only the newest trace entries; the log says so
// instead of pretending nothing happened, and seeking back rebuilds the older entries.
test('a three-hour link says how many log entries are no longer kept, and seeking back brings them again', async ({ page, lab }) => {
  test.setTimeout(120_000);
  await lab.open('?scenario=rehome-worked-example&t=10800000');
  const evicted = page.getByTestId('event-log-evicted');
  await expect(evicted).toContainText(/entries up to .* are no longer kept/);
  await expect(page.getByTestId('event-log')).toContainText('Only heartbeats since then');
  await lab.call('seek', 20_000);
  await expect(evicted).toHaveCount(0);
  await expect(page.getByRole('button', { name: /n3 is declared DEAD/ })).toBeVisible();
});
