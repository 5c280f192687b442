// Accessibility, with the optional peer @axe-core/playwright: the console, and one panel, after a crash.
import { expect, test } from '@failover-lab/playwright';

test('the console has no serious accessibility violations, before and after a crash', async ({ lab }) => {
  // A whole-page axe scan of the console takes seconds (hundreds of shard cells and SVG nodes).
  test.setTimeout(120_000);
  await lab.open({ scenario: 'rehome-worked-example' });
  await expect(lab).toHaveNoA11yViolations({ minImpact: 'serious' });
  await lab.call('advanceBy', 20_000);
  await expect(lab.placement.root).toHaveNoA11yViolations({ minImpact: 'serious' });
});
