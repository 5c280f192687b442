// Goal: a docs author drops <failover-lab> into a page on another origin and gets the simulation in the page's
// colours — light in a light page, dark in a dark one, following the page's theme toggle — sized to its content
// with height="auto", with a driver and DOM events of its own: two elements on one page are driven apart, and a
// poster with a real Run button loads nothing until pressed.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const HOSTS = 'http://127.0.0.1:4174';

type LabElement = HTMLElement & {
  ready: Promise<void>;
  driver: Record<string, (...args: unknown[]) => Promise<unknown>>;
  shareUrl: string;
};

async function openHost(page: Page, file: string, appUrl: string, query = '') {
  await page.goto(`${HOSTS}/${file}?app=${encodeURIComponent(new URL(appUrl).origin)}${query}`);
}

/** Awaits `el.ready` for the element with this id, then calls one driver method on it. */
/** Collects every `failoverlab-resize` height in `window.resizes`, listening before the page loads: the handshake may
 * finish before `goto` returns. */
async function recordResizes(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { resizes: number[] };
    w.resizes = [];
    document.addEventListener('failoverlab-resize', (e) => w.resizes.push((e as CustomEvent<{ height: number }>).detail.height));
  });
}

function drive(page: Page, id: string, method: string, ...args: unknown[]) {
  return page.evaluate(
    async ([id, method, args]) => {
      const el = document.getElementById(id as string) as LabElement;
      await el.ready;
      return el.driver[method as string](...(args as unknown[]));
    },
    [id, method, args] as const,
  );
}

const frameTheme = (page: Page, selector: string) =>
  page.frameLocator(selector).locator('html').getAttribute('data-theme');

test.describe('<failover-lab> in a docs page', () => {
  test.setTimeout(90_000);

  test('in a light page it is light; the page toggles dark and the embed follows', async ({ page, baseURL, errors }) => {
    void errors;
    await openHost(page, 'element.html', baseURL!);
    const el = page.locator('#lab');
    await page.waitForFunction(() => customElements.get('failover-lab') !== undefined);
    await page.evaluate(() => (document.getElementById('lab') as LabElement).ready);
    const frame = page.locator('#lab iframe');
    await expect(frame).toHaveAttribute('title', 'A node dies and its shards re-home');
    await expect(frame).toHaveCSS('opacity', '1');
    await expect(frame).toHaveCSS('color-scheme', 'light');
    expect(await frameTheme(page, '#lab iframe')).toBe('light');
    // The chosen moment is shown before anything plays: n3 is down at 18 s.
    await expect(page.frameLocator('#lab iframe').getByTestId('node-n3')).toContainText('DEAD');
    const state = (await drive(page, 'lab', 'getState')) as { timeMs: number; nodes: { id: string; up: boolean }[] };
    expect(state.timeMs).toBe(18_000);
    expect(state.nodes.find((n) => n.id === 'n3')?.up).toBe(false);

    await page.getByRole('button', { name: 'Toggle dark mode' }).click();
    await expect.poll(() => frameTheme(page, '#lab iframe')).toBe('dark');
    await expect(frame).toHaveCSS('color-scheme', 'dark');
    await page.getByRole('button', { name: 'Toggle dark mode' }).click();
    await expect.poll(() => frameTheme(page, '#lab iframe')).toBe('light');
    // The fallback link is for readers without scripts: hidden here.
    await expect(el.getByRole('link', { name: 'Open the simulation' })).toBeHidden();
  });

  test('in a dark page it starts dark, never showing a light frame', async ({ page, baseURL, errors }) => {
    void errors;
    await openHost(page, 'element.html', baseURL!, '&theme=dark');
    await page.waitForFunction(() => customElements.get('failover-lab') !== undefined);
    const frame = page.locator('#lab iframe');
    // From the moment it exists the frame is dark (or not shown yet).
    await expect(frame).toHaveCSS('color-scheme', 'dark');
    expect(new URL((await frame.getAttribute('src'))!).searchParams.get('theme')).toBe('dark');
    await page.evaluate(() => (document.getElementById('lab') as LabElement).ready);
    expect(await frameTheme(page, '#lab iframe')).toBe('dark');
  });

  test('height="auto" sizes the element to the embed content, and resize events say so', async ({ page, baseURL, errors }) => {
    void errors;
    await recordResizes(page);
    await openHost(page, 'element.html', baseURL!);
    await page.evaluate(() => (document.getElementById('lab') as LabElement).ready);
    await page.waitForFunction(() => (window as unknown as { resizes: number[] }).resizes.length > 0);
    const reported = await page.evaluate(() => (window as unknown as { resizes: number[] }).resizes.at(-1)!);
    const box = await page.locator('#lab').boundingBox();
    expect(Math.abs(box!.height - reported)).toBeLessThanOrEqual(1);
    // No inner scrollbar: the embed's document fits the frame.
    const inner = await page.frameLocator('#lab iframe').locator('html').evaluate((html) => ({ scroll: html.scrollHeight, client: html.clientHeight }));
    expect(inner.scroll).toBeLessThanOrEqual(inner.client + 1);
  });

  test('height="auto": in a narrow page whose embed stacks its panels, the element grows to the content', async ({ page, baseURL, errors }) => {
    void errors;
    // Narrow enough that the panels stack, wider than the 400 px phone layout that keeps only the cluster.
    await page.setViewportSize({ width: 600, height: 900 });
    await recordResizes(page);
    await openHost(page, 'element.html', baseURL!);
    await page.evaluate(() => (document.getElementById('lab') as LabElement).ready);
    const lab = page.locator('#lab');
    const width = (await lab.boundingBox())!.width;
    // What the 16/10 box alone would give (at least the 320 px minimum): the element must outgrow it.
    const boxOnly = Math.max(320, (width * 10) / 16);
    await lab.evaluate((el) => el.setAttribute('panels', 'cluster,metrics,playback'));
    await expect.poll(async () => (await lab.boundingBox())!.height, { timeout: 20_000 }).toBeGreaterThan(boxOnly + 100);
    // And it settles: a frame that grows must not make the content grow with it, resize after resize.
    const grown = (await lab.boundingBox())!.height;
    await page.waitForTimeout(1500);
    expect((await lab.boundingBox())!.height).toBe(grown);
    expect(grown).toBeLessThan(2000);
    const reported = await page.evaluate(() => (window as unknown as { resizes: number[] }).resizes.at(-1)!);
    expect(Math.abs(grown - reported)).toBeLessThanOrEqual(1);
    // No inner scrollbar: the embed's document fits the frame it grew.
    const inner = await page.frameLocator('#lab iframe').locator('html').evaluate((html) => ({ scroll: html.scrollHeight, client: html.clientHeight }));
    expect(inner.scroll).toBeLessThanOrEqual(inner.client + 1);
  });

  test('two elements on one page are driven apart: their own scenario, time and events', async ({ page, baseURL, errors }) => {
    void errors;
    await openHost(page, 'two-elements.html', baseURL!);
    await page.evaluate(() => {
      const w = window as unknown as { times: Record<string, number[]> };
      w.times = { left: [], right: [] };
      for (const id of ['left', 'right']) {
        document.getElementById(id)!.addEventListener('failoverlab-time', (e) => w.times[id].push((e as CustomEvent<{ timeMs: number }>).detail.timeMs));
      }
    });
    const left = (await drive(page, 'left', 'getState')) as { timeMs: number; nodes: unknown[] };
    const right = (await drive(page, 'right', 'getState')) as { timeMs: number; nodes: unknown[] };
    expect(left.timeMs).toBe(18_000);
    expect(right.timeMs).toBe(4000);

    await drive(page, 'left', 'dispatch', { type: 'node.crash', node: 'n1' });
    await drive(page, 'left', 'seek', 30_000);
    const leftAfter = (await drive(page, 'left', 'getState')) as { timeMs: number; nodes: { id: string; up: boolean }[] };
    const rightAfter = (await drive(page, 'right', 'getState')) as { timeMs: number; nodes: { id: string; up: boolean }[] };
    expect(leftAfter.timeMs).toBe(30_000);
    expect(rightAfter.timeMs).toBe(4000);
    expect(rightAfter.nodes.every((n) => n.up)).toBe(true);
    await expect.poll(() => page.evaluate(() => (window as unknown as { times: Record<string, number[]> }).times.left.at(-1))).toBe(30_000);
    expect(await page.evaluate(() => (window as unknown as { times: Record<string, number[]> }).times.right)).not.toContain(30_000);
    // Each embed registered its own driver under its instance, in its own document: no global is shared.
    for (const instance of ['left', 'right']) {
      const frame = page.frames().find((f) => f.url().includes(`instance=${instance}`))!;
      expect(await frame.evaluate(() => Object.keys(window.failoverLabInstances ?? {}))).toEqual([instance]);
    }
    expect(await page.evaluate(() => 'failoverLab' in window || 'failoverLabInstances' in window)).toBe(false);
    // A method the driver lacks is named, not silent.
    const refused = await page.evaluate(async () => {
      const el = document.getElementById('right') as LabElement;
      try {
        await el.driver.explode();
        return null;
      } catch (error) {
        return { code: (error as { code?: string }).code, message: (error as Error).message };
      }
    });
    expect(refused).toMatchObject({ code: 'unknown_method', message: expect.stringContaining('explode') });
  });

  test('reveal="interaction" shows a poster and a Run button, and loads the embed only when pressed', async ({ page, baseURL, errors }) => {
    void errors;
    await openHost(page, 'two-elements.html', baseURL!);
    const poster = page.locator('#poster');
    const run = poster.getByRole('button', { name: 'Run the simulation: A flapping node inside the grace period' });
    await expect(run).toBeVisible();
    await expect(poster.locator('iframe')).toHaveCount(0);
    await run.click();
    await expect(poster.locator('iframe')).toHaveCount(1);
    await page.evaluate(() => (document.getElementById('poster') as LabElement).ready);
    expect(await page.evaluate(() => (document.getElementById('poster') as LabElement).shareUrl)).toContain('scenario=flapping-node-grace');
  });
});
