// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"disableIframePageLoading": true}}
// Goal: a docs author's `<failover-lab>` never leaves their code waiting forever or silently wrong: no answer from
// the embed ends `ready` and every call with a `not_ready` that says what to check; removing `panels`/`controls`
// goes back to the defaults; switching `theme` to auto follows the host page's scheme from then on.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import './failover-lab';

type Element = HTMLElement & { ready: Promise<void>; driver: Record<string, (...args: unknown[]) => Promise<unknown>> };
type Internals = { receive(from: MessagePort, message: unknown): void; frame: HTMLIFrameElement | null };

const opened: MessagePort[] = [];
afterEach(() => {
  document.body.replaceChildren();
  document.documentElement.removeAttribute('data-theme');
  opened.splice(0).forEach((p) => p.close());
  vi.useRealTimers();
});

function mount(attributes: Record<string, string> = {}): Element {
  const el = document.createElement('failover-lab') as Element;
  el.setAttribute('src', 'https://lab.example/');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  document.body.append(el);
  return el;
}

/** Plays the embed's side of the handshake on a port of our own; returns the calls the element makes on it. */
async function connectAndReady(el: Element): Promise<{ calls: { method: string; args: unknown[] }[] }> {
  const channel = new MessageChannel();
  opened.push(channel.port1, channel.port2);
  const calls: { method: string; args: unknown[] }[] = [];
  channel.port2.onmessage = (event: MessageEvent) => {
    const m = event.data as { id: number; method: string; args: unknown[] };
    calls.push({ method: m.method, args: m.args });
    channel.port2.postMessage({ id: m.id, type: 'return', ok: true, value: m.args[0] ?? null });
  };
  const internals = el as unknown as Internals;
  internals.receive(channel.port1, { type: 'fl.hello' });
  internals.receive(channel.port1, { type: 'event', name: 'ready', data: {} });
  await el.ready;
  return { calls };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('<failover-lab> without an answer from the embed', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  it('rejects ready, a waiting call and a new call with not_ready naming the origin and what to check', async () => {
    const el = mount();
    const ready = el.ready.then(
      () => 'resolved',
      (error: Error & { code?: string }) => error,
    );
    const waiting = el.driver.getState().catch((error: Error & { code?: string }) => error);
    (el as unknown as Internals).frame!.dispatchEvent(new Event('load'));
    await vi.advanceTimersByTimeAsync(20 * 500 + 100);
    for (const outcome of [await ready, await waiting]) {
      expect(outcome).toBeInstanceOf(Error);
      expect((outcome as { code?: string }).code).toBe('not_ready');
      expect((outcome as Error).message).toMatch(/no answer from https:\/\/lab\.example after 20 tries.*origin=.*app URL/);
    }
    const later = await el.driver.pause().catch((error: Error & { code?: string }) => error);
    expect((later as { code?: string }).code).toBe('not_ready');
  });
});

describe('<failover-lab> live attributes', () => {
  it('removing panels or controls goes back to the defaults (cluster,playback; playback)', async () => {
    const el = mount({ panels: 'metrics', controls: 'full' });
    const { calls } = await connectAndReady(el);
    el.removeAttribute('panels');
    el.removeAttribute('controls');
    await settle();
    expect(calls).toEqual([
      { method: 'setPanels', args: [['cluster', 'playback']] },
      { method: 'setControls', args: ['playback'] },
    ]);
  });

  it('teardown rejects a waiting call with a coded, named error', async () => {
    const el = mount();
    const { calls } = await connectAndReady(el);
    // The embed never answers this one: the element is removed first.
    const channelCalls = calls.length;
    const internals = el as unknown as { port: MessagePort | null };
    internals.port!.onmessage = null;
    const waiting = el.driver.getState().catch((error: Error & { code?: string }) => error);
    await settle();
    el.remove();
    const error = (await waiting) as Error & { code?: string };
    expect(channelCalls).toBe(0);
    expect(error.code).toBe('not_ready');
    expect(error.message).toMatch(/getState: .*(removed|reloaded)/);
  });

  it("theme light → auto follows the host page's scheme from then on", async () => {
    const el = mount({ theme: 'light' });
    const { calls } = await connectAndReady(el);
    el.setAttribute('theme', 'auto');
    await settle();
    calls.length = 0;
    document.documentElement.setAttribute('data-theme', 'dark');
    await settle();
    expect(calls).toContainEqual({ method: 'setTheme', args: ['dark'] });
  });
});
