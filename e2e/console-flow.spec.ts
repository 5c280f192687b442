// Goal: the console tells the truth about the run it is showing (issue 8, "The console" and "For test authors"):
// a switched scenario's log shows at once, play pauses by itself and says why, "Next significant event" skips
// routine copy progress, one settings change is one command, the FailoverManager path stays lit while copies run,
// and a skipped timeline command is named to the test author.
import { expect, test } from './fixtures';

const logEntries = (page: import('@playwright/test').Page) => page.getByTestId('event-log').locator('.event-log-entry');

test.describe('switching scenario', () => {
  test('the header dropdown shows the new run’s log at once, before any step', async ({ page, lab }) => {
    await lab.open();
    await expect(logEntries(page).first()).toContainText('6 nodes');
    await page.getByTestId('scenario-select').selectOption('two-server-no-failover');
    await expect(logEntries(page)).toHaveCount(1);
    await expect(logEntries(page).first()).toContainText('2 nodes in 2 rack(s)');
    await expect(page.getByTestId('event-log')).not.toContainText('6 nodes');
  });

  test('failoverLab.load shows the new run’s log at once, also after the old run moved on', async ({ page, lab }) => {
    await lab.open();
    await lab.call('load', 'rack-aware-nine-nodes');
    await expect(logEntries(page).first()).toContainText('9 nodes in 3 rack(s)');
    await lab.call('advanceBy', 6000);
    await lab.call('load', 'two-server-no-failover');
    await expect(logEntries(page)).toHaveCount(1);
    await expect(logEntries(page).first()).toContainText('2 nodes in 2 rack(s)');
  });
});

test.describe('play', () => {
  test('pauses by itself when only heartbeats are left, says why, and plays on when asked', async ({ page, lab }) => {
    test.setTimeout(60_000);
    await lab.open('?speed=32');
    await page.getByTestId('control-play').click();
    // At 32x the run can reach its end before a busy machine shows "Pause": the clock moving is the proof it played.
    await expect.poll(async () => (await lab.call('getState')).timeMs).toBeGreaterThan(0);
    await expect(page.getByTestId('control-play')).toHaveAccessibleName(/Play/, { timeout: 30_000 });
    const reason = page.getByTestId('pause-reason');
    await expect(reason).toContainText(/nothing left to happen but heartbeats/i);
    const state = await lab.call('getState');
    expect(state.metrics.underReplicatedShards).toBe(0);
    const pausedAt = state.timeMs;
    expect(pausedAt).toBeLessThan(120_000);
    // Play again: it goes on (the learner may inject another fault) and the reason goes away.
    await page.getByTestId('control-play').click();
    await expect(reason).toBeEmpty();
    await expect.poll(async () => (await lab.call('getState')).timeMs).toBeGreaterThan(pausedAt);
    await page.getByTestId('control-play').click();
  });
});

test.describe('next significant event', () => {
  test('is named so, and moves past routine copy completions', async ({ page, lab }) => {
    await lab.open();
    const next = page.getByRole('button', { name: /Next significant event/ });
    await expect(next).toBeVisible();
    await lab.call('seek', 16_800);
    // Past the last significant event a click stays put, so the clicks are not each waited for; the run's time is.
    for (let i = 0; i < 7; i++) await next.click();
    await expect.poll(async () => (await lab.call('getState')).timeMs).toBeGreaterThan(20_000);
  });
});

test.describe('FailoverManager settings', () => {
  test('changing the grace period once records one command and one log entry', async ({ page, lab }) => {
    await lab.open();
    await lab.call('advanceBy', 1000);
    const grace = page.getByLabel('Grace before re-homing');
    await grace.fill('30');
    await grace.press('Enter');
    await grace.blur();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await expect(page.getByTestId('event-log')).toContainText('params.rehomeGraceMs');
    const entries = (await lab.call('getTrace')).filter((e) => e.kind === 'command' && e.text.includes('rehomeGraceMs'));
    expect(entries).toHaveLength(1);
    const url = await lab.call('getShareUrl');
    expect(new URL(url).searchParams.getAll('c')).toHaveLength(1);
  });

  test('tabbing away from the box applies the change once', async ({ page, lab }) => {
    await lab.open();
    const grace = page.getByLabel('Grace before re-homing');
    await grace.fill('12');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('event-log')).toContainText('params.rehomeGraceMs');
    const url = await lab.call('getShareUrl');
    expect(new URL(url).searchParams.getAll('c')).toHaveLength(1);
  });
});

test.describe('FailoverManager path', () => {
  test('stays on the migrate step while copies are in flight or queued', async ({ page, lab }) => {
    await lab.open();
    await lab.call('seek', 20_000);
    const state = await lab.call('getState');
    expect(state.metrics.copiesInFlight + state.metrics.copiesQueued).toBeGreaterThan(0);
    const panel = page.getByTestId('failover-panel');
    await expect(page.getByTestId('failover-status')).toContainText('n3');
    await expect(panel.locator('[aria-current="step"]')).toContainText('Migrate');
    await expect(panel.locator('[aria-current="step"]')).toContainText(/in flight/);
  });
});

test.describe('a timeline command that cannot apply', () => {
  test('is named in an alert and by the driver', async ({ page, lab }) => {
    await lab.open();
    const loaded = await lab.call('load', 'rehome-worked-example');
    expect(loaded).toMatchObject({ scenario: 'rehome-worked-example', timeline: [{ atMs: 5000, command: { type: 'node.crash', node: 'n3' } }] });
    await lab.call('dispatch', { type: 'node.crash', node: 'n3' });
    await lab.call('advanceBy', 6000);
    await expect(page.getByRole('alert').filter({ hasText: /crash n3/ })).toBeVisible();
    const skipped = await lab.call('getSkippedCommands');
    expect(skipped).toEqual([{ atMs: 5000, command: { type: 'node.crash', node: 'n3' }, text: expect.stringMatching(/n3/) }]);
  });

  test('a scenario loads without its timeline from the driver and from the URL', async ({ page, lab }) => {
    // Two page loads, each starting the engine's worker: on a busy machine that alone can take 30 s.
    test.setTimeout(90_000);
    await lab.open();
    const loaded = await lab.call('load', 'rehome-worked-example', { timeline: false });
    expect(loaded.timeline).toEqual([]);
    await lab.call('advanceBy', 20_000);
    expect((await lab.call('getState')).nodes.every((n) => n.up)).toBe(true);
    const url = new URL(await lab.call('getShareUrl'));
    expect(url.searchParams.get('timeline')).toBe('0');

    await lab.open('?scenario=rehome-worked-example&timeline=0');
    await lab.call('advanceBy', 20_000);
    expect((await lab.call('getState')).nodes.every((n) => n.up)).toBe(true);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
});
