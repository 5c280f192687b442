// Goal: the statechart panel shows the real machine behind the animation: select n3, crash it, and the health
// monitor's lit state moves ACTIVE → SUSPECT → DEAD with the transition written out; step back and it returns.
import AxeBuilder from '@axe-core/playwright';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

const lit = (machine: Locator, state: string) => machine.getByTestId(`statechart-state-${state}`);

async function expectOnlyLit(machine: Locator, state: string, all: string[]) {
  await expect(lit(machine, state)).toHaveAttribute('data-active', 'true', { timeout: 5000 });
  for (const other of all.filter((s) => s !== state)) await expect(lit(machine, other)).toHaveAttribute('data-active', 'false');
  await expect(machine.getByTestId('statechart-current')).toHaveText(state);
}

test.describe('statechart panel', () => {
  test('n3 health monitor: ACTIVE → SUSPECT → DEAD after a crash, and back when stepping back', async ({ page, lab }) => {
    test.setTimeout(60_000);
    await lab.open('?scenario=rehome-worked-example&timeline=0');
    await lab.call('advanceBy', 1000);
    await page.getByTestId('node-n3').click();

    const toggle = page.getByTestId('statechart-toggle-inspector');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const panel = page.getByTestId('statechart');
    await expect(panel).toBeVisible({ timeout: 10_000 });

    const monitor = panel.getByTestId('statechart-machine-healthMonitor');
    const process = panel.getByTestId('statechart-machine-node');
    const beliefs = ['ACTIVE', 'SUSPECT', 'DEAD', 'REJOINING'];
    await expect(monitor.getByRole('heading')).toContainText("n3 · health monitor (cp's belief)");
    await expectOnlyLit(monitor, 'ACTIVE', beliefs);
    await expect(monitor.getByTestId('statechart-last')).toHaveText('No transition yet: still in its initial state.');
    // The drawing is hidden from screen readers; the same states are listed as text, a click away.
    await expect(monitor.locator('svg')).toHaveAttribute('aria-hidden', 'true');
    await monitor.getByText('States and transitions as text').click();
    await expect(monitor.getByRole('listitem').filter({ hasText: 'ACTIVE' }).first()).toHaveText(/ACTIVE \(current, starts here\)/);

    expect(await lab.call('dispatch', { type: 'node.crash', node: 'n3' })).toEqual({ ok: true });
    await expectOnlyLit(process, 'crashed', ['up', 'crashed', 'restarting', 'destroyed']);
    await expect(process.getByTestId('statechart-last')).toHaveText(/^Last: up → crashed on cmd\.node\.crash at 1\.00 s$/);
    // cp does not know yet: its belief is still ACTIVE.
    await expectOnlyLit(monitor, 'ACTIVE', beliefs);

    await lab.call('advanceBy', 5000);
    await expectOnlyLit(monitor, 'SUSPECT', beliefs);
    await expect(monitor.getByTestId('statechart-last')).toHaveText(/^Last: ACTIVE → SUSPECT on \S+ at \d+\.\d+ s$/);

    await lab.call('advanceBy', 8000);
    await expectOnlyLit(monitor, 'DEAD', beliefs);
    const last = monitor.getByTestId('statechart-last');
    await expect(last).toHaveText(/^Last: SUSPECT → DEAD on \S+ at \d+\.\d+ s$/);
    const deadAtMs = Math.round(Number((await last.textContent())!.match(/at (\d+\.\d+) s$/)![1]) * 1000);

    // Half a second before DEAD (the time shown is rounded to 0.1 s): SUSPECT again. Step forward event by event
    // until DEAD, then one step back.
    await lab.call('seek', deadAtMs - 500);
    await expectOnlyLit(monitor, 'SUSPECT', beliefs);
    const step = page.getByTestId('control-step');
    // Each step publishes a frame (or a worker round trip) later: wait for the clock to show the new event, then let
    // two frames pass before looking, so no step overshoots DEAD.
    const settle = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));
    for (let i = 0; i < 200 && (await lit(monitor, 'DEAD').getAttribute('data-active')) !== 'true'; i++) {
      await lab.moveWith(step);
      await settle();
    }
    await expectOnlyLit(monitor, 'DEAD', beliefs);
    await page.getByTestId('control-step-back').click();
    await expectOnlyLit(monitor, 'SUSPECT', beliefs);
    await expect(monitor.getByTestId('statechart-last')).toHaveText(/^Last: ACTIVE → SUSPECT on /);

    // Back before the crash: ACTIVE, and the process is up.
    await lab.call('seek', 500);
    await expectOnlyLit(monitor, 'ACTIVE', beliefs);
    await expectOnlyLit(process, 'up', ['up', 'crashed', 'restarting', 'destroyed']);
  });

  test('a shard and the failover manager open their machines; the toggle is a real button', async ({ page, lab }) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await lab.open('?scenario=rehome-worked-example');
    await lab.call('advanceBy', 16_000);
    const shard = (await lab.call('getState')).shards.find((s) => s.state !== 'healthy')!;
    await lab.call('select', { kind: 'shard', id: shard.id });
    await page.getByRole('button', { name: 'Show its state machines' }).click();
    const machine = page.getByTestId('statechart').getByTestId('statechart-machine-shard');
    await expect(machine).toBeVisible({ timeout: 10_000 });
    await expect(machine.getByTestId(`statechart-state-${shard.state}`)).toHaveAttribute('data-active', 'true');
    await expect(machine.getByTestId('statechart-state-healthy')).toHaveAttribute('data-active', 'false');

    const fmToggle = page.getByTestId('statechart-toggle-failover');
    await fmToggle.focus();
    await page.keyboard.press('Enter');
    const fm = page.locator('[data-testid=statechart][data-place=failover]').getByTestId('statechart-machine-failoverManager');
    await expect(fm).toBeVisible({ timeout: 10_000 });
    await expect(fm.locator('[data-active=true]')).toHaveCount(1);
    // On a wide screen opening scrolls the side column only, never the page (the console would shift up).
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await page.getByRole('button', { name: "Hide the failover manager's state machine" }).click();
    await expect(fm).toHaveCount(0);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the open panel has no serious accessibility violations (${colorScheme})`, async ({ page, lab }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme });
      await lab.open('?scenario=rehome-worked-example&t=16000');
      await lab.call('select', { kind: 'node', id: 'n3' });
      await page.getByTestId('statechart-toggle-inspector').click();
      await expect(page.getByTestId('statechart-machine-healthMonitor')).toBeVisible({ timeout: 10_000 });
      // Opened from the keyboard: it is how a screen-reader user reaches the text, and a press does not wait for
      // two still animation frames, which a starved renderer on a busy CI machine once failed to give in 2 minutes.
      for (const summary of await page.getByText('States and transitions as text').all()) await summary.press('Enter');
      for (const details of await page.locator('[data-testid=statechart] details').all()) await expect(details).toHaveAttribute('open', '');
      const results = await new AxeBuilder({ page }).include('[data-testid=statechart]').analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
    });
  }
});
