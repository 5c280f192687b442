// Every built-in scenario as a browser smoke test, the way Storybook makes every story a test: it loads from its
// URL, plays, runs to the end of its story (its last timeline command, then until only heartbeats are left), the
// page shows that moment, and nothing is logged as an error. Written with the @failover-lab/playwright kit's
// public API (dogfooding).
import { test as base, type ConsoleMessage, type Page } from '@playwright/test';
import { expect, forEachScenario, formatSimTime, makeLab, type BuiltInScenario, type Lab } from '@failover-lab/playwright';

/**
 * One page per worker, navigated to each scenario's URL: a fresh browser context per scenario costs about three
 * times as much (a new renderer and a cold cache for the app's code), and 43 of them would not fit two minutes.
 * Each navigation boots the console anew; errors are collected per test, as the kit's pageErrors fixture does.
 */
const test = base.extend<{ lab: Lab }, { shared: Page }>({
  shared: [
    async ({ browser }, use) => {
      const context = await browser.newContext();
      await use(await context.newPage());
      await context.close();
    },
    { scope: 'worker' },
  ],
  lab: async ({ shared, baseURL }, use) => {
    const errors: string[] = [];
    const onPageError = (e: Error) => errors.push(`pageerror: ${e.message}`);
    const onConsole = (m: ConsoleMessage) => {
      if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
    };
    shared.on('pageerror', onPageError);
    shared.on('console', onConsole);
    await use(makeLab(shared, { labURL: baseURL }));
    shared.off('pageerror', onPageError);
    shared.off('console', onConsole);
    expect(errors, 'no errors in the page').toEqual([]);
  },
});

/** Simulated time allowed after the last timeline command for the story to settle (runUntil's absolute cap). */
const SETTLE_MS = 10 * 60_000;
/**
 * The fleets (10,000 and 100,000 shards) are not run to idle: a run to idle and a full read of the state cost
 * seconds each there (the benchmarks measure them). fleet-100-nodes seeks just past its last command;
 * fleet-1000-nodes only loads, plays a moment and advances one simulated second.
 */
const FLEET_SHARDS = 5_000;
const HUGE_FLEET_SHARDS = 50_000;

async function playAMoment(lab: Lab): Promise<void> {
  await lab.playback.play();
  await expect(lab.playback.time).not.toContainText(formatSimTime(0), { timeout: 20_000 });
  await lab.playback.pause();
}

/** Small runs: past the last command, until only heartbeats are left; every timeline command came due. */
async function playToTheEnd(lab: Lab, scenario: BuiltInScenario): Promise<void> {
  const end = scenario.lastCommandAtMs + 1;
  await lab.call('advanceBy', Math.max(0, end - (await lab.call('getState')).timeMs));
  const result = await lab.call('runUntil', 'idle', { maxMs: end + SETTLE_MS });
  expect(result.reached, result.reason).toBe(true);
  const { timeMs, pendingCommands } = await lab.call('getState');
  expect(pendingCommands, 'every timeline command has come due').toBe(0);
  await expect(lab.playback.time).toContainText(formatSimTime(timeMs));
}

test.describe('every built-in scenario', () => {
  test.describe.configure({ timeout: 60_000 });

  forEachScenario(undefined, (scenario) => {
    const what = scenario.shards > FLEET_SHARDS ? 'loads, plays and advances' : 'loads, plays and reaches the end of its story';
    test(`${scenario.id} ${what} without an error`, async ({ lab }) => {
      if (scenario.shards > FLEET_SHARDS) test.setTimeout(120_000);
      await lab.open({ scenario: scenario.id });
      await playAMoment(lab);
      if (scenario.shards > HUGE_FLEET_SHARDS) {
        await lab.call('advanceBy', 1000);
      } else if (scenario.shards > FLEET_SHARDS) {
        await lab.call('seek', scenario.lastCommandAtMs + 1);
        await expect(lab.playback.time).toContainText(formatSimTime(scenario.lastCommandAtMs + 1));
      } else {
        await playToTheEnd(lab, scenario);
      }
    });
  });
});
