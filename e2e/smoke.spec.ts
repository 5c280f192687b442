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

test('the scenario dropdown has one label and a stable test id', async ({ page }) => {
  await page.goto('/');
  await page.waitForFunction(() => window.failoverLab !== undefined);
  const select = page.getByTestId('scenario-select');
  await expect(select).toBeVisible();
  // A test author's first guess must find the dropdown and nothing else (the file input has its own name).
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveCount(1);
  await expect(page.getByLabel('Scenario')).toHaveCount(1);
  expect(await page.getByLabel('Scenario', { exact: true }).evaluate((el) => el.tagName)).toBe('SELECT');
  expect(await page.getByLabel('Scenario', { exact: true }).getAttribute('data-testid')).toBe('scenario-select');
  await expect(page.getByLabel('Load file', { exact: true })).toHaveCount(1);
});

test('the driver refuses a command with a field it does not know, naming the field', async ({ page }) => {
  await page.goto('/');
  await page.waitForFunction(() => window.failoverLab !== undefined);
  await page.evaluate(async () => {
    await window.failoverLab!.ready;
  });
  // Every driver call awaited: a plain value today, a Promise once the engine runs in a worker.
  const result = await page.evaluate(async () =>
    await window.failoverLab!.dispatch({ type: 'node.crash', node: 'n3', extra: 1 } as unknown as Parameters<NonNullable<Window['failoverLab']>['dispatch']>[0]),
  );
  expect(result).toEqual({ ok: false, error: 'node.crash: unknown field "extra" (node.crash takes node, kind)' });
  await expect(page.getByRole('alert').filter({ hasText: 'unknown field "extra"' })).toBeVisible();
  const typo = await page.evaluate(async () =>
    await window.failoverLab!.dispatch({ type: 'node.crash', nod: 'n3' } as unknown as Parameters<NonNullable<Window['failoverLab']>['dispatch']>[0]),
  );
  expect(typo).toEqual({ ok: false, error: expect.stringContaining('unknown field "nod" (did you mean "node"?)') });
  // Nothing changed: n3 is still up.
  const n3 = await page.evaluate(async () => (await window.failoverLab!.getState()).nodes.find((n) => n.id === 'n3'));
  expect(n3?.up).toBe(true);
});

test('a number out of range rejects with a RangeError naming the limit, and nothing moves', async ({ page }) => {
  await page.goto('/');
  await page.waitForFunction(() => window.failoverLab !== undefined);
  // As a test author writes it: await the call inside try/catch (a sync throw and a rejection both land in catch).
  const outcome = await page.evaluate(async () => {
    const lab = window.failoverLab!;
    await lab.ready;
    try {
      await lab.advanceBy(1e15);
      return 'resolved';
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
  });
  expect(outcome).toMatch(/^RangeError: advanceBy: ms must be a number from 0 to 86400000 ms .*, got (1e\+?15|1000000000000000)$/);
  expect(await page.evaluate(async () => (await window.failoverLab!.getState()).timeMs)).toBe(0);
});
