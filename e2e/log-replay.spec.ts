// Goal: a learner steps through n3's replay after a power loss, record by record, in the Log view: the torn
// record at the end of the log is marked torn (glyph and words) before the restart, the replay cursor moves with
// each step, replay stops there, and the Recovery panel walks its phases to "serving".
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

test.describe('log replay, step by step', () => {
  test('power loss: the torn record is marked, the cursor steps through the log, replay stops there, n3 serves again', async ({ page, lab }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    // The built-in: n3 loses power at 5.5 s between two log flushes (its last surviving record torn), restarts at 8 s.
    await lab.open('?scenario=power-loss-torn-tail');
    await lab.call('seek', 6_000);
    const crash = (await lab.call('getTrace')).find((e) => e.kind === 'node.crashed' && e.actor === 'n3');
    const match = crash?.text.match(/#([\d,]+) is torn/);
    expect(match, `the power loss tore a record: ${crash?.text}`).not.toBeNull();
    const tornNo = Number(match![1]!.replace(/,/g, ''));
    const tornLabel = `#${tornNo.toLocaleString('en-US')}`;

    await lab.call('select', { kind: 'node', id: 'n3' });
    await page.getByTestId('recovery-toggle').click();
    const strip = page.getByTestId('wal-strip-n3');
    await expect(strip).toBeVisible({ timeout: 10_000 });
    const panel = page.getByTestId('recovery-panel');
    await expect(panel.getByTestId('recovery-phase')).toContainText('crashed');

    // Before the restart the damage already shows, in glyph and words, and each mode says where it would stop.
    const torn = page.getByTestId(`wal-record-n3-${tornNo}`);
    await expect(torn).toHaveAttribute('data-fate', 'torn');
    await expect(torn).toContainText('⚡');
    await expect(torn).toContainText('torn');
    await expect(torn).toHaveAttribute('aria-label', /torn \(only part of it reached the disk\), after the fsync line/);
    await expect(page.getByTestId('wal-fsync-n3')).toBeVisible();
    await expect(page.getByTestId('recovery-mode-preview').getByTestId('mode-preview-pointInTime')).toContainText(tornLabel);

    // The focused record's fields, as text; arrow keys move between records.
    await page.mouse.move(0, 0);
    await torn.focus();
    const details = page.getByTestId('wal-record-details');
    await expect(details).toContainText(tornLabel);
    await expect(details).toContainText(/Offset\s*0\/[0-9A-F]{8}/);
    await expect(details).toContainText(/Checksum/);
    await page.keyboard.press('ArrowLeft');
    await expect(details).toContainText(`#${(tornNo - 1).toLocaleString('en-US')}`);
    await expect(page.getByTestId(`wal-record-n3-${tornNo - 1}`)).toBeFocused();

    // The scenario restarts n3 at 8 s. Step: the cursor moves forward record by record.
    await lab.call('seek', 8_000);
    await expect(panel.getByTestId('recovery-phase')).toContainText('replaying', { timeout: 10_000 });
    const follow = page.getByRole('button', { name: 'Follow the replay again' });
    if (await follow.isVisible()) await follow.click();
    const step = page.getByTestId('control-step');
    const settle = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));
    const cursors: number[] = [];
    for (let i = 0; i < 60 && cursors.length < 4; i++) {
      await lab.moveWith(step);
      await settle();
      const cursor = await strip.getAttribute('data-cursor');
      if (cursor !== null && Number(cursor) !== cursors.at(-1)) cursors.push(Number(cursor));
    }
    expect(cursors.length, 'the cursor moved as the learner stepped').toBeGreaterThanOrEqual(4);
    expect(cursors.map((c, i) => c - (cursors[i - 1] ?? c - 1)), 'one record per step').toEqual([1, 1, 1, 1]);
    await expect(page.getByTestId('wal-cursor-n3')).toBeVisible();

    // The placement grid's Recovery overlay: every shard has a replica on n3, which is replaying (R, in words).
    await page.getByTestId('overlay-recovery').click();
    await expect(page.getByTestId('shard-s001')).toHaveAttribute('data-recovery', 'recovering');
    await expect(page.getByTestId('shard-s001')).toHaveAttribute('aria-label', /a replica is replaying its log/);
    await expect(page.getByTestId('recovery-counts')).toContainText('3 a replica is replaying its log');

    // Next significant event: the records are detail; the torn record is news, so it stops there.
    const next = page.getByTestId('control-next');
    for (let i = 0; i < 10 && (await strip.getAttribute('data-stop')) === null; i++) {
      await lab.moveWith(next);
      await settle();
    }
    await expect(strip).toHaveAttribute('data-stop', String(tornNo));
    await expect(torn).toHaveAttribute('data-fate', 'torn');
    await expect(torn).toContainText('torn');
    await expect(page.getByTestId('wal-stop-n3')).toBeVisible();
    await expect(page.getByTestId('replay-summary')).toContainText(`stopped at ${tornLabel}: a torn record`);
    await expect(page.getByTestId('replay-formula')).toContainText(/^Replay time = 500 ms start \+ [\d.]+ KiB ÷ 64 MiB\/s \([\d.]+ ms scan\) \+ [\d,]+ applied × 5 ms \([\d,.]+ ms apply\) = [\d,.]+ ms$/);

    // Onwards to serving: the stepper marks each phase in words.
    for (let i = 0; i < 30 && (await panel.getAttribute('data-phase')) !== 'serving'; i++) {
      await lab.moveWith(next);
      await settle();
    }
    await expect(panel).toHaveAttribute('data-phase', 'serving');
    await expect(panel.locator('[aria-current=step]')).toContainText('Serving');
    await expect(panel.locator('[data-status=done]')).toHaveCount(3);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the open Log view and Recovery panel have no serious accessibility violations (${colorScheme})`, async ({ page, lab }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme });
      await lab.open('?scenario=power-loss-torn-tail&t=8800');
      await lab.call('select', { kind: 'node', id: 'n3' });
      await page.getByTestId('recovery-toggle').click();
      await expect(page.getByTestId('wal-strip-n3')).toBeVisible({ timeout: 10_000 });
      const results = await new AxeBuilder({ page }).include('.recovery-section').analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
    });
  }
});
