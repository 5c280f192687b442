import { expect, test } from '@playwright/test';

test('app shell loads without console errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => {
    errors.push(`pageerror: ${err.message}`);
  });

  await page.goto('/');
  await expect(page).toHaveTitle('Failover Lab');
  await expect(page.getByRole('heading', { name: 'Failover Lab' })).toBeVisible();
  await page.waitForLoadState('networkidle');

  expect(errors).toEqual([]);
});
