/**
 * @failover-lab/playwright — Playwright fixtures, page models and matchers for the Failover Lab console.
 *
 *   import { test, expect } from '@failover-lab/playwright';
 *   test('n3 goes DEAD', async ({ lab }) => {
 *     await lab.open({ scenario: 'rehome-worked-example' });
 *     await lab.node('n3').crash();
 *     await lab.call('advanceBy', 12_000);
 *     await expect(lab.node('n3')).toHaveHealth('DEAD');
 *   });
 */
export { test } from './fixtures.js';
export { expect, matchers } from './matchers.js';
export { makeLab, formatSimTime, type Lab, type LabContext, type LabOptions } from './lab.js';
export { toQuery, type LabQuery } from './query.js';
export { readStatePart, type StatePart } from './state-part.js';
export * from './models/index.js';
export {
  assertSupported,
  KIT_DRIVER_VERSION,
  resolveSelectors,
  SUPPORTED_DRIVER_MAJOR,
  versioned,
  type Selectors,
} from './selectors/index.js';
export { builtInLessons, builtInScenarios, forEachScenario, type BuiltInLesson, type BuiltInScenario } from './generators.js';
export type * from './driver.js';
