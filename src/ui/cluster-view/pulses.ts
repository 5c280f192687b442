import type { TraceEntry } from '../../engine/index';
import type { ConsoleViewState } from '../../store/view-model';
import type { Point } from './layout';

/**
 * Heartbeat pulses. A heartbeat crosses its link in about 2 simulated ms —
 * invisible at any real playback speed — so pulses are animated in wall
 * time: every publish, the new `heartbeat.sent` / `heartbeat.dropped` trace
 * entries each spawn a dot that travels from the node to cp over ~half a
 * second (quicker at high speed). A dropped heartbeat travels to the cut
 * marker and ends in a small burst. Dots are HTML elements animated on the
 * compositor, never through React or a per-frame script. With reduced motion,
 * nothing moves: the link flashes.
 *
 * Between publishes the page itself does not change: dots are kept (hidden by
 * an inline `opacity: 0` that the animation overrides while it runs) and
 * reused by the next heartbeats instead of being removed when they land, and
 * a dropped heartbeat's burst is started with it, delayed to its landing.
 */

/** Most pulses alive at once; beyond this new ones are skipped. */
export const MAX_LIVE_PULSES = 200;
const BASE_DURATION_MS = 520;
const MIN_DURATION_MS = 170;
const BURST_MS = 380;
const FLASH_MS = 320;

export interface HeartbeatSpawn {
  node: string;
  dropped: boolean;
}

/** Where scanning the trace left off: the last entry seen (by index and identity). */
export interface TraceCursor {
  index: number;
  entry: TraceEntry | undefined;
}

export interface ScanResult {
  cursor: TraceCursor;
  spawns: HeartbeatSpawn[];
  /** The trace no longer continues what was seen (a step back, a reload): start over. */
  reset: boolean;
}

/**
 * New heartbeats since `cursor`. Only entries within `windowMs` of simulated
 * time before `nowMs` count, so a long seek spawns at most the last round of
 * heartbeats, not thousands. A null cursor (first look) spawns nothing.
 * Pure: trace entries are compared by identity, which changes when the run
 * is re-simulated after a step back.
 */
export function scanHeartbeats(
  cursor: TraceCursor | null,
  trace: readonly TraceEntry[],
  nowMs: number,
  windowMs: number,
): ScanResult {
  const end: TraceCursor = { index: trace.length - 1, entry: trace[trace.length - 1] };
  if (cursor === null) return { cursor: end, spawns: [], reset: false };
  const seen = indexOfSeen(cursor, trace);
  if (seen === null) return { cursor: end, spawns: [], reset: true };
  const spawns: HeartbeatSpawn[] = [];
  const oldest = nowMs - windowMs;
  for (let i = trace.length - 1; i > seen; i--) {
    const e = trace[i];
    if (e.timeMs < oldest) break;
    if (e.kind !== 'heartbeat.sent' && e.kind !== 'heartbeat.dropped') continue;
    const node = e.data.node;
    if (typeof node === 'string') spawns.push({ node, dropped: e.kind === 'heartbeat.dropped' });
  }
  spawns.reverse();
  return { cursor: end, spawns, reset: false };
}

/**
 * Where the last entry seen now stands, or null when the trace no longer holds it. A full trace window drops
 * its oldest entries as new ones arrive, so the entry moves toward the front: look for it (by identity) from
 * its old place down, a step per entry dropped.
 */
function indexOfSeen(cursor: TraceCursor, trace: readonly TraceEntry[]): number | null {
  if (cursor.index < 0) return cursor.index;
  for (let i = Math.min(cursor.index, trace.length - 1); i >= 0; i--) if (trace[i] === cursor.entry) return i;
  return null;
}

/** Wall-clock travel time of one pulse at a playback speed: ~0.5 s, quicker when the run is fast. */
export function pulseDurationMs(speed: number): number {
  return Math.max(MIN_DURATION_MS, BASE_DURATION_MS / Math.sqrt(Math.max(1, speed / 1.5)));
}

export function prefersReducedMotion(): boolean {
  if (typeof window === 'undefined') return false;
  if (new URLSearchParams(window.location.search).get('reducedMotion') === '1') return true;
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export interface PulseRoute {
  from: Point;
  to: Point;
  /** Where a dropped heartbeat ends: the cut marker. */
  cut: Point;
}

export interface PulseHost {
  route(node: string): PulseRoute | null;
  /** Reduced motion: mark the node's link as flashing (kind) or stop (null). */
  flash(node: string, kind: 'sent' | 'dropped' | null): void;
}

/**
 * Draws pulses as small HTML dots moved by the Web Animations API. Transform
 * and opacity animations run on the compositor, so a dot in flight costs the
 * main thread nothing between its start and its end.
 */
export class PulseLayer {
  private cursor: TraceCursor | null = null;
  private live = new Map<Animation, HTMLElement>();
  /** Dots not in flight, by class, ready for the next heartbeats. */
  private idle = new Map<string, HTMLElement[]>();
  private flashes = new Map<string, number>();
  private frame: number | null = null;
  private reducedMotion = prefersReducedMotion();
  private media: MediaQueryList | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly host: PulseHost,
  ) {
    if (typeof window !== 'undefined' && typeof window.matchMedia === 'function') {
      this.media = window.matchMedia('(prefers-reduced-motion: reduce)');
      this.media.addEventListener('change', this.onMotionChange);
    }
  }

  /** Looks at the trace of a freshly published state and spawns pulses for new heartbeats. */
  ingest(state: ConsoleViewState): void {
    const windowMs = Math.max(1000, state.cluster.params.heartbeatIntervalMs);
    const result = scanHeartbeats(this.cursor, state.trace, state.playback.timeMs, windowMs);
    this.cursor = result.cursor;
    if (result.reset) this.clear();
    if (result.spawns.length === 0) return;
    const now = performance.now();
    const duration = pulseDurationMs(state.playback.speed);
    for (const spawn of result.spawns) {
      if (this.reducedMotion) {
        this.flashes.set(spawn.node, now + FLASH_MS);
        this.host.flash(spawn.node, spawn.dropped ? 'dropped' : 'sent');
        this.ensureFlashTimer();
        continue;
      }
      if (this.live.size >= MAX_LIVE_PULSES) break;
      const route = this.host.route(spawn.node);
      if (!route) continue;
      this.launch(route.from, spawn.dropped ? route.cut : route.to, spawn.dropped, spawn.dropped ? duration * 0.6 : duration);
    }
  }

  /** Stops every live pulse (a new layout, a step back); the dots stay, hidden, for reuse. */
  clear(): void {
    for (const [animation, element] of this.live) {
      animation.onfinish = null;
      animation.cancel();
      this.release(element);
    }
    this.live.clear();
    for (const node of this.flashes.keys()) this.host.flash(node, null);
    this.flashes.clear();
  }

  /** Forget what was seen: the next publish spawns nothing for old entries. */
  resetCursor(): void {
    this.cursor = null;
  }

  get liveCount(): number {
    return this.live.size;
  }

  destroy(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    this.media?.removeEventListener('change', this.onMotionChange);
    this.clear();
    this.container.replaceChildren();
    this.idle.clear();
  }

  private launch(from: Point, to: Point, dropped: boolean, durationMs: number): void {
    const dot = this.take(dropped ? 'cv-pulse-dot cv-pulse-dot--dropped' : 'cv-pulse-dot');
    const at = (p: Point) => `translate(${p.x.toFixed(1)}px, ${p.y.toFixed(1)}px)`;
    const travel = dot.animate(
      [
        { transform: at(from), opacity: 1 },
        { transform: at(to), opacity: 1 },
      ],
      { duration: durationMs, easing: 'ease-in-out' },
    );
    this.track(travel, dot);
    if (dropped) this.burst(to, durationMs);
  }

  /** A dropped heartbeat ends in a ring that grows and fades at the cut: started now, shown from its landing. */
  private burst(at: Point, delayMs: number): void {
    const ring = this.take('cv-pulse-burst');
    const place = `translate(${at.x.toFixed(1)}px, ${at.y.toFixed(1)}px)`;
    const fade = ring.animate(
      [
        { transform: `${place} scale(0.6)`, opacity: 1 },
        { transform: `${place} scale(2.2)`, opacity: 0 },
      ],
      { duration: BURST_MS, delay: delayMs, easing: 'ease-out' },
    );
    this.track(fade, ring);
  }

  /** An idle dot of this class, or a new one (hidden until animated). */
  private take(className: string): HTMLElement {
    const element = this.idle.get(className)?.pop();
    if (element) return element;
    const created = document.createElement('div');
    created.className = className;
    if (className === 'cv-pulse-burst') created.textContent = '×';
    created.style.opacity = '0';
    this.container.appendChild(created);
    return created;
  }

  private release(element: HTMLElement): void {
    let pool = this.idle.get(element.className);
    if (!pool) this.idle.set(element.className, (pool = []));
    pool.push(element);
  }

  private track(animation: Animation, element: HTMLElement): void {
    this.live.set(animation, element);
    animation.onfinish = () => {
      this.live.delete(animation);
      this.release(element);
    };
  }

  private onMotionChange = (): void => {
    this.reducedMotion = prefersReducedMotion();
    this.clear();
  };

  /** Reduced motion only: ends link flashes on time. */
  private ensureFlashTimer(): void {
    if (this.frame === null) this.frame = requestAnimationFrame(this.tick);
  }

  private tick = (now: number): void => {
    this.frame = null;
    for (const [node, until] of this.flashes) {
      if (now >= until) {
        this.flashes.delete(node);
        this.host.flash(node, null);
      }
    }
    if (this.flashes.size > 0) this.ensureFlashTimer();
  };
}
