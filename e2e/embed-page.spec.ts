// Goal: a docs author can iframe the embed page (teaching-embed.md §3): at 760×480 it fits without a scrollbar and
// shows the chosen moment before anything plays; below 400 px it keeps the cluster, the playback bar and a link to
// the full console; a bad option is named in one banner; until, range and loop stop exactly; a poster loads nothing
// of the engine before Run; and the page asks nothing of any other origin.
import type { Frame, Page, Request } from '@playwright/test';
import { expect, test } from './fixtures';

const HOSTS = 'http://127.0.0.1:4174';

/** Opens the 760×480 host page (another origin) with the embed's query; returns the embed's frame once it runs. */
async function hosted(page: Page, baseURL: string, embed: string, width = 760): Promise<Frame> {
  const url = `${HOSTS}/iframe-760.html?app=${encodeURIComponent(baseURL)}&embed=${encodeURIComponent(embed)}&width=${width}`;
  await page.goto(url);
  const frame = await waitForEmbedFrame(page);
  await frame.waitForFunction(() => window.failoverLab !== undefined, null, { timeout: 60_000 });
  await frame.evaluate(async () => {
    await window.failoverLab!.ready;
  });
  return frame;
}

async function waitForEmbedFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().includes('/embed/')), { timeout: 30_000 }).toBe(true);
  return page.frames().find((f) => f.url().includes('/embed/'))!;
}

/** Opens /embed/ directly with a viewport, driving it through `window.failoverLab`. */
async function direct(page: Page, query: string) {
  await page.goto(`/embed/?${query}`);
  await page.waitForFunction(() => window.failoverLab !== undefined, null, { timeout: 60_000 });
  await page.evaluate(async () => {
    await window.failoverLab!.ready;
  });
}

test.describe('the embed page', () => {
  test.describe.configure({ timeout: 120_000 });

  test('in a 760×480 iframe: no inner scrollbar, the chosen moment before anything plays, every node visible', async ({ page, baseURL, errors }) => {
    void errors; // console errors and uncaught exceptions in the page (and its frames) fail the test
    const requests: string[] = [];
    page.on('request', (r: Request) => requests.push(r.url()));
    const frame = await hosted(page, baseURL!, 'scenario=rehome-worked-example&t=18000');
    const root = frame.getByTestId('embed-root');
    await expect(root).toHaveAttribute('aria-label', 'Failover Lab: Six nodes, n3 dies: 200 shards re-home');
    expect(await frame.evaluate(() => document.title)).toBe('Failover Lab: Six nodes, n3 dies: 200 shards re-home');
    // The moment asked for, paused: nothing plays by itself.
    await expect(frame.getByTestId('control-time')).toContainText('18.0 s');
    await page.waitForTimeout(600);
    await expect(frame.getByTestId('control-time')).toContainText('18.0 s');
    await expect(frame.getByTestId('control-play')).toHaveAccessibleName('Play');
    const scroll = await frame.evaluate(() => {
      const s = document.scrollingElement!;
      return { scrollHeight: s.scrollHeight, clientHeight: s.clientHeight, scrollWidth: s.scrollWidth, clientWidth: s.clientWidth };
    });
    expect(scroll.scrollHeight).toBeLessThanOrEqual(scroll.clientHeight);
    expect(scroll.scrollWidth).toBeLessThanOrEqual(scroll.clientWidth);
    // Every node inside the frame's box, none cut off below the playback bar.
    const box = { width: 760, height: 480 };
    // The playback bar's (toolbar's) top, in the frame's own coordinates (as the nodes' rects are).
    const barTop = await frame.getByTestId('control-play').evaluate((el) => el.closest('[role="toolbar"]')!.getBoundingClientRect().top);
    expect(barTop).toBeLessThanOrEqual(box.height);
    for (const id of ['n1', 'n2', 'n3', 'n4', 'n5', 'n6']) {
      const node = frame.getByTestId(`node-${id}`);
      await expect(node).toBeVisible();
      const b = (await node.evaluate((el) => el.getBoundingClientRect().toJSON())) as DOMRect;
      expect(b.bottom).toBeLessThanOrEqual(barTop);
      expect(b.right).toBeLessThanOrEqual(box.width);
    }
    await expect(frame.getByTestId('node-n3')).toContainText('DEAD');
    // No header, no fault buttons: only the chosen panels.
    await expect(frame.getByTestId('scenario-select')).toHaveCount(0);
    await expect(frame.getByTestId('placement-heatmap')).toHaveCount(0);
    await expect(frame.getByTestId('control-share')).toHaveCount(0);
    const link = frame.getByTestId('embed-open-full');
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', 'noopener');
    await expect.poll(async () => new URL((await link.getAttribute('href'))!).searchParams.get('t')).toBe('18000');
    expect(new URL((await link.getAttribute('href'))!).pathname).toBe('/');
    // Nothing beyond the host page's and the app's own files.
    const allowed = [new URL(HOSTS).origin, new URL(baseURL!).origin];
    expect(requests.filter((u) => !u.startsWith('data:') && !allowed.includes(new URL(u).origin))).toEqual([]);
  });

  test('a six-node map and a three-node one both fit the box', async ({ page, errors }) => {
    void errors; // console errors and uncaught exceptions in the page fail the test
    await page.setViewportSize({ width: 760, height: 480 });
    for (const scenario of ['rehome-worked-example', 'two-server-no-failover', 'rack-aware-nine-nodes']) {
      await direct(page, `scenario=${scenario}&t=12000`);
      const nodes = page.locator('[data-testid^="node-"]');
      await expect(nodes.first()).toBeVisible();
      const bar = (await page.getByTestId('control-play').boundingBox())!;
      for (const node of await nodes.all()) {
        const b = (await node.boundingBox())!;
        expect(b.y + b.height, `${scenario}: ${await node.getAttribute('data-testid')}`).toBeLessThanOrEqual(bar.y);
      }
      expect(await page.evaluate(() => document.scrollingElement!.scrollHeight <= document.scrollingElement!.clientHeight)).toBe(true);
    }
  });

  test('390 px: the cluster, the playback bar and the link to the full console; nothing else', async ({ page, baseURL, errors }) => {
    void errors; // console errors and uncaught exceptions in the page (and its frames) fail the test
    const frame = await hosted(page, baseURL!, 'scenario=rehome-worked-example&t=18000&panels=cluster,metrics,log,playback', 390);
    await expect(frame.getByTestId('node-n1')).toBeVisible();
    await expect(frame.getByTestId('control-play')).toBeVisible();
    await expect(frame.getByTestId('control-scrubber')).toBeVisible();
    await expect(frame.getByTestId('embed-open-full')).toBeVisible();
    await expect(frame.getByTestId('metric-under-replicated')).toHaveCount(0);
    await expect(frame.getByTestId('embed-root')).toHaveAttribute('data-panels', 'cluster playback');
  });

  test('a bad option is named in one dismissible banner, and its default is used', async ({ page, errors }) => {
    void errors; // console errors and uncaught exceptions in the page fail the test
    await page.setViewportSize({ width: 760, height: 480 });
    await direct(page, 'scenario=rehome-worked-example&panels=cluster,foo,playback&controls=all');
    const banner = page.getByTestId('embed-problems');
    await expect(banner).toHaveAttribute('role', 'alert');
    await expect(banner).toContainText("URL parameter panels: unknown panel 'foo' (panels: cluster, placement, metrics, log, inspector, manager, playback); showing cluster,playback.");
    await expect(banner).toContainText("URL parameter controls: 'all' is not one of full, playback, none; using playback.");
    await expect(page.getByTestId('embed-root')).toHaveAttribute('data-controls', 'playback');
    await banner.getByRole('button', { name: /Dismiss/ }).click();
    await expect(banner).toHaveCount(0);
  });

  test('panels in the order given; controls=none hides the bar and keeps the link; label names the region', async ({ page, errors }) => {
    void errors; // console errors and uncaught exceptions in the page fail the test
    await page.setViewportSize({ width: 1000, height: 600 });
    await direct(page, 'scenario=rehome-worked-example&panels=metrics,cluster&controls=none&label=A%20node%20dies');
    await expect(page.getByTestId('embed-root')).toHaveAttribute('aria-label', 'A node dies');
    expect(await page.title()).toBe('A node dies');
    const order = await page.locator('.embed-area').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.panel));
    expect(order).toEqual(['metrics', 'cluster']);
    await expect(page.getByTestId('control-play')).toHaveCount(0);
    await expect(page.getByTestId('embed-open-full')).toBeVisible();
  });

  test('controls=playback and interactive=0 leave the run alone when the map is clicked; controls=full cuts the link', async ({ page, errors }) => {
    void errors; // console errors and uncaught exceptions in the page fail the test
    await page.setViewportSize({ width: 760, height: 480 });
    const clickLink = async (query: string) => {
      await direct(page, `scenario=rehome-worked-example&t=2000&${query}`);
      await page.getByTestId('link-n1-cp').dispatchEvent('click');
      await page.getByTestId('node-n2').click();
      return page.evaluate(async () => {
        const state = await window.failoverLab!.getState();
        return { cuts: state.cuts.length, timeMs: state.timeMs };
      });
    };
    expect(await clickLink('controls=playback')).toEqual({ cuts: 0, timeMs: 2000 });
    expect(await clickLink('controls=full&interactive=0')).toEqual({ cuts: 0, timeMs: 2000 });
    // The same clicks in a console-like embed do cut the link: the check above is not blind.
    expect((await clickLink('controls=full')).cuts).toBeGreaterThan(0);
  });

  test("the host's setPanels, setControls and setTheme take effect at once", async ({ page, baseURL, errors }) => {
    void errors; // console errors and uncaught exceptions in the page (and its frames) fail the test
    await page.goto(`${HOSTS}/protocol.html?app=${encodeURIComponent(baseURL!)}`);
    await page.waitForFunction(() => (window as unknown as { host: { hello: unknown } }).host.hello !== null, null, { timeout: 60_000 });
    const frame = await waitForEmbedFrame(page);
    // The channel says hello as soon as the page runs; the console renders after the engine's first frame.
    await frame.waitForFunction(() => window.failoverLab !== undefined, null, { timeout: 60_000 });
    await frame.evaluate(async () => {
      await window.failoverLab!.ready;
    });
    const root = frame.getByTestId('embed-root');
    await expect(root).toHaveAttribute('data-panels', 'cluster playback', { timeout: 30_000 });
    const call = (method: string, args: unknown[]) =>
      page.evaluate(([m, a]) => (window as unknown as { host: { call(m: string, a: unknown[]): Promise<{ ok: boolean }> } }).host.call(m, a), [method, args] as const);
    expect((await call('setPanels', [['metrics', 'cluster', 'playback']])).ok).toBe(true);
    await expect(root).toHaveAttribute('data-panels', 'metrics cluster playback');
    await expect(frame.getByTestId('metric-under-replicated')).toBeVisible();
    expect((await call('setControls', ['none'])).ok).toBe(true);
    await expect(frame.getByTestId('control-play')).toHaveCount(0);
    expect((await call('setTheme', ['dark'])).ok).toBe(true);
    await expect.poll(() => frame.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect((await call('setTheme', ['light'])).ok).toBe(true);
    await expect.poll(() => frame.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('light');
  });

  test('until=<ms> pauses exactly there, and the bar says why', async ({ page, errors }) => {
    void errors; // console errors and uncaught exceptions in the page fail the test
    await page.setViewportSize({ width: 760, height: 480 });
    await direct(page, 'scenario=rehome-worked-example&t=4000&until=9000&speed=8');
    await page.getByTestId('control-play').click();
    await expect(page.getByTestId('embed-stopped')).toHaveText('Stopped at 9.00 s', { timeout: 30_000 });
    expect(await page.evaluate(async () => (await window.failoverLab!.getState()).timeMs)).toBe(9000);
    await expect(page.getByTestId('control-time')).toContainText('9.00 s');
  });

  test('range: starts at its first event, the scrubber spans it, step back and Home stay inside; loop plays it again', async ({ page, errors }) => {
    void errors; // console errors and uncaught exceptions in the page fail the test
    await page.setViewportSize({ width: 760, height: 480 });
    await direct(page, 'scenario=rehome-worked-example&range=100-400&loop=1&speed=4');
    await expect(page.getByTestId('control-time')).toContainText('event 100');
    await expect(page.getByTestId('control-step-back')).toBeDisabled();
    await expect(page.getByTestId('embed-range')).toBeVisible();
    const scrubber = page.getByTestId('control-scrubber');
    expect(Number(await scrubber.getAttribute('min'))).toBeGreaterThan(0);
    await page.keyboard.press('Home');
    await expect(page.getByTestId('control-time')).toContainText('event 100');
    await page.getByTestId('control-play').click();
    await expect(page.getByTestId('embed-stopped')).toContainText('Stopped at the end of the range', { timeout: 60_000 });
    await expect(page.getByTestId('control-time')).toContainText('event 400');
    // After a short hold it goes back to the range's start and plays again.
    await expect(page.getByTestId('control-play')).toHaveAccessibleName('Pause', { timeout: 10_000 });
    await page.getByTestId('control-play').click();
    const at = await page.getByTestId('control-time').textContent();
    // Back inside the range from its start: well before its end (event 400), where it stopped without a loop.
    const event = Number(/event (\d+)/.exec(at ?? '')?.[1]);
    expect(event).toBeGreaterThanOrEqual(100);
    expect(event).toBeLessThan(400);
  });

  test('autoplay=1 plays after load; with reducedMotion=1 it does not', async ({ page, errors }) => {
    void errors; // console errors and uncaught exceptions in the page fail the test
    await page.setViewportSize({ width: 760, height: 480 });
    await direct(page, 'scenario=rehome-worked-example&autoplay=1&reducedMotion=1');
    await page.waitForTimeout(500);
    await expect(page.getByTestId('control-play')).toHaveAccessibleName('Play');
    await direct(page, 'scenario=rehome-worked-example&autoplay=1');
    await expect(page.getByTestId('control-play')).toHaveAccessibleName('Pause');
  });

  test("poster=1: no engine worker before the click; Run starts it", async ({ page, errors }) => {
    void errors; // console errors and uncaught exceptions in the page fail the test
    await page.setViewportSize({ width: 760, height: 480 });
    const requests: string[] = [];
    page.on('request', (r: Request) => requests.push(r.url()));
    let workers = 0;
    page.on('worker', () => (workers += 1));
    await page.goto('/embed/?scenario=rehome-worked-example&t=18000&poster=1');
    const poster = page.getByTestId('embed-poster');
    await expect(poster).toContainText('Six nodes, n3 dies: 200 shards re-home');
    await expect(poster).toContainText('6 nodes in 6 racks');
    await expect(poster).toContainText('opens at 18.0 s');
    const run = page.getByTestId('embed-run');
    await expect(run).toHaveAccessibleName('Run the simulation: Six nodes, n3 dies: 200 shards re-home');
    await page.waitForTimeout(1000);
    expect(workers).toBe(0);
    expect(requests.filter((u) => /engine-worker/.test(u))).toEqual([]);
    expect(await page.evaluate(() => window.failoverLab)).toBeUndefined();
    await run.click();
    await page.waitForFunction(() => window.failoverLab !== undefined, null, { timeout: 60_000 });
    await expect(page.getByTestId('control-time')).toContainText('18.0 s', { timeout: 60_000 });
    expect(workers).toBe(1);
    await expect(poster).toHaveCount(0);
  });

  test('theme=dark is dark at first paint: the document background before any script runs', async ({ page, errors }) => {
    await page.route('**/src/embed-page/main.tsx*', (route) => route.abort());
    await page.route('**/assets/embed-*.js', (route) => route.abort());
    await page.goto('/embed/?scenario=rehome-worked-example&theme=dark');
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe('rgb(15, 20, 26)');
    // The one error this test causes on purpose, the aborted script's load, is not one the page made.
    await expect.poll(() => errors.some((e) => e.includes('net::ERR_FAILED'))).toBe(true);
    errors.splice(0, errors.length, ...errors.filter((e) => !e.includes('net::ERR_FAILED')));
  });
});
