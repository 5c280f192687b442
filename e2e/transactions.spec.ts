// Goal (issue 14, design recovery-repair.md §9.2, §12): a learner opens n1's log and recovery after its restart and
// reads, for each transaction the power loss caught, what the log held, the rule the restart applied and its fate —
// in words, not colour alone; the Log strip shows the COMMIT, ABORT and compensation records as C, A and ↩.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

test.describe('transactions at restart', () => {
  test('redo-only: the table lists replay, abort and roll back with their fates', async ({ page, lab }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await lab.open('?scenario=txn-restart-rules');
    await lab.call('seek', 12_000);
    await lab.call('select', { kind: 'node', id: 'n1' });
    await page.getByTestId('recovery-toggle').click();
    const table = page.getByTestId('txn-table');
    await expect(table).toBeVisible({ timeout: 10_000 });
    await expect(page.getByTestId('txn-row-t1')).toContainText('3 PUT');
    await expect(page.getByTestId('txn-row-t1')).toContainText('abort (in progress)');
    await expect(page.getByTestId('txn-row-t1')).toContainText('aborted: its 3 write(s) discarded, ABORT logged');
    await expect(page.getByTestId('txn-row-t2')).toContainText('2 PUT + ABORT');
    await expect(page.getByTestId('txn-row-t2')).toContainText('roll back (aborted)');
    await expect(page.getByTestId('txn-row-t3')).toContainText('3 PUT + COMMIT');
    await expect(page.getByTestId('txn-row-t3')).toContainText('replay (committed)');
    await expect(page.getByTestId('txn-row-t3')).toContainText('the client never told');
    // The Log strip draws the outcome records with their own glyphs.
    await expect(page.getByTestId('wal-strip-n1')).toContainText('C');
    await expect(page.getByTestId('wal-strip-n1')).toContainText('A');
    const axe = await new AxeBuilder({ page }).include('[data-testid="txn-table"]').analyze();
    expect(axe.violations).toEqual([]);
  });

  test('ARIES: the undo pass fills in the compensation records, and the strip shows them', async ({ page, lab }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await lab.open('?scenario=txn-restart-rules-aries');
    await lab.call('seek', 12_000);
    await lab.call('select', { kind: 'node', id: 'n1' });
    await page.getByTestId('recovery-toggle').click();
    await expect(page.getByTestId('txn-row-t1')).toContainText('aborted: 3 change(s) undone with 3 CLR(s), ABORT logged', { timeout: 10_000 });
    await expect(page.getByTestId('txn-row-t2')).toContainText('rolled back: 2 CLR(s) for 2 change(s)');
    await expect(page.getByTestId('wal-strip-n1')).toContainText('↩');
    const metrics = (await lab.call('getState')).metrics;
    // t2's rollback had not run on any replica when the power failed: n1's undo wrote all 5.
    expect(metrics.clrWritten).toBe(5);
  });

});

test.describe('transactions at restart, 390 px', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('two-phase: in doubt at the restart, resolved by the operator', async ({ page, lab }) => {
    test.setTimeout(90_000);
    await lab.open('?scenario=txn-in-doubt');
    await lab.call('seek', 10_000);
    await lab.call('select', { kind: 'node', id: 'n2' });
    await page.getByTestId('recovery-toggle').click();
    const row = page.getByTestId('txn-row-t1');
    await expect(row).toContainText('in doubt (prepared)', { timeout: 10_000 });
    await expect(row).toContainText('stay locked');
    expect((await lab.call('getState')).metrics.txnInDoubt).toBe(1);
    await lab.call('seek', 16_000);
    await expect(row).toContainText('resolved (prepared)');
    await expect(row).toContainText('an operator decided commit');
    expect((await lab.call('getState')).metrics.txnInDoubt).toBe(0);
  });
});
