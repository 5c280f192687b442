// Accessibility, with the optional peer @axe-core/playwright: the whole console, then one panel after a failover.
import { expect, test } from '@failover-lab/playwright';

test('the console has no serious accessibility violations, before and after a failover', async ({ lab }) => {
  // A whole-page axe scan takes seconds; a small cluster (3 nodes, 12 shards) keeps it short.
  test.setTimeout(90_000);
  await lab.open({ scenario: 'primary-failover-rf3' });
  await expect(lab).toHaveNoA11yViolations({ minImpact: 'serious' });
  await lab.call('advanceBy', 20_000);
  await expect(lab.placement.root).toHaveNoA11yViolations({ minImpact: 'serious' });
});
