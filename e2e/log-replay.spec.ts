// Goal: a learner steps through n3's replay after a power loss, record by record, in the Log view: the torn
// record at the end of the log is marked torn (glyph and words), the replay cursor moves with each step, replay
// stops there, and the Recovery panel walks its phases to "serving".
import { expect, test, type Lab } from './fixtures';

/**
 * n3 crashed by a power loss with a torn record at the end of its log, built from the driver API: the log is synced
 * every second (periodic), clients write, the power fails between two syncs. Which record tears is drawn from the
 * seed (stream node:n3:crash), as a teacher would pick one; seed 1 tears one. Returns the torn record's number.
 */
async function powerLossWithTornTail(lab: Lab): Promise<number> {
  await lab.open('?scenario=primary-failover-rf3&timeline=0&seed=1');
  expect(await lab.call('dispatch', { type: 'config.set', path: 'params.walSyncMode', value: 'periodic' })).toEqual({ ok: true });
  await lab.call('advanceBy', 3_450);
  expect(await lab.call('dispatch', { type: 'node.crash', node: 'n3', kind: 'power' })).toEqual({ ok: true });
  const crash = (await lab.call('getTrace')).find((e) => e.kind === 'node.crashed' && e.actor === 'n3');
  const torn = crash?.text.match(/#([\d,]+) is torn/);
  expect(torn, `the power loss tore a record: ${crash?.text}`).not.toBeNull();
  return Number(torn![1]!.replace(/,/g, ''));
}

test.describe('log replay, step by step', () => {
  test('power loss: the torn record is marked, the cursor steps through the log, replay stops there, n3 serves again', async ({ page, lab }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    const tornNo = await powerLossWithTornTail(lab);
    expect(tornNo).toBeGreaterThan(0);

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
    const preview = page.getByTestId('recovery-mode-preview');
    await expect(preview.getByTestId('mode-preview-pointInTime')).toContainText(`stops at #${tornNo.toLocaleString('en-US')}`);

    // The record's fields, as text, for the focused record (keyboard: End goes to the newest).
    await page.mouse.move(0, 0);
    await torn.focus();
    const details = page.getByTestId('wal-record-details');
    await expect(details).toContainText(`#${tornNo.toLocaleString('en-US')}`);
    await expect(details).toContainText(/Offset\s*0\/[0-9A-F]{8}/);
    await page.keyboard.press('ArrowLeft');
    await expect(details).toContainText(`#${(tornNo - 1).toLocaleString('en-US')}`);

    // Restart, and step: the cursor moves forward record by record.
    await page.getByRole('button', { name: 'Restart n3' }).click();
    await expect(panel.getByTestId('recovery-phase')).toContainText('replaying', { timeout: 10_000 });
    await page.getByRole('button', { name: 'Follow the replay again' }).click().catch(() => undefined);
    const step = page.getByTestId('control-step');
    const settle = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));
    const cursors: number[] = [];
    for (let i = 0; i < 400 && (await torn.getAttribute('data-fate')) === 'torn' && (await strip.getAttribute('data-stop')) === null; i++) {
      await step.click();
      await settle();
      const cursor = await strip.getAttribute('data-cursor');
      if (cursor !== null && Number(cursor) !== cursors.at(-1)) cursors.push(Number(cursor));
    }
    expect(cursors.length, 'the cursor moved as the learner stepped').toBeGreaterThan(1);
    expect([...cursors].sort((a, b) => a - b)).toEqual(cursors);

    // Replay stopped at the torn record (pointInTime): marked, in words.
    await expect(strip).toHaveAttribute('data-stop', String(tornNo));
    await expect(torn).toHaveAttribute('data-fate', /torn|discarded/);
    await expect(torn).toContainText(/torn|discarded/);
    await expect(page.getByTestId('wal-stop-n3')).toBeVisible();
    await expect(page.getByTestId('replay-summary')).toContainText(`stopped at #${tornNo.toLocaleString('en-US')}`);
    await expect(page.getByTestId('replay-formula')).toContainText(/ms start \+ .* applied × .* = [\d,.]+ ms/);

    // Onwards to serving: the stepper marks each phase in words.
    const next = page.getByTestId('control-next');
    for (let i = 0; i < 30 && (await panel.getAttribute('data-phase')) !== 'serving'; i++) {
      await next.click();
      await settle();
    }
    await expect(panel).toHaveAttribute('data-phase', 'serving');
    await expect(panel.locator('[aria-current=step]')).toContainText('Serving');
    await expect(panel.locator('[data-status=done]')).toHaveCount(3);
  });
});
