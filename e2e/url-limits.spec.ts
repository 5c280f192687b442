import { expect, test } from './fixtures';

/**
 * Issue 9 item 5: URL parameters past their limits are named in an alert with
 * the allowed values, a working default is used, and the page never hangs or throws.
 */
test.describe('URL parameter limits', () => {
  test.setTimeout(90_000);

  test('e past its limit is refused by name and the page loads', async ({ page, lab }) => {
    await lab.open('?scenario=rehome-worked-example&e=9007199254740991');
    await expect(page.getByRole('alert').filter({ hasText: /URL parameter e: must be a whole number from 0 to 10000000/ })).toBeVisible();
    await expect(page.getByTestId('node-n3')).toBeVisible();
  });

  test('t of 6 hours loads without a stack overflow in the charts', async ({ page, lab }) => {
    await lab.open('?scenario=rehome-worked-example&t=21600000');
    await expect(page.getByTestId('control-time')).toBeVisible();
    await expect(page.getByTestId('node-n3')).toBeVisible();
  });

  test('t of 6 hours with writes and a crash loads without a stack overflow in the charts', async ({ page, lab }) => {
    await lab.open('?scenario=primary-failover-rf3&c=1000@0@node.crash:n1&t=21600000');
    await expect(page.getByTestId('control-time')).toBeVisible();
  });

  test('t past 24 h is refused by name', async ({ page, lab }) => {
    await lab.open('?scenario=rehome-worked-example&t=1e15');
    await expect(page.getByRole('alert').filter({ hasText: /URL parameter t: must be a number of ms from 0 to 86400000/ })).toBeVisible();
  });

  test('theme=<script> and reducedMotion=banana are named with their allowed values', async ({ page, lab }) => {
    await lab.open('?scenario=rehome-worked-example&theme=%3Cscript%3E&reducedMotion=banana');
    const alerts = page.getByRole('alert');
    await expect(alerts.filter({ hasText: /URL parameter theme: must be "light" or "dark", got "<script>"/ })).toBeVisible();
    await expect(alerts.filter({ hasText: /URL parameter reducedMotion: must be 0 or 1, got "banana"/ })).toBeVisible();
    await expect(page.getByTestId('node-n3')).toBeVisible();
  });
});
