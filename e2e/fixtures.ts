import { test as base, expect, type Page } from '@playwright/test';
// The shipped declaration (types/failover-lab.d.ts), imported the way a test author would.
import type { FailoverLabDriver } from 'failover-lab';

/**
 * Page helpers for specs: open the console (optionally with URL parameters)
 * and call the public driver API `window.failoverLab`, the same contract third
 * parties use. Console errors fail the test.
 */
export interface Lab {
  open(query?: string): Promise<void>;
  /** Calls a driver method in the page and returns its (JSON) result. */
  call<K extends keyof FailoverLabDriver>(
    method: K,
    ...args: FailoverLabDriver[K] extends (...a: infer A) => unknown ? A : never
  ): Promise<FailoverLabDriver[K] extends (...a: never[]) => infer R ? Awaited<R> : never>;
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
  return {
    async open(query = '') {
      await page.goto(`/${query}`);
      await page.waitForFunction(() => window.failoverLab !== undefined);
      await page.evaluate(() => window.failoverLab!.ready);
    },
    call: ((method: string, ...args: unknown[]) =>
      page.evaluate(
        ([m, a]) => (window.failoverLab as unknown as Record<string, (...x: unknown[]) => unknown>)[m as string](...(a as unknown[])),
        [method, args] as const,
      )) as Lab['call'],
  };
}

export { expect };
