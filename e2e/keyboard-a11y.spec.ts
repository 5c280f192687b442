// Goal: the console works from the keyboard and has no serious accessibility violations.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

test('Space plays and pauses, arrows step, +/− change speed', async ({ page, lab }) => {
  await lab.open();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('control-time')).toContainText('event 1');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('control-time')).toContainText('event 2');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('control-time')).toContainText('event 1');
  await page.keyboard.press('+');
  await expect(page.getByTestId('control-speed')).toHaveText('2×');
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await expect(page.getByTestId('control-speed')).toHaveText('0.5×');
  await page.keyboard.press(' ');
  await expect(page.getByTestId('control-play')).toHaveText(/Pause/);
  await page.keyboard.press(' ');
  await expect(page.getByTestId('control-play')).toHaveText(/Play/);
});

test('Shift+→ jumps to the next significant event past routine copies; → still steps one event', async ({ page, lab }) => {
  await lab.open('?t=16800');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Shift+ArrowRight');
  // The jump re-simulates 39 s in the engine's worker, then the log draws the new entries: 3–5 s on a busy machine.
  await expect(page.getByRole('button', { name: /Re-replication after n3 died is complete/ })).toHaveAttribute('aria-current', 'step', { timeout: 15_000 });
  const at = (await lab.call('getState')).timeMs;
  expect(at).toBeGreaterThan(50_000);
  const events = (await lab.call('getTrace')).at(-1)!.event;
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('control-time')).toContainText(`event ${events + 1}`);
});

test('a node can be selected and crashed with the keyboard alone', async ({ page, lab }) => {
  await lab.open();
  await page.getByTestId('node-n4').focus();
  await page.keyboard.press('Enter');
  const crash = page.getByRole('button', { name: 'Crash n4' });
  await crash.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('node-n4')).toContainText(/crashed/i);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious accessibility violations (${colorScheme})`, async ({ page, lab }) => {
    // An axe scan of the whole console takes 10–60 s on a busy 2-core machine: a timeout, not a retry.
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme });
    await lab.open('?t=25000');
    await page.getByTestId('node-n3').click();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  });
}
