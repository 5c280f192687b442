// Goal: a docs page on another origin speaks protocol v1 to the embed: it hears fl.loaded, connects over a
// MessageChannel, gets hello, calls `dispatch` and sees the run change, hears `time` events, and gets a named error
// (never silence) for a method that does not exist and for a bad argument; a page whose origin the embed was not
// told to trust (origin=) is never answered, and the embed says so in its console.
import { expect, test } from './fixtures';

const HOSTS = 'http://127.0.0.1:4174';

interface HostWindow {
  host: {
    hello: { protocol: number; driver: string; instance: string } | null;
    loaded: number;
    events: { name: string; at: number; data: { timeMs?: number; event?: number; playing?: boolean } }[];
    call(method: string, args?: unknown[]): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
    send(message: unknown): void;
  };
}

test.describe('protocol v1 across origins', () => {
  test.setTimeout(60_000);

  test('a host on another origin connects, dispatches, hears time, and gets named errors', async ({ page, baseURL, errors }) => {
    void errors;
    const app = new URL(baseURL!).origin;
    expect(app).not.toBe(HOSTS);
    await page.goto(`${HOSTS}/protocol.html?app=${encodeURIComponent(app)}`);
    await page.waitForFunction(() => (window as unknown as HostWindow).host.hello !== null, null, { timeout: 20_000 });
    const hello = await page.evaluate(() => (window as unknown as HostWindow).host.hello);
    expect(hello).toMatchObject({ protocol: 1, driver: '1.1', instance: 'p1' });
    await page.waitForFunction(() => (window as unknown as HostWindow).host.events.some((e) => e.name === 'ready'), null, { timeout: 20_000 });

    const crash = await page.evaluate(() => (window as unknown as HostWindow).host.call('dispatch', [{ type: 'node.crash', node: 'n2' }]));
    expect(crash).toMatchObject({ ok: true, value: { ok: true } });
    const state = await page.evaluate(() => (window as unknown as HostWindow).host.call('getState', []));
    const nodes = (state.value as { nodes: { id: string; up: boolean }[] }).nodes;
    expect(nodes.find((n) => n.id === 'n2')?.up).toBe(false);
    // The embed's own page shows it: n2's map node says it crashed.
    const frame = page.frameLocator('#frame');
    await expect(frame.getByTestId('node-n2')).toContainText(/crashed/i);

    // Time events: after a seek, and while playing (at most 4 a second).
    await page.evaluate(() => (window as unknown as HostWindow).host.call('seek', [12_000]));
    await page.waitForFunction(() => (window as unknown as HostWindow).host.events.some((e) => e.name === 'time' && e.data.timeMs === 12_000));
    await page.evaluate(() => (window as unknown as HostWindow).host.call('play', []));
    await page.waitForTimeout(2500);
    await page.evaluate(() => (window as unknown as HostWindow).host.call('pause', []));
    const times = await page.evaluate(() => (window as unknown as HostWindow).host.events.filter((e) => e.name === 'time'));
    const whilePlaying = times.filter((e) => e.data.playing);
    expect(whilePlaying.length).toBeGreaterThanOrEqual(4);
    // At most 4 a second while playing, not one per frame (60 a second); two more for delivery jitter at the ends,
    // as arrival times here are the host's (the embed's own pacing is unit-tested in driver-on.test.ts).
    const seconds = (whilePlaying.at(-1)!.at - whilePlaying[0].at) / 1000;
    expect(whilePlaying.length - 1).toBeLessThanOrEqual(4 * seconds + 2);
    // Time moved forward while playing, and the pause is said at once.
    expect(whilePlaying.at(-1)!.data.timeMs!).toBeGreaterThan(12_000);
    await expect.poll(() => page.evaluate(() => (window as unknown as HostWindow).host.events.filter((e) => e.name === 'time').at(-1)?.data.playing)).toBe(false);

    const bogus = await page.evaluate(() => (window as unknown as HostWindow).host.call('explode', []));
    expect(bogus).toMatchObject({ ok: false, error: { code: 'unknown_method', message: expect.stringContaining('explode') } });
    const bad = await page.evaluate(() => (window as unknown as HostWindow).host.call('advanceBy', [-5]));
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_args', message: expect.stringContaining('advanceBy') } });
    const malformed = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const w = window as unknown as HostWindow & { host: { returns: Map<unknown, (m: unknown) => void> } };
          w.host.returns.set(null, resolve);
          w.host.send({ type: 'cal', method: 'getState' });
        }),
    );
    expect(malformed).toMatchObject({ ok: false, error: { code: 'bad_message' } });
  });

  test('a host whose origin is not the embed\'s origin= is never answered, and the embed says why', async ({ page, baseURL, errors }) => {
    void errors;
    const app = new URL(baseURL!).origin;
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await page.goto(`${HOSTS}/protocol.html?app=${encodeURIComponent(app)}&origin=${encodeURIComponent('https://docs.example.com')}`);
    await page.waitForFunction(() => (window as unknown as HostWindow).host.loaded > 0, null, { timeout: 20_000 });
    await page.waitForTimeout(3000);
    expect(await page.evaluate(() => (window as unknown as HostWindow).host.hello)).toBeNull();
    expect(warnings.join('\n')).toContain(`refused fl.connect from ${HOSTS}`);
    expect(warnings.join('\n')).toContain('origin=https://docs.example.com');
  });
});
