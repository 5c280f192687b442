// Goal: after three disks are destroyed, a learner restores the cluster from backup b1 and reads, in the "Backups &
// restore" tab beside Metrics, the backup taken, the restore's phase, the acknowledged writes lost (RPO) and the time
// it takes (RTO) with its formula — the same figures the engine reports — by mouse or keyboard.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

test.describe('Restore panel', () => {
  test('shows the backup, then RPO writes and RTO with its formula for restore-from-backup', async ({ page, lab }) => {
    test.setTimeout(90_000);
    await lab.open('?scenario=restore-from-backup');
    await lab.call('pause');
    // No backup yet: the Metrics area is the Metrics panel alone.
    await expect(page.getByTestId('restore-tab')).toHaveCount(0);

    await lab.call('advanceBy', 31_000);
    const tab = page.getByTestId('restore-tab');
    await expect(tab).toBeVisible();
    await tab.click();
    const panel = page.getByTestId('restore-panel');
    await expect(panel).toBeVisible();
    await expect(page.getByTestId('backup-row-b1')).toContainText('b1');
    await expect(page.getByTestId('backup-row-b1')).toContainText('599');

    // The restore starts at 60 s: its tab comes forward, loading, with the RTO it will take.
    await page.getByTestId('metrics-tab').click();
    await lab.call('advanceBy', 31_000);
    await expect(page.getByTestId('restore-panel')).toBeVisible();
    await expect(tab).toContainText('loading');
    await expect(page.getByTestId('restore-phase')).toContainText('Loading every shard from the backup');
    await expect(page.getByTestId('restore-rto')).toHaveText('24.0 s');

    await lab.call('advanceBy', 30_000);
    const view = await lab.call('getRestoreView');
    expect(view.restore!.phase).toBe('finished');
    await expect(page.getByTestId('restore-phase')).toContainText('Finished');
    await expect(page.getByTestId('restore-rpo')).toHaveText(String(view.restore!.rpoWrites));
    await expect(page.getByTestId('restore-rpo')).toHaveText('453');
    await expect(page.getByTestId('restore-rto-formula')).toContainText('9 GiB ÷ (3 nodes × 128 MiB/s) = 24.0 s');
    await expect(page.getByTestId('backup-row-b1')).toContainText('◂ restored');

    // Keyboard: the tabs move with the arrow keys.
    await tab.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('metrics-tab')).toBeFocused();
    await expect(page.getByTestId('metrics-tab')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('restore-panel')).toBeVisible();

    // The restore's own machine, drawn from its definition, at its final state.
    await page.getByTestId('statechart-toggle-restore').click();
    await expect(page.getByTestId('restore-panel').getByText('replayingArchive').first()).toBeVisible();

    const a11y = await new AxeBuilder({ page }).include('[data-testid="restore-panel"]').analyze();
    expect(a11y.violations).toEqual([]);
  });

  test('point-in-time: the target time and the archive terms of RTO show, and fewer writes are lost', async ({ page, lab }) => {
    test.setTimeout(90_000);
    await lab.open('?scenario=restore-from-backup-pitr');
    await lab.call('pause');
    await lab.call('advanceBy', 90_000);
    await page.getByTestId('restore-tab').click();
    await expect(page.getByTestId('restore-target')).toHaveText('45.0 s');
    await expect(page.getByTestId('restore-rpo')).toHaveText('153');
    await expect(page.getByTestId('restore-rto-formula')).toContainText('300 records × 5 ms = 1.50 s');
  });
});
