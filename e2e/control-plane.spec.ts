// Goal: a learner watches the control plane's leader die in the middle of a re-homing (design §8.3, exercise 9):
// right after `cp.crash:cp1` the map shows cp1 down and no member leading; an election later another member leads
// with a higher term; the journal view lists committed entries and the leader failover's steps; the FailoverManager
// names the member that leads its path; and the re-homing still completes (no shard under-replicated). The open
// journal view passes axe in light and dark.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type Lab } from './fixtures';

const SCENARIO = 'cp-leader-dies-mid-rehome';

/** The time of the scenario's own `cp.crash` of cp1, found in the trace by playing on in short strides. */
async function cpCrashTime(lab: Lab): Promise<number> {
  for (let i = 0; i < 60; i++) {
    const trace = await lab.call('getTrace');
    const crash = trace.find((e) => e.kind === 'command' && JSON.stringify(e.data).includes('cp.crash'));
    if (crash) return crash.timeMs;
    await lab.call('advanceBy', 2_000);
  }
  throw new Error('the scenario never crashed cp1');
}

const chip = (page: Page, id: string) => page.getByTestId(`cp-member-${id}`);

/** Serious and critical axe violations inside `selector`, named with where they are. */
async function axeOf(page: Page, selector: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include(selector).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.describe('Control plane group', () => {
  test('cp1 dies mid-re-homing: a new leader with a higher term, a journal of committed entries, the re-homing completes', async ({ page, lab }) => {
    test.setTimeout(180_000);
    await lab.open(`?scenario=${SCENARIO}`);
    await lab.call('pause');
    await expect(page.getByTestId('cp-members')).toBeVisible({ timeout: 20_000 });
    await expect(chip(page, 'cp1')).toHaveAttribute('data-role', 'leader');
    await expect(chip(page, 'cp1')).toContainText('★ leader');

    // Just after the crash: cp1 is down and no member leads yet (the followers have not timed out).
    const crashAt = await cpCrashTime(lab);
    await lab.call('seek', crashAt + 1);
    await lab.synced();
    await expect(chip(page, 'cp1')).toHaveAttribute('data-role', 'down');
    await expect(chip(page, 'cp1')).toContainText('✕ down');
    await expect(page.locator('[data-testid^="cp-member-"][data-role="leader"]')).toHaveCount(0);
    await expect(page.getByTestId('cp-members')).toHaveAttribute('aria-label', /no leader/);
    const termBefore = Number((await chip(page, 'cp1').locator('.cv-cpm-term').textContent())!.replace('term ', ''));

    // An election timeout or two later: cp2 or cp3 leads, with a higher term.
    await lab.call('advanceBy', 5_000);
    await lab.synced();
    const leader = page.locator('[data-testid^="cp-member-"][data-role="leader"]');
    await expect(leader).toHaveCount(1);
    const leaderId = (await leader.getAttribute('data-cp-member'))!;
    expect(['cp2', 'cp3']).toContain(leaderId);
    const termAfter = Number((await leader.locator('.cv-cpm-term').textContent())!.replace('term ', ''));
    expect(termAfter).toBeGreaterThan(termBefore);
    await expect(page.getByTestId('failover-leader')).toContainText(leaderId);

    // A chip opens the journal view: committed entries, and the leader failover's steps with their times.
    await chip(page, leaderId).click();
    const journal = page.getByTestId('journal-view');
    await expect(journal).toBeVisible({ timeout: 20_000 });
    await expect(journal.locator('[data-testid^="journal-entry-"][data-committed="true"]').first()).toBeVisible();
    await expect(journal.locator('[data-testid^="journal-entry-"][data-committed="true"]').first()).toContainText('✓ committed');
    const steps = page.getByTestId('cp-failover-steps');
    await expect(steps).toContainText(`cp1 → ${leaderId}`);
    await expect(steps.locator('li').first()).toContainText('Leader lost');
    await expect(steps.locator('li').first()).toContainText('✓');

    // The re-homing the old leader began still completes under the new one.
    const result = await lab.call('runUntil', 'healthy', { maxMs: crashAt + 600_000 });
    expect(result.reached).toBe(true);
    await lab.synced();
    await expect(page.getByTestId('metric-under-replicated')).toHaveText('0');
    await expect(steps).toContainText('finished');
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the open journal view mid-failover and the member chips pass axe (${colorScheme})`, async ({ page, lab }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme });
      await lab.open(`?scenario=${SCENARIO}&theme=${colorScheme}`);
      await lab.call('pause');
      const crashAt = await cpCrashTime(lab);
      await lab.call('seek', crashAt + 2_500);
      await chip(page, 'cp2').click();
      await expect(page.getByTestId('journal-view')).toBeVisible({ timeout: 20_000 });
      await expect(page.getByTestId('cp-failover-steps')).toBeVisible();
      expect(await axeOf(page, '[data-testid="journal-area"]')).toEqual([]);
      expect(await axeOf(page, '[data-testid="cp-members"]')).toEqual([]);
    });
  }

  test('a member chip is a button reached by keyboard that opens the journal', async ({ page, lab }) => {
    test.setTimeout(60_000);
    await lab.open(`?scenario=${SCENARIO}&timeline=0`);
    await lab.call('pause');
    const first = chip(page, 'cp1');
    await expect(first).toBeVisible({ timeout: 20_000 });
    await first.focus();
    await expect(first).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('journal-view')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('journal-toggle')).toHaveAttribute('aria-expanded', 'true');
    await page.getByTestId('journal-toggle').click();
    await expect(page.getByTestId('journal-view')).toHaveCount(0);
  });
});
