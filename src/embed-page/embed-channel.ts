import { version as APP_VERSION } from '../../package.json';
import type { FailoverLabDriver } from '../../types/failover-lab';
import type { DriverEventName } from '../embed/driver-events';
import { EMBED_PANELS, type EmbedControls, type EmbedOptions, type EmbedPanel } from '../embed/embed-options';
import {
  EMBED_EVENTS,
  PROTOCOL_VERSION,
  type CallMessage,
  type ChildToPortMessage,
  type ConnectMessage,
  type EmbedEventName,
  type ErrorCode,
  type HelloMessage,
  type LoadedMessage,
  type ReturnMessage,
} from '../embed/protocol-v1';
import { UNMATCHABLE_ORIGIN } from '../embed/parse-embed-options';
import type { EmbedViewStore } from './embed-view-store';

/**
 * The embed page's side of protocol v1 (teaching-embed.md §3.4, src/embed/protocol-v1.ts). Only the handshake
 * touches `window.postMessage`: `fl.loaded` to the parent (it carries the instance and nothing else), then the
 * parent's `fl.connect` hands over a MessagePort, and from then on every call, answer and event goes over that port.
 *
 * Origin rules: a connect is accepted only from `window.parent`, and with `origin=` only from exactly that origin;
 * the first valid connect wins. A refused connect is never answered (an answer would tell a stranger the embed is
 * there); the page's console says why, naming the origin it came from and the one expected.
 */

/** The driver's own names a host may call over the port (`on` is not one: a function cannot cross; use subscribe). */
export const PORT_DRIVER_METHODS = [
  'dispatch',
  'step',
  'advanceBy',
  'runUntil',
  'getState',
  'getTrace',
  'digest',
  'pause',
  'play',
  'setSpeed',
  'stepBack',
  'seek',
  'load',
  'getShareUrl',
  'select',
  'getSkippedCommands',
  'getRepairView',
  'getRestoreView',
  'getControlPlaneView',
] as const satisfies readonly (keyof FailoverLabDriver)[];

/** Events sent from the handshake on without asking; `trace` (and anything else) after `want` or `subscribe`. */
const DEFAULT_EVENTS: readonly EmbedEventName[] = ['ready', 'time', 'alert', 'resize', 'lesson', 'result'];

/** What the channel needs of `window` (a fake one in tests). */
export interface ChannelWindow {
  parent: { postMessage(message: unknown, targetOrigin: string): void } | null;
  addEventListener(type: 'message', handler: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', handler: (event: MessageEvent) => void): void;
}

/** A lesson player the host may drive (`lesson.load`, `lesson.result`), when the page has one. */
export interface EmbedLessonBridge {
  load(...args: unknown[]): Promise<unknown>;
  result(): Promise<unknown>;
}

export interface EmbedChannelSetup {
  /** The console's driver, or a promise of it when the engine starts later (a poster's Run button). */
  driver: FailoverLabDriver | Promise<FailoverLabDriver>;
  view: EmbedViewStore;
  options: EmbedOptions;
  lesson?: EmbedLessonBridge;
  /** A lesson player will be provided when the console starts (the embed page): fl.hello says `lesson`, and lesson calls until then are not_ready. */
  lessonLater?: boolean;
  win?: ChannelWindow;
  /** Calls `report(height)` when the page's content height changes; returns the stop. Default: a ResizeObserver. */
  observeHeight?: (report: (height: number) => void) => () => void;
}

export interface EmbedChannel {
  connected(): boolean;
  /** The lesson player, once the page has one (it loads with the console): `lesson.load` and `lesson.result` reach it. */
  provideLesson(bridge: EmbedLessonBridge): void;
  /** The lesson player's events for the host: `lesson` {stepId, status} and `result` {lessonId, variant, resultUrl, passedSteps}. */
  sendLessonEvent(name: 'lesson' | 'result', data: unknown): void;
  dispose(): void;
}

/** A host's mistake in a call, answered with its code. */
class CallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function installEmbedChannel(setup: EmbedChannelSetup): EmbedChannel {
  const win = setup.win ?? (window as unknown as ChannelWindow);
  const { options, view } = setup;
  const instance = options.instance;
  const parent = win.parent;
  // Not in a frame: there is no host to speak to, and nothing is posted anywhere.
  if (!parent || parent === (win as unknown)) return { connected: () => false, provideLesson: () => {}, sendLessonEvent: () => {}, dispose: () => {} };
  let lesson = setup.lesson ?? null;

  let port: MessagePort | null = null;
  let driver: FailoverLabDriver | null = null;
  let ready = false;
  /** Why the console never became ready (its driver or `driver.ready` rejected): told in every `not_ready`. */
  let failure: string | null = null;
  const wanted = new Set<EmbedEventName>(DEFAULT_EVENTS);
  const stops = new Map<DriverEventName | 'resize', () => void>();
  let lastHeight = -1;

  void Promise.resolve(setup.driver)
    .then((d) => {
      driver = d;
      if (port) listenToDriver();
      return d.ready.then(() => {
        ready = true;
        if (port) announceReady();
      });
    })
    .catch((error: unknown) => {
      // Handled, not left unhandled: every call from now on says why the console is not there.
      failure = messageOf(error);
      console.warn(`Failover Lab embed: the console did not start: ${failure}`);
    });

  const send = (message: ChildToPortMessage) => port?.postMessage(message);
  const sendEvent = (name: EmbedEventName, data: unknown) => {
    if (wanted.has(name)) send({ type: 'event', name, data, instance });
  };

  function announceReady(): void {
    sendEvent('ready', {});
    sendHeight();
  }

  /** Forwards the driver's events the host wants; `trace` costs a filter per frame, so it is attached only on demand. */
  function listenToDriver(): void {
    if (!driver) return;
    for (const name of ['time', 'alert', 'trace'] as const) {
      const want = wanted.has(name);
      if (want && !stops.has(name)) stops.set(name, driver.on(name, (data) => sendEvent(name, data)));
      if (!want && stops.has(name)) {
        stops.get(name)?.();
        stops.delete(name);
      }
    }
  }

  /**
   * The content's height, sent once the console is ready: before, the page shows a line saying it is starting (or a
   * poster), and a height="auto" frame shrunk to that would jump back a moment later.
   */
  let contentHeight = -1;
  function sendHeight(): void {
    if (!ready || contentHeight < 0 || contentHeight === lastHeight) return;
    lastHeight = contentHeight;
    sendEvent('resize', { height: contentHeight });
  }

  function listenToHeight(): void {
    const observe = setup.observeHeight ?? observeDocumentHeight;
    stops.set(
      'resize',
      observe((height) => {
        contentHeight = height;
        sendHeight();
      }),
    );
  }

  const onWindowMessage = (event: MessageEvent) => {
    const data = event.data as (Omit<Partial<ConnectMessage>, 'fl'> & { fl?: unknown }) | null;
    if (typeof data !== 'object' || data === null || data.type !== 'fl.connect' || !('fl' in data)) return;
    if (event.source !== parent) {
      console.warn(`Failover Lab embed: refused fl.connect from ${event.origin || 'an unknown origin'}: it is not from this page's parent window.`);
      return;
    }
    if (options.origin !== null && event.origin !== options.origin) {
      const why =
        options.origin === UNMATCHABLE_ORIGIN
          ? "this embed's origin= is not an exact origin such as https://docs.example.com, so no host page can connect"
          : `this embed was opened with origin=${options.origin} and talks only to that origin`;
      console.warn(`Failover Lab embed: refused fl.connect from ${event.origin || 'an unknown origin'}: ${why}.`);
      return;
    }
    if (data.fl !== PROTOCOL_VERSION) {
      // A host speaking another version: told on its port (when it sent one), and this connect does not win.
      const error = {
        code: 'version' as const,
        message: `fl.connect: fl: ${JSON.stringify(data.fl) ?? String(data.fl)} is not spoken here; this embed speaks protocol v${PROTOCOL_VERSION} (fl: ${PROTOCOL_VERSION})`,
      };
      console.warn(`Failover Lab embed: refused fl.connect from ${event.origin}: ${error.message}.`);
      event.ports?.[0]?.postMessage({ id: null, type: 'return', ok: false, error } satisfies ReturnMessage);
      return;
    }
    // First valid connect wins; the element's retries after it are ignored.
    if (port) return;
    const given = event.ports?.[0];
    if (!given) {
      console.warn(`Failover Lab embed: refused fl.connect from ${event.origin}: it carried no MessagePort to answer on.`);
      return;
    }
    connect(given, data);
  };

  function connect(given: MessagePort, data: Omit<Partial<ConnectMessage>, 'fl'>): void {
    port = given;
    port.onmessage = (event) => void answer(event.data);
    if (Array.isArray(data.want)) for (const name of data.want) if (isEventName(name)) wanted.add(name);
    if (options.theme === 'auto' && (data.theme === 'light' || data.theme === 'dark')) view.getState().setTheme(data.theme);
    const hello: HelloMessage = {
      type: 'fl.hello',
      protocol: PROTOCOL_VERSION,
      driver: '1.1',
      app: APP_VERSION,
      capabilities: lesson || setup.lessonLater ? ['driver', 'lesson', 'theme', 'panels'] : ['driver', 'theme', 'panels'],
      instance,
    };
    send(hello);
    listenToDriver();
    listenToHeight();
    if (ready) announceReady();
  }

  async function answer(raw: unknown): Promise<void> {
    const id = idOf(raw);
    try {
      const call = parseCall(raw);
      const value = await perform(call);
      try {
        send({ id: call.id, type: 'return', ok: true, value });
      } catch (error) {
        // A result the structured clone cannot carry: said, not swallowed.
        send({ id: call.id, type: 'return', ok: false, error: { code: 'refused', message: `${call.method}: its result cannot be sent over the port (${messageOf(error)})` } });
      }
    } catch (error) {
      send({ id, type: 'return', ok: false, error: errorOf(error) });
    }
  }

  async function perform(call: CallMessage): Promise<unknown> {
    const args = call.args ?? [];
    switch (call.method) {
      case 'subscribe':
      case 'unsubscribe':
        return subscription(call.method, args);
      case 'setTheme':
        return setTheme(args[0]);
      case 'setPanels':
        return setPanels(args[0]);
      case 'setControls':
        return setControls(args[0]);
      case 'lesson.load':
      case 'lesson.result':
        if (!lesson && setup.lessonLater) throw notReady(call.method, failure);
        if (!lesson) {
          throw new CallError('unknown_method', `${call.method}: this embed has no lesson player (open it with lesson=… or lessonJson=…)`);
        }
        if (!ready) throw notReady(call.method, failure);
        return call.method === 'lesson.load' ? lesson.load(...args) : lesson.result();
      case 'on':
        throw new CallError('unknown_method', "on: a callback cannot cross the port; call subscribe('time' | 'trace' | 'alert') and read the event messages");
    }
    if (!(PORT_DRIVER_METHODS as readonly string[]).includes(call.method)) {
      throw new CallError(
        'unknown_method',
        `${call.method}: no such method in protocol v${PROTOCOL_VERSION} (the driver's names, setTheme, setPanels, setControls, subscribe, unsubscribe, lesson.load, lesson.result)`,
      );
    }
    if (!ready || !driver) throw notReady(call.method, failure);
    const method = (driver as unknown as Record<string, (...a: unknown[]) => unknown>)[call.method];
    return await method(...args);
  }

  function subscription(method: 'subscribe' | 'unsubscribe', args: unknown[]): EmbedEventName[] {
    const names = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
    const bad = names.filter((n) => !isEventName(n));
    if (names.length === 0 || bad.length > 0) {
      throw new CallError('bad_args', `${method}: events must be among ${EMBED_EVENTS.join(', ')}, got ${JSON.stringify(names)}`);
    }
    for (const name of names as EmbedEventName[]) {
      if (method === 'subscribe') wanted.add(name);
      else wanted.delete(name);
    }
    listenToDriver();
    return [...wanted];
  }

  function setTheme(theme: unknown): 'light' | 'dark' | 'auto' {
    if (theme !== 'light' && theme !== 'dark' && theme !== 'auto' && theme !== null) {
      throw new CallError('bad_args', `setTheme: theme must be 'light', 'dark' or 'auto', got ${JSON.stringify(theme) ?? String(theme)}`);
    }
    view.getState().setTheme(theme === 'auto' ? null : theme);
    return theme ?? 'auto';
  }

  function setPanels(panels: unknown): EmbedPanel[] {
    const list = typeof panels === 'string' ? panels.split(',').map((p) => p.trim()) : panels;
    const unknown = Array.isArray(list) ? list.filter((p) => !(EMBED_PANELS as readonly unknown[]).includes(p)) : [];
    if (!Array.isArray(list) || list.length === 0 || unknown.length > 0) {
      throw new CallError(
        'bad_args',
        `setPanels: panels must be a non-empty list of ${EMBED_PANELS.join(', ')}, got ${JSON.stringify(panels) ?? String(panels)}`,
      );
    }
    const chosen = [...new Set(list as EmbedPanel[])];
    view.getState().setPanels(chosen);
    return chosen;
  }

  function setControls(controls: unknown): EmbedControls {
    if (controls !== 'full' && controls !== 'playback' && controls !== 'none') {
      throw new CallError('bad_args', `setControls: controls must be 'full', 'playback' or 'none', got ${JSON.stringify(controls) ?? String(controls)}`);
    }
    view.getState().setControls(controls);
    return controls;
  }

  win.addEventListener('message', onWindowMessage);
  const loaded: LoadedMessage = { fl: 1, type: 'fl.loaded', instance };
  // The one message sent to "*": the page cannot know its parent's origin before the handshake; it carries nothing else.
  parent.postMessage(loaded, '*');

  return {
    connected: () => port !== null,
    provideLesson(bridge) {
      lesson = bridge;
    },
    sendLessonEvent: (name, data) => sendEvent(name, data),
    dispose() {
      win.removeEventListener('message', onWindowMessage);
      for (const stop of stops.values()) stop();
      stops.clear();
      port?.close();
      port = null;
    },
  };
}

function isEventName(name: unknown): name is EmbedEventName {
  return (EMBED_EVENTS as readonly unknown[]).includes(name);
}

function idOf(raw: unknown): number | string | null {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'number' || typeof id === 'string' ? id : null;
}

/** A call message, or a named `bad_message` / `bad_args`. */
function parseCall(raw: unknown): CallMessage {
  if (typeof raw !== 'object' || raw === null) {
    throw new CallError('bad_message', `protocol v${PROTOCOL_VERSION}: a message must be an object {id, type: 'call', method, args}, got ${typeof raw}`);
  }
  const message = raw as Partial<CallMessage>;
  const id = idOf(raw);
  if (message.type !== 'call') {
    throw new CallError('bad_message', `protocol v${PROTOCOL_VERSION}: the only message a host sends on the port is type 'call', got ${JSON.stringify(message.type) ?? 'none'}`);
  }
  if (id === null) throw new CallError('bad_message', "call: id must be a number or a string (it is echoed in the 'return')");
  if (typeof message.method !== 'string') throw new CallError('bad_message', `call: method must be a string, got ${typeof message.method}`);
  if (message.args !== undefined && !Array.isArray(message.args)) {
    throw new CallError('bad_args', `${message.method}: args must be an array of the method's arguments in order, got ${typeof message.args}`);
  }
  return { id, type: 'call', method: message.method, args: message.args };
}

function notReady(method: string, failure: string | null): CallError {
  if (failure !== null) return new CallError('not_ready', `${method}: the console did not start (${failure}); reload the embed`);
  return new CallError('not_ready', `${method}: the console is not ready yet; wait for the 'ready' event`);
}

function errorOf(error: unknown): { code: ErrorCode; message: string } {
  if (error instanceof CallError) return { code: error.code, message: error.message };
  const message = messageOf(error);
  // A number out of range, a wrong type, a value the engine cannot receive: the host's arguments were bad.
  if (error instanceof RangeError || error instanceof TypeError || error instanceof SyntaxError) return { code: 'bad_args', message };
  return { code: 'refused', message };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The embed's document height as a ResizeObserver sees it change (the host sizes the frame to it with
 * height="auto"). The embed's layout fits the frame it is given, so it has no height of its own: what is reported
 * is the document's scroll height, which equals the frame's height while everything fits and grows past it when the
 * panels need more (a narrow host stacking them) — the host then grows the frame, and no inner scrollbar remains.
 */
function observeDocumentHeight(report: (height: number) => void): () => void {
  if (typeof ResizeObserver !== 'function' || typeof document === 'undefined') return () => {};
  // The page's content box (the embed root, the poster…), not the document: narrow, the body is the scroller and the
  // document's scroll height stays the frame's, so a height="auto" frame never grew; and the body's own is never less
  // than the frame's, so it could never shrink. The content's height does not follow the frame's (embed.css).
  const measure = () => {
    const content = document.getElementById('root')?.firstElementChild;
    report(Math.ceil(content ? content.getBoundingClientRect().height : document.documentElement.scrollHeight));
  };
  const resizes = new ResizeObserver(measure);
  const observeContent = () => {
    resizes.disconnect();
    resizes.observe(document.documentElement);
    if (document.body) resizes.observe(document.body);
    const root = document.getElementById('root');
    if (root) resizes.observe(root);
    if (root?.firstElementChild) resizes.observe(root.firstElementChild);
    measure();
  };
  // The page swaps its content (a poster, "starting…", the console): observe whatever is there now.
  const swaps = new MutationObserver(observeContent);
  const root = document.getElementById('root');
  if (root) swaps.observe(root, { childList: true });
  observeContent();
  return () => {
    resizes.disconnect();
    swaps.disconnect();
  };
}
