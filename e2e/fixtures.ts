import { test as base, expect, type Locator, type Page } from '@playwright/test';
// The shipped declaration (types/failover-lab.d.ts), imported the way a test author would.
import type { FailoverLabDriver } from 'failover-lab';
import { formatSimTime } from '../src/ui/format';

/**
 * Page helpers for specs: open the console (optionally with URL parameters)
 * and call the public driver API `window.failoverLab`, the same contract third
 * parties use. Console errors fail the test.
 *
 * Every driver call is awaited, in the page and here: today's driver answers at once, the engine-in-a-worker
 * driver answers with a Promise, and `await` is right for both. A call that throws and a call that rejects
 * both reject the Promise `call` returns, with the driver's message.
 */
export interface Lab {
  open(query?: string): Promise<void>;
  /** Calls a driver method in the page, awaits it there, and returns its (JSON) result. */
  call<K extends keyof FailoverLabDriver>(
    method: K,
    ...args: FailoverLabDriver[K] extends (...a: infer A) => unknown ? A : never
  ): Promise<FailoverLabDriver[K] extends (...a: never[]) => infer R ? Awaited<R> : never>;
  /**
   * Waits until the playback clock shows the run's current moment. A driver call may publish to the view a
   * frame (or a worker round trip) later: call this before reading the page without an auto-waiting assertion.
   * Only for a paused run; any size (it reads only the time).
   */
  synced(): Promise<void>;
  /**
   * The run's simulated time, read in the page: `call('getState')` would send the whole state to the test, and at
   * 1,000 nodes × 100,000 shards that is 67 MB over the DevTools protocol, about 90 s on a two-core machine.
   */
  timeMs(): Promise<number>;
  /**
   * Clicks a control that moves the run (Step, Step back, Next significant event) and waits until the clock
   * shows another event, so the next look at the page sees where the click went.
   */
  moveWith(control: Locator): Promise<void>;
}

export const test = base.extend<{ lab: Lab; errors: string[] }>({
  errors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
    });
    await use(errors);
    expect(errors, 'no errors in the page').toEqual([]);
  },
  lab: async ({ page, errors }, use) => {
    void errors;
    await use(makeLab(page));
  },
});

export function makeLab(page: Page): Lab {
  const clock = page.getByTestId('control-time');
  const call = ((method: string, ...args: unknown[]) =>
    page.evaluate(
      async ([m, a]) => await (window.failoverLab as unknown as Record<string, (...x: unknown[]) => unknown>)[m as string](...(a as unknown[])),
      [method, args] as const,
    )) as Lab['call'];
  const timeMs = () => page.evaluate(async () => (await window.failoverLab!.getState()).timeMs);
  return {
    async open(query = '') {
      await page.goto(`/${query}`);
      await page.waitForFunction(() => window.failoverLab !== undefined);
      await page.evaluate(async () => {
        await window.failoverLab!.ready;
      });
    },
    call,
    timeMs,
    async synced() {
      await expect(clock.locator('.clock-time')).toHaveText(formatSimTime(await timeMs()));
    },
    async moveWith(control) {
      const before = await clock.textContent();
      await control.click();
      await expect(clock).not.toHaveText(before ?? '');
    },
  };
}

export { expect };
