// Goal: what a learner needs is on screen without hunting — a shard down to its last copy stands out in the
// grid (glyph and words, not colour alone); at 1440×900 the node actions and "Why this target" are not clipped;
// at 390 px the playback bar is one compact row and the partition tool's labels do not collide; each built-in
// scenario's "what to watch" list opens in the console.
import type { Locator, Page } from '@playwright/test';
import { getBuiltInScenario } from '../src/scenarios/registry';
import { expect, test } from './fixtures';

// Each test re-simulates up to half a minute of a 400-shard run in the page: give it room on a busy machine.
test.describe.configure({ timeout: 90_000 });

/**
 * True when the whole element can be seen: inside the viewport and not clipped by any scrolling ancestor.
 * Checked by hit-testing points near its four corners and its centre.
 */
async function fullyVisible(locator: Locator): Promise<boolean> {
  await expect(locator).toBeVisible();
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) return false;
    const inset = 3;
    const points = [
      [r.left + inset, r.top + inset],
      [r.right - inset, r.top + inset],
      [r.left + inset, r.bottom - inset],
      [r.right - inset, r.bottom - inset],
      [(r.left + r.right) / 2, (r.top + r.bottom) / 2],
    ];
    return points.every(([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return hit !== null && (hit === el || el.contains(hit));
    });
  });
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
}

/** The id the inspector's heading names ("Inspector · n2"). */
const inspectorSubject = (page: Page) => page.getByTestId('inspector').locator('.inspector-subject');

async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no box');
  return box;
}

test.describe('a shard down to its last copy', () => {
  test('is marked in the grid with its own glyph and words, and counted', async ({ page, lab }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await lab.open('?scenario=second-failure-during-rebuild');
    await lab.call('pause');
    await lab.call('advanceBy', 22_000);
    const state = await lab.call('getState');
    const lastCopy = state.shards.filter((s) => s.state !== 'lost' && s.liveCopies === 1).map((s) => s.id);
    const twoCopies = state.shards.find((s) => s.state === 'underReplicated' && s.liveCopies === 2)!;
    expect(lastCopy.length).toBeGreaterThan(0);

    await expect(page.getByTestId('placement-counts')).toContainText(`${lastCopy.length} last copy`);
    const one = page.getByTestId(`shard-${lastCopy[0]}`);
    const two = page.getByTestId(`shard-${twoCopies.id}`);
    await expect(one).toHaveAttribute('data-last-copy', 'true');
    await expect(two).not.toHaveAttribute('data-last-copy', 'true');
    await expect(one).toHaveAccessibleName(/last copy/);
    await expect(two).not.toHaveAccessibleName(/last copy/);
    // Not colour alone: the glyph differs from a shard that still has two copies.
    expect(await one.textContent()).not.toBe(await two.textContent());
    expect((await one.textContent())!.trim()).not.toBe('');
  });
});

test.describe('1440×900: the inspector has room for what was selected', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('a selected node shows its action buttons whole', async ({ page, lab }) => {
    await lab.open('?scenario=rehome-worked-example');
    await lab.call('pause');
    await lab.call('advanceBy', 20_000);
    await lab.call('select', { kind: 'node', id: 'n2' });
    await lab.synced();
    await expect(inspectorSubject(page)).toHaveText('· n2');
    for (const name of ['Crash n2', 'Destroy n2', 'Fail rack r2']) {
      await expect.poll(() => fullyVisible(page.getByRole('button', { name, exact: true })), `${name} fully visible`).toBe(true);
    }
  });

  test('a shard selected mid-rebuild shows "Why this target" without scrolling', async ({ page, lab }) => {
    await lab.open('?scenario=rehome-worked-example');
    await lab.call('pause');
    await lab.call('advanceBy', 20_000);
    const rehoming = (await lab.call('getState')).shards.find((s) => s.state === 'rehoming')!;
    for (const id of ['s001', rehoming.id]) {
      await lab.call('select', { kind: 'shard', id });
      // The previous shard's answer is on screen until this selection publishes: look only once it has.
      await expect(inspectorSubject(page)).toHaveText(`· ${id}`);
      const why = page.getByTestId('inspector').getByRole('heading', { name: 'Why this target' });
      await expect.poll(() => fullyVisible(why), `${id}: heading visible`).toBe(true);
      await expect.poll(() => fullyVisible(page.getByTestId('why-target-summary')), `${id}: the answer visible`).toBe(true);
    }
  });
});

test.describe('390 px', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the playback bar is one compact row of named controls', async ({ page, lab }) => {
    await lab.open('?scenario=rehome-worked-example');
    const bar = page.getByRole('toolbar', { name: 'Playback' });
    const box = await boxOf(bar);
    expect(box.height).toBeLessThanOrEqual(64);
    for (const name of ['Step back', 'Play', 'Step', 'Slower', 'Faster']) {
      const button = bar.getByRole('button', { name, exact: true });
      expect(await fullyVisible(button), `${name} visible`).toBe(true);
    }
    await expect(page.getByTestId('control-next')).toHaveAccessibleName(/^Next/);
    expect(await fullyVisible(page.getByTestId('control-next')), 'next visible').toBe(true);
    for (const id of ['control-scrubber', 'control-time']) expect(await fullyVisible(page.getByTestId(id)), id).toBe(true);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(bar.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  });

  test('tapping a node brings its inspector into view, clear of the sticky bar', async ({ page, lab }) => {
    await lab.open('?scenario=rehome-worked-example');
    await page.getByTestId('node-n4').click();
    const crash = page.getByRole('button', { name: 'Crash n4' });
    await expect.poll(() => fullyVisible(crash)).toBe(true);
    const bar = await boxOf(page.getByRole('toolbar', { name: 'Playback' }));
    const heading = await boxOf(page.getByRole('heading', { name: /Inspector/ }));
    expect(heading.y, 'the heading is below the sticky playback bar').toBeGreaterThanOrEqual(bar.y + bar.height);
  });

  test('the partition tool keeps every label clear of its neighbours, even with long node names', async ({ page, lab }) => {
    await lab.open('?scenario=minority-partition');
    const nodes = ['db-east-01', 'db-east-02', 'db-west-01', 'db-west-02', 'db-north-1'].map((id, i) => ({ id, rack: `r${i + 1}` }));
    for (const scenario of ['minority-partition', { id: 'long-names', nodes, shards: 20 }] as const) {
      await lab.call('load', scenario as never);
      const tool = page.getByTestId('partition-tool');
      await tool.scrollIntoViewIfNeeded();
      const toolBox = await boxOf(tool);
      const units = tool.locator('.partition-unit');
      const count = await units.count();
      expect(count).toBeGreaterThan(4);
      const parts: { name: string; box: Awaited<ReturnType<typeof boxOf>> }[] = [];
      for (let i = 0; i < count; i++) {
        const unit = units.nth(i);
        const label = await boxOf(unit.locator('span').first());
        const select = await boxOf(unit.locator('select'));
        expect(overlaps(label, select), `label and side of unit ${i}`).toBe(false);
        for (const b of [label, select]) {
          expect(b.x).toBeGreaterThanOrEqual(toolBox.x - 0.5);
          expect(b.x + b.width).toBeLessThanOrEqual(toolBox.x + toolBox.width + 0.5);
        }
        parts.push({ name: `label ${i}`, box: label }, { name: `select ${i}`, box: select });
      }
      for (let i = 0; i < parts.length; i++)
        for (let j = i + 2 - (i % 2); j < parts.length; j++)
          expect(overlaps(parts[i].box, parts[j].box), `${parts[i].name} vs ${parts[j].name}`).toBe(false);
    }
  });
});

test.describe('what to watch', () => {
  async function openWatchList(page: Page) {
    const toggle = page.getByRole('button', { name: /what to watch/i });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    return page.getByRole('list', { name: /what to watch/i });
  }

  for (const width of [1440, 390]) {
    test(`each built-in's list opens as numbered steps beside its description (${width} px)`, async ({ page, lab }) => {
      await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
      await lab.open('?scenario=second-failure-during-rebuild');
      const scenario = getBuiltInScenario('second-failure-during-rebuild')!;
      await expect(page.locator('#scenario-description-text')).toBeVisible();
      const list = await openWatchList(page);
      const items = list.getByRole('listitem');
      await expect(items).toHaveCount(scenario.watch!.length);
      await expect(items.first()).toHaveText(scenario.watch![0]);
      expect(await list.evaluate((el) => el.tagName)).toBe('OL');
      // Readable: within the screen's width, not clipped sideways.
      const box = await boxOf(list);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await expect(page.locator('#scenario-description-text')).toBeVisible();

      // Another scenario brings its own list, closed again.
      await page.getByTestId('scenario-select').selectOption('minority-partition');
      const next = await openWatchList(page);
      await expect(next.getByRole('listitem')).toHaveCount(getBuiltInScenario('minority-partition')!.watch!.length);
    });
  }
});
