import { test as base } from '@playwright/test';
import { makeLab, type Lab, type LabOptions } from './lab.js';
import { expect } from './matchers.js';

/**
 * `test` with three fixtures:
 *  - `labOptions` (option, per worker): `test.use({ labOptions: { labURL, labQuery, ignoreErrors } })` or in the config.
 *  - `pageErrors` (automatic): every uncaught page error and console error of the page (and its frames); the test
 *    fails at its end if any is left (remove ones you expected from the array, or use `ignoreErrors`).
 *  - `lab`: the console in `page` — `lab.open({ scenario: 'rehome-worked-example' })`, `lab.call('getState')`, models.
 */
export const test = base.extend<{ lab: Lab; pageErrors: string[] }, { labOptions: LabOptions }>({
  labOptions: [{}, { option: true, scope: 'worker' }],
  pageErrors: [
    async ({ page, labOptions }, use) => {
      const errors: string[] = [];
      const keep = (text: string) => {
        if (!(labOptions.ignoreErrors ?? []).some((re) => re.test(text))) errors.push(text);
      };
      page.on('pageerror', (e) => keep(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') keep(`console.error: ${m.text()}`);
      });
      await use(errors);
      expect(errors, 'no errors in the page').toEqual([]);
    },
    { auto: true },
  ],
  lab: async ({ page, labOptions }, use) => {
    await use(makeLab(page, labOptions));
  },
});
