// Goal: what a learner does in the worked example — crash n3 by clicking it, watch the monitor's belief
// change, see under-replicated shards rise and drain, step back to before the crash, share the moment.
import { expect, test } from './fixtures';

test.describe('worked example, by hand', () => {
  test('crash n3 from the view; SUSPECT, then DEAD; under-replicated rises to 200 and returns to 0', async ({ page, lab }) => {
    await lab.open();
    await lab.call('advanceBy', 2000);
    const n3 = page.getByTestId('node-n3');
    await n3.click();
    await page.getByRole('button', { name: 'Crash n3' }).click();
    await expect(n3).toContainText(/crashed/i);
    // cp does not know yet: still ACTIVE until the heartbeats have been missing long enough.
    await expect(n3).toContainText('ACTIVE');
    await lab.call('advanceBy', 3200);
    await expect(n3).toContainText('SUSPECT');
    await lab.call('advanceBy', 7000);
    await expect(n3).toContainText('DEAD');
    await lab.call('advanceBy', 300);
    await expect(page.getByTestId('metric-under-replicated')).toHaveText('200');
    const result = await lab.call('runUntil', 'healthy', { maxMs: 300_000 });
    expect(result.reached).toBe(true);
    await expect(page.getByTestId('metric-under-replicated')).toHaveText('0');
    const state = await lab.call('getState');
    expect(state.metrics.rebuildTargetsByNode).toEqual({ n1: 40, n2: 40, n4: 40, n5: 40, n6: 40 });
  });

  test('step back to before the crash: n3 is up again; step forward: it is crashed again', async ({ page, lab }) => {
    await lab.open();
    await lab.call('advanceBy', 2500);
    await page.getByTestId('node-n3').click();
    await page.getByRole('button', { name: 'Crash n3' }).click();
    await expect(page.getByTestId('node-n3')).toContainText(/crashed/i);
    await page.getByTestId('control-step-back').click();
    await expect(page.getByTestId('node-n3')).not.toContainText(/crashed/i);
    const beforeCrash = await lab.call('getState');
    expect(beforeCrash.nodes.find((n) => n.id === 'n3')!.up).toBe(true);
    // Forward again: the recorded crash replays at the same position.
    await page.getByTestId('control-step').click();
    await page.getByTestId('control-step').click();
    await expect(page.getByTestId('node-n3')).toContainText(/crashed/i);
  });

  test('the scrubber and the log jump to exact moments', async ({ page, lab }) => {
    // 20 s: mid-rebuild, with the DEAD declaration (about 15 s) still among the log's newest 300 entries.
    await lab.open('?t=20000');
    await expect(page.getByTestId('control-time')).toContainText('20.0 s');
    await page.getByRole('button', { name: /n3 is declared DEAD/ }).click();
    // The click seeks; the run reaches that moment when the driver says so (a worker answers a moment later).
    await expect.poll(async () => (await lab.call('getState')).timeMs).toBeLessThan(20_000);
    const state = await lab.call('getState');
    expect(state.nodes.find((n) => n.id === 'n3')!.health).toBe('DEAD');
    expect(state.timeMs).toBeLessThan(20_000);
    await expect(page.getByTestId('node-n3')).toContainText('DEAD');
  });
});

test.describe('sharing', () => {
  test('a shared URL rebuilds the exact state in a new page', async ({ lab, context }) => {
    await lab.open();
    await lab.call('advanceBy', 4000);
    await lab.call('dispatch', { type: 'link.cut', a: 'n2', b: 'cp' });
    await lab.call('advanceBy', 16_000);
    const url = await lab.call('getShareUrl');
    const digest = await lab.call('digest');
    const other = await context.newPage();
    await other.goto(url);
    await other.waitForFunction(() => window.failoverLab !== undefined);
    await other.evaluate(async () => {
      await window.failoverLab!.ready;
    });
    expect(await other.evaluate(async () => await window.failoverLab!.digest())).toBe(digest);
    await expect(other.getByTestId('node-n2')).toContainText('DEAD');
    await expect(other.getByTestId('link-n2-cp')).toHaveAttribute('aria-label', /cut/);
    await other.close();
  });

  test('bad URL parameters are named in an alert and the console still works', async ({ page, lab }) => {
    await lab.open('?scenario=nope&seed=banana&c=1@1@node.crash:n99');
    const alerts = page.getByRole('alert');
    await expect(alerts.filter({ hasText: 'URL parameter scenario' })).toBeVisible();
    await expect(alerts.filter({ hasText: 'URL parameter seed' })).toBeVisible();
    await expect(alerts.filter({ hasText: /URL parameter c .*n99/ })).toBeVisible();
    await expect(page.getByTestId('node-n3')).toBeVisible();
    await page.getByTestId('control-step').click();
    await expect(page.getByTestId('control-time')).toContainText('event 1');
  });
});
