// Goal: a host page talks to an embed only over a port it handed over in a handshake the embed checked: it hears
// `fl.loaded`, connects, gets `fl.hello`, calls the driver by its own names and gets answers or named errors
// (never silence), hears time/alert/resize and, when it asks, trace; a connect from the wrong origin or window is
// never answered and the embed's console says why.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_EMBED_OPTIONS, type EmbedOptions } from '../embed/embed-options';
import type { FailoverLabDriver } from '../embed/driver-api';
import type { DriverEventMap, DriverEventName } from '../embed/driver-events';
import { createEmbedViewStore } from './embed-view-store';
import { UNMATCHABLE_ORIGIN } from '../embed/parse-embed-options';
import { installEmbedChannel, type ChannelWindow } from './embed-channel';

const HOST = 'https://docs.example.com';
const ports: MessagePort[] = [];
let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  ports.splice(0).forEach((p) => p.close());
  warn.mockRestore();
});

function fakeDriver() {
  const listeners = new Map<DriverEventName, Set<(data: unknown) => void>>();
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const driver = {
    version: '1.1',
    ready,
    getState: vi.fn(async () => ({ timeMs: 1234 })),
    advanceBy: vi.fn(async (ms: number) => {
      if (typeof ms !== 'number') throw new RangeError('advanceBy: ms must be a number from 0 to 86400000 ms, got "x"');
    }),
    seek: vi.fn(async () => {
      const error = new Error('seek: the run cannot go there');
      error.name = 'CommandError';
      throw error;
    }),
    dispatch: vi.fn(async () => ({ ok: true })),
    on: vi.fn((event: DriverEventName, callback: (data: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(callback);
      listeners.set(event, set);
      return () => set.delete(callback);
    }),
  };
  const fire = <E extends DriverEventName>(event: E, data: DriverEventMap[E]) => listeners.get(event)?.forEach((cb) => cb(data));
  return { driver: driver as unknown as FailoverLabDriver, fake: driver, fire, resolveReady, listeners };
}

function fakeWindow(framed = true) {
  const posted: { message: unknown; targetOrigin: string }[] = [];
  const parent = { postMessage: (message: unknown, targetOrigin: string) => posted.push({ message, targetOrigin }) };
  const handlers = new Set<(event: MessageEvent) => void>();
  const win = {
    parent: framed ? parent : null,
    addEventListener: (_type: 'message', handler: (event: MessageEvent) => void) => handlers.add(handler),
    removeEventListener: (_type: 'message', handler: (event: MessageEvent) => void) => handlers.delete(handler),
  } as unknown as ChannelWindow & { parent: unknown };
  if (!framed) (win as { parent: unknown }).parent = win;
  /** A host connecting: returns its end of the channel and what arrives on it. */
  const connect = (data: unknown = { fl: 1, type: 'fl.connect', instance: '' }, from: { origin?: string; source?: unknown } = {}) => {
    const channel = new MessageChannel();
    ports.push(channel.port1, channel.port2);
    const received: Record<string, unknown>[] = [];
    channel.port1.onmessage = (event) => received.push(event.data as Record<string, unknown>);
    const event = { data, origin: from.origin ?? HOST, source: from.source ?? parent, ports: [channel.port2] } as unknown as MessageEvent;
    handlers.forEach((h) => h(event));
    return { port: channel.port1, received };
  };
  return { win, posted, connect };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
async function until<T>(find: () => T | undefined): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const found = find();
    if (found !== undefined) return found;
    await tick();
  }
  throw new Error('nothing arrived');
}

function install(options: Partial<EmbedOptions> = {}, framed = true) {
  const all = { ...DEFAULT_EMBED_OPTIONS, ...options };
  const d = fakeDriver();
  const w = fakeWindow(framed);
  const view = createEmbedViewStore(all);
  let reportHeight: (height: number) => void = () => {};
  const channel = installEmbedChannel({
    driver: d.driver,
    view,
    options: all,
    win: w.win,
    observeHeight: (report) => {
      reportHeight = report;
      return () => {};
    },
  });
  return { ...d, ...w, view, channel, resize: (h: number) => reportHeight(h) };
}

const returnOf = (received: Record<string, unknown>[], id: unknown) => until(() => received.find((m) => m.type === 'return' && m.id === id));
const eventsNamed = (received: Record<string, unknown>[], name: string) => received.filter((m) => m.type === 'event' && m.name === name);

describe('the embed channel: handshake', () => {
  it('says fl.loaded to its parent, carrying only the instance', () => {
    const { posted } = install({ instance: 'a' });
    expect(posted).toEqual([{ message: { fl: 1, type: 'fl.loaded', instance: 'a' }, targetOrigin: '*' }]);
  });

  it('posts nothing when the page is not in a frame', () => {
    const { posted, channel } = install({}, false);
    expect(posted).toEqual([]);
    expect(channel.connected()).toBe(false);
  });

  it("answers its parent's connect with hello on the port, then ready once the console is", async () => {
    const { connect, resolveReady } = install({ instance: 'lab-1' });
    const { received } = connect();
    const hello = await until(() => received.find((m) => m.type === 'fl.hello'));
    expect(hello).toEqual({
      type: 'fl.hello',
      protocol: 1,
      driver: '1.1',
      app: expect.stringMatching(/^\d+\.\d+\.\d+/),
      capabilities: ['driver', 'theme', 'panels'],
      instance: 'lab-1',
    });
    expect(eventsNamed(received, 'ready')).toEqual([]);
    resolveReady();
    const ready = await until(() => eventsNamed(received, 'ready')[0]);
    expect(ready).toEqual({ type: 'event', name: 'ready', data: {}, instance: 'lab-1' });
  });

  it('never answers a connect from another origin than origin=, and says which it expected', async () => {
    const { connect } = install({ origin: 'https://docs.example.com' });
    const wrong = connect(undefined, { origin: 'https://evil.example' });
    await tick();
    await tick();
    expect(wrong.received).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('https://evil.example'));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('https://docs.example.com'));
    // The right origin still connects afterwards.
    const right = connect(undefined, { origin: 'https://docs.example.com' });
    await until(() => right.received.find((m) => m.type === 'fl.hello'));
  });

  it('never answers a connect that does not come from its parent window', async () => {
    const { connect } = install();
    const other = connect(undefined, { source: {} });
    await tick();
    await tick();
    expect(other.received).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/not from this page's parent window/));
  });

  it('keeps the first valid connect and ignores later ones', async () => {
    const { connect } = install();
    const first = connect();
    await until(() => first.received.find((m) => m.type === 'fl.hello'));
    const second = connect();
    await tick();
    await tick();
    expect(second.received).toEqual([]);
  });

  it('answers a connect of another protocol version on its port with a version error, after the origin checks', async () => {
    const { connect } = install({ origin: HOST });
    const future = connect({ fl: 2, type: 'fl.connect', instance: '' });
    const answer = await until(() => future.received[0]);
    expect(answer).toEqual({
      id: null,
      type: 'return',
      ok: false,
      error: { code: 'version', message: expect.stringMatching(/fl: ?2.*protocol v?1/i) },
    });
    // Not a connect that wins: a version-1 connect afterwards still gets its hello.
    const v1 = connect();
    await until(() => v1.received.find((m) => m.type === 'fl.hello'));
    // A stranger speaking another version still hears nothing.
    const stranger = connect({ fl: 2, type: 'fl.connect', instance: '' }, { origin: 'https://evil.example' });
    await tick();
    await tick();
    expect(stranger.received).toEqual([]);
  });

  it("refuses every connect when origin= was bad, even from a sandboxed (\"null\") parent, and says origin= was bad", async () => {
    const { connect } = install({ origin: UNMATCHABLE_ORIGIN });
    const sandboxed = connect(undefined, { origin: 'null' });
    await tick();
    await tick();
    expect(sandboxed.received).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/refused fl\.connect from null: .*origin= .*not an exact origin/));
  });

  it("takes the host's theme from the connect when the page was opened with theme=auto", async () => {
    const { connect, view } = install({ theme: 'auto' });
    const { received } = connect({ fl: 1, type: 'fl.connect', instance: '', theme: 'dark' });
    await until(() => received.find((m) => m.type === 'fl.hello'));
    expect(view.getState().theme).toBe('dark');
  });
});

describe('the embed channel: calls', () => {
  async function connected(options: Partial<EmbedOptions> = {}) {
    const made = install(options);
    const host = made.connect();
    made.resolveReady();
    await until(() => eventsNamed(host.received, 'ready')[0]);
    const call = (id: unknown, method: unknown, args?: unknown) => host.port.postMessage({ id, type: 'call', method, args });
    return { ...made, ...host, call };
  }

  it("answers a driver method with its value", async () => {
    const { call, received, fake } = await connected();
    call(1, 'getState', []);
    expect(await returnOf(received, 1)).toEqual({ id: 1, type: 'return', ok: true, value: { timeMs: 1234 } });
    call(2, 'dispatch', [{ type: 'node.crash', node: 'n3' }]);
    expect(await returnOf(received, 2)).toMatchObject({ ok: true, value: { ok: true } });
    expect(fake.dispatch).toHaveBeenCalledWith({ type: 'node.crash', node: 'n3' });
  });

  it('names an unknown method, a bad argument, a refusal and a malformed message', async () => {
    const { call, received, port } = await connected();
    call('a', 'explode', []);
    expect(await returnOf(received, 'a')).toEqual({
      id: 'a',
      type: 'return',
      ok: false,
      error: { code: 'unknown_method', message: expect.stringContaining('explode') },
    });
    call('b', 'advanceBy', ['x']);
    expect(await returnOf(received, 'b')).toMatchObject({ ok: false, error: { code: 'bad_args', message: expect.stringContaining('advanceBy') } });
    call('c', 'seek', [5]);
    expect(await returnOf(received, 'c')).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('seek') } });
    call('d', 'getState', 'not a list');
    expect(await returnOf(received, 'd')).toMatchObject({ ok: false, error: { code: 'bad_args', message: expect.stringContaining('args') } });
    call('e', 42, []);
    expect(await returnOf(received, 'e')).toMatchObject({ ok: false, error: { code: 'bad_message', message: expect.stringContaining('method') } });
    port.postMessage('hello?');
    expect(await returnOf(received, null)).toMatchObject({ ok: false, error: { code: 'bad_message' } });
    call('f', 'on', ['time']);
    expect(await returnOf(received, 'f')).toMatchObject({ ok: false, error: { code: 'unknown_method', message: expect.stringContaining('subscribe') } });
  });

  it('says not_ready before the console is ready', async () => {
    const made = install();
    const host = made.connect();
    await until(() => host.received.find((m) => m.type === 'fl.hello'));
    host.port.postMessage({ id: 7, type: 'call', method: 'getState', args: [] });
    expect(await returnOf(host.received, 7)).toMatchObject({ ok: false, error: { code: 'not_ready' } });
  });

  it.each([
    ['the driver', 'driver' as const],
    ['driver.ready', 'ready' as const],
  ])('answers not_ready naming the cause when %s rejects (no unhandled rejection)', async (_what, which) => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const d = fakeDriver();
      const w = fakeWindow();
      const cause = new Error('the engine worker failed to start: out of memory');
      const ready = Promise.reject(cause);
      const driver = which === 'driver' ? Promise.reject(cause) : ({ ...d.fake, ready } as unknown as FailoverLabDriver);
      const all = { ...DEFAULT_EMBED_OPTIONS };
      installEmbedChannel({ driver, view: createEmbedViewStore(all), options: all, win: w.win, observeHeight: () => () => {} });
      if (which === 'driver') void ready.catch(() => {});
      const host = w.connect();
      await until(() => host.received.find((m) => m.type === 'fl.hello'));
      await tick();
      host.port.postMessage({ id: 1, type: 'call', method: 'getState', args: [] });
      expect(await returnOf(host.received, 1)).toEqual({
        id: 1,
        type: 'return',
        ok: false,
        error: { code: 'not_ready', message: expect.stringContaining('out of memory') },
      });
      await tick();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('changes panels, controls and theme in the embed view, and names a bad value', async () => {
    const { call, received, view } = await connected();
    call(1, 'setPanels', [['metrics', 'playback']]);
    await returnOf(received, 1);
    expect(view.getState().panels).toEqual(['metrics', 'playback']);
    call(2, 'setControls', ['none']);
    await returnOf(received, 2);
    expect(view.getState().controls).toBe('none');
    call(3, 'setTheme', ['dark']);
    await returnOf(received, 3);
    expect(view.getState().theme).toBe('dark');
    call(4, 'setPanels', [['cluster', 'charts']]);
    expect(await returnOf(received, 4)).toMatchObject({ ok: false, error: { code: 'bad_args', message: expect.stringContaining('charts') } });
    call(5, 'setControls', ['some']);
    expect(await returnOf(received, 5)).toMatchObject({ ok: false, error: { code: 'bad_args' } });
  });

  it("says lesson calls are unknown when no lesson player is reachable, and reaches one once provided", async () => {
    const { call, received, channel } = await connected();
    call(1, 'lesson.result', []);
    expect(await returnOf(received, 1)).toMatchObject({ ok: false, error: { code: 'unknown_method', message: expect.stringContaining('lesson') } });
    channel.provideLesson({ load: async (id) => ({ loaded: id }), result: async () => ({ resultUrl: 'https://lab.example/grade?r=1' }) });
    call(2, 'lesson.load', ['grace-period-blip']);
    expect(await returnOf(received, 2)).toMatchObject({ ok: true, value: { loaded: 'grace-period-blip' } });
    call(3, 'lesson.result', []);
    expect(await returnOf(received, 3)).toMatchObject({ ok: true, value: { resultUrl: 'https://lab.example/grade?r=1' } });
    channel.sendLessonEvent('lesson', { stepId: 'predict', status: 'passed' });
    expect(await until(() => eventsNamed(received, 'lesson')[0])).toMatchObject({ data: { stepId: 'predict', status: 'passed' } });
  });
});

describe('the embed channel: events', () => {
  async function connected(want?: string[]) {
    const made = install();
    const host = made.connect({ fl: 1, type: 'fl.connect', instance: '', want });
    made.resolveReady();
    await until(() => eventsNamed(host.received, 'ready')[0]);
    return { ...made, ...host };
  }

  it('sends time, alert and resize from the start, trace only once asked', async () => {
    const { fire, received, port, resize } = await connected();
    fire('time', { timeMs: 500, event: 3, playing: false });
    fire('alert', { message: 'n99 does not exist' });
    resize(412);
    fire('trace', { seq: 1, entries: [] });
    await until(() => eventsNamed(received, 'resize')[0]);
    expect(eventsNamed(received, 'time').at(-1)).toMatchObject({ data: { timeMs: 500, event: 3, playing: false } });
    expect(eventsNamed(received, 'alert')).toMatchObject([{ data: { message: 'n99 does not exist' } }]);
    expect(eventsNamed(received, 'resize')).toMatchObject([{ data: { height: 412 } }]);
    expect(eventsNamed(received, 'trace')).toEqual([]);

    port.postMessage({ id: 1, type: 'call', method: 'subscribe', args: ['trace'] });
    await returnOf(received, 1);
    fire('trace', { seq: 9, entries: [{ seq: 9 }] as never });
    expect(await until(() => eventsNamed(received, 'trace')[0])).toMatchObject({ data: { seq: 9 } });

    port.postMessage({ id: 2, type: 'call', method: 'unsubscribe', args: ['time'] });
    await returnOf(received, 2);
    const times = eventsNamed(received, 'time').length;
    fire('time', { timeMs: 900, event: 4, playing: false });
    await tick();
    expect(eventsNamed(received, 'time')).toHaveLength(times);

    port.postMessage({ id: 3, type: 'call', method: 'subscribe', args: ['ticks'] });
    expect(await returnOf(received, 3)).toMatchObject({ ok: false, error: { code: 'bad_args', message: expect.stringContaining('ticks') } });
  });

  it('sends trace from the start when the connect wants it', async () => {
    const { fire, received } = await connected(['trace']);
    fire('trace', { seq: 2, entries: [] });
    expect(await until(() => eventsNamed(received, 'trace')[0])).toMatchObject({ data: { seq: 2 } });
  });

  it('sends the content height only once the console is ready (not the "starting" line before it)', async () => {
    const made = install();
    const host = made.connect();
    await until(() => host.received.find((m) => m.type === 'fl.hello'));
    made.resize(21);
    made.resize(480);
    await tick();
    expect(eventsNamed(host.received, 'resize')).toEqual([]);
    made.resolveReady();
    await until(() => eventsNamed(host.received, 'ready')[0]);
    await until(() => eventsNamed(host.received, 'resize')[0]);
    expect(eventsNamed(host.received, 'resize').map((e) => (e.data as { height: number }).height)).toEqual([480]);
  });

  it('sends the same height only once', async () => {
    const { received, resize } = await connected();
    resize(300);
    resize(300);
    resize(320);
    await until(() => (eventsNamed(received, 'resize').length >= 2 ? true : undefined));
    await tick();
    expect(eventsNamed(received, 'resize').map((e) => (e.data as { height: number }).height)).toEqual([300, 320]);
  });
});
