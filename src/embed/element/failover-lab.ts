import { DEFAULT_EMBED_OPTIONS } from '../embed-options';
import type { EmbedEventName, ErrorCode, LoadedMessage } from '../protocol-v1';
import { consoleUrl, embedUrl, URL_ATTRIBUTES } from './element-url';
import { hostScheme, watchHostScheme } from './host-theme';

/**
 * `<failover-lab>`: the embed in a docs page (teaching-embed.md §3.3). It writes the iframe, does protocol v1's
 * handshake (its own MessageChannel, so two elements on a page never share anything), sizes the frame, follows the
 * host's colour scheme and turns the embed's events into DOM events. No framework; it defines the element and no
 * other global. Built into one file, served at /embed/failover-lab.js (scripts/element-plugin.ts).
 */

const CONNECT_EVERY_MS = 500;
const CONNECT_TRIES = 20;
/** Revealed even without a hello after this long, so a blocked handshake never leaves an empty box. */
const REVEAL_FALLBACK_MS = 3000;
const MIN_AUTO_HEIGHT = 120;
const MAX_AUTO_HEIGHT = 4000;

/** Attributes the embed can change over the port without a reload. */
const LIVE = ['theme', 'theme-source', 'panels', 'controls'] as const;
const RELOAD = [...URL_ATTRIBUTES] as string[];

const STYLE = `
/* min-width 0: else the aspect ratio turns min-height into a 512 px minimum width that overflows grids and phones. */
:host { display: block; position: relative; width: 100%; min-width: 0; box-sizing: border-box;
  aspect-ratio: var(--failover-lab-aspect-ratio, 16 / 10); min-height: var(--failover-lab-min-height, 320px); }
:host([height]:not([height="auto"])) { aspect-ratio: auto; }
iframe { display: block; width: 100%; height: 100%; border: 0; }
iframe.waiting { opacity: 0; }
.poster { display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 12px;
  width: 100%; height: 100%; box-sizing: border-box; padding: 16px; border: 1px solid #8884; border-radius: 8px;
  font: 15px/1.4 system-ui, sans-serif; text-align: center; color: inherit; background: #8881; }
.poster svg { width: min(220px, 60%); height: auto; }
.run { font: inherit; font-weight: 600; padding: 8px 18px; border-radius: 6px; border: 1px solid currentColor;
  background: transparent; color: inherit; cursor: pointer; }
.run:focus-visible { outline: 3px solid #2a6fdb; outline-offset: 2px; }
`;

/** A sketch of three nodes beside the control plane: enough to say "a simulation is here" before it loads. */
const POSTER_SVG = `<svg viewBox="0 0 220 120" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2">
<rect x="90" y="8" width="40" height="24" rx="4"/><text x="110" y="25" font-size="12" text-anchor="middle" fill="currentColor" stroke="none">cp</text>
<circle cx="40" cy="90" r="18"/><circle cx="110" cy="90" r="18"/><circle cx="180" cy="90" r="18"/>
<path d="M100 32 52 75M110 32v40M120 32l48 43" stroke-dasharray="4 4"/></svg>`;

type Pending = { method: string; resolve(value: unknown): void; reject(error: Error): void };

/** The error a host's code gets: a message that says what to do, and the protocol's `.code`. */
function labError(code: ErrorCode, message: string): Error & { code: ErrorCode } {
  return Object.assign(new Error(message), { code, name: 'FailoverLabError' });
}

class FailoverLabElement extends HTMLElement {
  static get observedAttributes(): string[] {
    return [...RELOAD, ...LIVE, 'height', 'loading', 'reveal'];
  }

  private readonly root: ShadowRoot;
  private frame: HTMLIFrameElement | null = null;
  private port: MessagePort | null = null;
  private offered: MessagePort[] = [];
  private pending = new Map<number, Pending>();
  private nextId = 0;
  private tries = 0;
  private retry: ReturnType<typeof setInterval> | null = null;
  private revealTimer: ReturnType<typeof setTimeout> | null = null;
  private stopTheme: (() => void) | null = null;
  private scheme: 'light' | 'dark' = 'light';
  private moment: { timeMs: number; event: number } | null = null;
  private readyPromise!: Promise<void>;
  private resolveReady!: () => void;
  private rejectReady!: (error: Error) => void;
  private isReady = false;
  /** Why the embed never answered (every try went unanswered): `ready` and every call reject with it. */
  private failure: string | null = null;
  private driverProxy: Record<string, (...args: unknown[]) => Promise<unknown>>;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    this.resetReady();
    this.driverProxy = new Proxy({} as Record<string, (...args: unknown[]) => Promise<unknown>>, {
      // `then` stays undefined so `await el.driver` does not mistake the proxy for a promise.
      get: (_target, name) => (typeof name === 'string' && name !== 'then' ? (...args: unknown[]) => this.call(name, args) : undefined),
    });
  }

  /** Resolves when the embed's console is ready (after the handshake and its first frame). */
  get ready(): Promise<void> {
    return this.readyPromise;
  }

  /** The driver API's own names (and setTheme, setPanels, setControls, subscribe, unsubscribe), each a promise over the port. */
  get driver(): Record<string, (...args: unknown[]) => Promise<unknown>> {
    return this.driverProxy;
  }

  /** The full console at the moment last shown (after a `time` event), else at the attributes' moment. */
  get shareUrl(): string {
    return consoleUrl({ attribute: (n) => this.getAttribute(n), base: this.base() }, this.moment ?? undefined).href;
  }

  connectedCallback(): void {
    this.render();
  }

  disconnectedCallback(): void {
    this.teardown();
    this.root.replaceChildren();
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (old === value || !this.isConnected || !this.root.firstChild) return;
    if (name === 'height') return this.applyHeight();
    if ((LIVE as readonly string[]).includes(name) && this.port) {
      if (name === 'theme' || name === 'theme-source') {
        this.watchThemeUnlessFixed();
        return this.followTheme(true);
      }
      // A removed attribute means the default again (setPanels(null) would only be refused as bad_args).
      if (name === 'panels') void this.call('setPanels', [value ?? [...DEFAULT_EMBED_OPTIONS.panels]]).catch(() => {});
      else void this.call('setControls', [value ?? DEFAULT_EMBED_OPTIONS.controls]).catch(() => {});
      return;
    }
    this.render();
  }

  private base(): string {
    return this.getAttribute('src') ?? new URL(/* @vite-ignore */ '..', import.meta.url).href;
  }

  private appOrigin(): string {
    return new URL(this.base(), location.href).origin;
  }

  private resetReady(): void {
    this.isReady = false;
    this.failure = null;
    this.readyPromise = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    // Marked handled: a page that never awaits `ready` is told in its console (fail), not by an uncaught rejection.
    this.readyPromise.catch(() => {});
  }

  /** No hello after every try: `ready`, the calls waiting for it and every later call reject, saying what to check. */
  private fail(): void {
    const tries = `${CONNECT_TRIES} tries (${(CONNECT_TRIES * CONNECT_EVERY_MS) / 1000} s)`;
    this.failure = `no answer from ${this.appOrigin()} after ${tries}: is origin= or the app URL (src) wrong?`;
    console.warn(`<failover-lab>: ${this.failure}`);
    this.rejectReady(labError('not_ready', `failover-lab: ${this.failure}`));
  }

  private render(): void {
    this.teardown();
    const style = document.createElement('style');
    style.textContent = STYLE;
    this.root.replaceChildren(style);
    this.applyHeight();
    if (this.getAttribute('reveal') === 'interaction') this.renderPoster();
    else this.renderFrame(false);
  }

  private frameTitle(): string {
    return this.getAttribute('label') ?? `Failover Lab${this.getAttribute('scenario') ? `: ${this.getAttribute('scenario')}` : ''}`;
  }

  private renderPoster(): void {
    const poster = document.createElement('div');
    poster.className = 'poster';
    poster.setAttribute('part', 'poster');
    poster.innerHTML = POSTER_SVG;
    const caption = document.createElement('p');
    caption.textContent = this.frameTitle();
    const run = document.createElement('button');
    run.type = 'button';
    run.className = 'run';
    run.setAttribute('part', 'run-button');
    run.textContent = 'Run';
    run.setAttribute('aria-label', `Run the simulation: ${this.getAttribute('label') ?? this.getAttribute('scenario') ?? 'Failover Lab'}`);
    run.addEventListener('click', () => {
      poster.remove();
      this.renderFrame(true);
      this.frame?.focus();
    });
    poster.append(caption, run);
    this.root.append(poster);
  }

  private renderFrame(run: boolean): void {
    this.scheme = hostScheme(this, this.getAttribute('theme-source'));
    const frame = document.createElement('iframe');
    const url = embedUrl({
      attribute: (n) => this.getAttribute(n),
      base: this.base(),
      theme: this.fixedTheme() ?? this.scheme,
      hostOrigin: location.origin === 'null' ? null : location.origin,
      scenarioJson: this.querySelector('script[slot="scenario"]')?.textContent ?? null,
      lessonJson: this.querySelector('script[slot="lesson"]')?.textContent ?? null,
      run,
    });
    frame.src = url.href;
    frame.title = this.frameTitle();
    frame.setAttribute('part', 'frame');
    frame.loading = this.getAttribute('loading') === 'eager' || run ? 'eager' : 'lazy';
    frame.allow = 'fullscreen; clipboard-write';
    frame.referrerPolicy = 'strict-origin-when-cross-origin';
    // The frame's own page paints in the host's scheme from its first frame (Chromium also derives its
    // prefers-color-scheme from this); it stays invisible until the hello, so no white flash shows.
    frame.style.colorScheme = this.fixedTheme() ?? this.scheme;
    frame.className = 'waiting';
    this.revealTimer = setTimeout(() => this.reveal(), REVEAL_FALLBACK_MS);
    window.addEventListener('message', this.onWindowMessage);
    frame.addEventListener('load', this.onFrameLoad);
    this.frame = frame;
    this.root.append(frame);
    this.watchThemeUnlessFixed();
  }

  /** theme="auto" (or none) follows the host page's scheme; light/dark does not: (re)starts or stops the watcher. */
  private watchThemeUnlessFixed(): void {
    if (this.fixedTheme()) {
      this.stopTheme?.();
      this.stopTheme = null;
    } else if (!this.stopTheme) {
      this.stopTheme = watchHostScheme(this, () => this.followTheme(false));
    }
  }

  private fixedTheme(): 'light' | 'dark' | null {
    const theme = this.getAttribute('theme');
    return theme === 'light' || theme === 'dark' ? theme : null;
  }

  private followTheme(force: boolean): void {
    const next = this.fixedTheme() ?? hostScheme(this, this.getAttribute('theme-source'));
    if (!force && next === this.scheme) return;
    this.scheme = next;
    if (this.frame) this.frame.style.colorScheme = next;
    if (this.port) void this.call('setTheme', [next]).catch(() => {});
  }

  private reveal(): void {
    if (this.revealTimer !== null) clearTimeout(this.revealTimer);
    this.revealTimer = null;
    this.frame?.classList.remove('waiting');
  }

  private applyHeight(): void {
    const height = this.getAttribute('height');
    // height="auto" keeps the aspect-ratio box until the embed reports its content's height.
    this.style.height = height && height !== 'auto' ? height : '';
  }

  /** The embed said it loaded: connect at once (only from our own frame, at the app's origin). */
  private readonly onWindowMessage = (event: MessageEvent): void => {
    const data = event.data as Partial<LoadedMessage> | null;
    if (!this.frame || event.source !== this.frame.contentWindow || event.origin !== this.appOrigin()) return;
    if (typeof data !== 'object' || data === null || data.fl !== 1 || data.type !== 'fl.loaded') return;
    this.connect();
  };

  /** A missed fl.loaded must not leave the element unconnected: offer the port again every 500 ms, 20 times. */
  private readonly onFrameLoad = (): void => {
    if (this.port || this.retry !== null) return;
    this.tries = 0;
    this.connect();
    this.retry = setInterval(() => {
      if (this.port) this.stopRetry();
      else if (++this.tries >= CONNECT_TRIES) {
        this.stopRetry();
        this.fail();
      } else this.connect();
    }, CONNECT_EVERY_MS);
  };

  private stopRetry(): void {
    if (this.retry !== null) clearInterval(this.retry);
    this.retry = null;
  }

  private connect(): void {
    const target = this.frame?.contentWindow;
    if (!target || this.port) return;
    // A fresh channel each time: a port can be handed over once, and the embed keeps the first valid connect.
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => this.receive(channel.port1, event.data);
    this.offered.push(channel.port1);
    target.postMessage(
      { fl: 1, type: 'fl.connect', instance: this.getAttribute('instance') ?? '', theme: this.scheme },
      this.appOrigin(),
      [channel.port2],
    );
  }

  private receive(from: MessagePort, message: unknown): void {
    if (typeof message !== 'object' || message === null) return;
    const m = message as { type?: string; id?: number; ok?: boolean; value?: unknown; error?: { code: ErrorCode; message: string }; name?: EmbedEventName; data?: unknown };
    if (m.type === 'fl.hello') {
      if (this.port || this.failure !== null) return;
      this.port = from;
      for (const other of this.offered) if (other !== from) other.close();
      this.offered = [];
      this.stopRetry();
      this.reveal();
      return;
    }
    if (from !== this.port) return;
    if (m.type === 'return' && typeof m.id === 'number') {
      const waiting = this.pending.get(m.id);
      if (!waiting) return;
      this.pending.delete(m.id);
      if (m.ok) waiting.resolve(m.value);
      else waiting.reject(Object.assign(new Error(m.error?.message ?? 'failed'), { code: m.error?.code ?? 'refused', name: 'FailoverLabError' }));
      return;
    }
    if (m.type === 'event' && typeof m.name === 'string') this.onEvent(m.name, m.data);
  }

  private onEvent(name: EmbedEventName, data: unknown): void {
    if (name === 'ready') {
      this.isReady = true;
      this.resolveReady();
    }
    if (name === 'time') this.moment = data as { timeMs: number; event: number };
    if (name === 'resize' && this.getAttribute('height') === 'auto') {
      const height = Math.min(MAX_AUTO_HEIGHT, Math.max(MIN_AUTO_HEIGHT, Number((data as { height: number }).height) || 0));
      this.style.height = `${height}px`;
    }
    this.dispatchEvent(new CustomEvent(`failoverlab-${name}`, { detail: data, bubbles: true, composed: true }));
  }

  /** One call over the port, after the embed is ready (calls made before wait for it). */
  private async call(method: string, args: unknown[]): Promise<unknown> {
    if (!this.isReady) {
      if (this.failure !== null) throw labError('not_ready', `${method}: ${this.failure}`);
      if (!this.frame) throw labError('not_ready', `${method}: the simulation has not started (press Run first)`);
      await this.readyPromise;
    }
    const port = this.port!;
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { method, resolve, reject });
      port.postMessage({ id, type: 'call', method, args });
    });
  }

  private teardown(): void {
    this.stopRetry();
    if (this.revealTimer !== null) clearTimeout(this.revealTimer);
    this.revealTimer = null;
    this.stopTheme?.();
    this.stopTheme = null;
    window.removeEventListener('message', this.onWindowMessage);
    this.port?.close();
    for (const port of this.offered) port.close();
    this.offered = [];
    this.port = null;
    for (const { method, reject } of this.pending.values()) {
      reject(labError('not_ready', `${method}: the embed was reloaded or removed before it answered; await el.ready and call again`));
    }
    this.pending.clear();
    this.frame = null;
    if (this.isReady || this.failure !== null) this.resetReady();
  }
}

if (!customElements.get('failover-lab')) customElements.define('failover-lab', FailoverLabElement);
