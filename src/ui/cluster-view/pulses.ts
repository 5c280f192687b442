import { select } from 'd3';
import type { TraceEntry } from '../../engine/index';
import type { ConsoleViewState } from '../../store/view-model';
import type { Point } from './layout';

/**
 * Heartbeat pulses. A heartbeat crosses its link in about 2 simulated ms —
 * invisible at any real playback speed — so pulses are animated in wall
 * time: every publish, the new `heartbeat.sent` / `heartbeat.dropped` trace
 * entries each spawn a dot that travels from the node to cp over ~half a
 * second (quicker at high speed). A dropped heartbeat travels to the cut
 * marker and ends in a small burst. The animation runs its own
 * requestAnimationFrame loop only while something is alive, and never
 * touches React. With reduced motion, nothing moves: the link flashes.
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
  if (cursor.index >= trace.length || (cursor.index >= 0 && trace[cursor.index] !== cursor.entry)) {
    return { cursor: end, spawns: [], reset: true };
  }
  const spawns: HeartbeatSpawn[] = [];
  const oldest = nowMs - windowMs;
  for (let i = trace.length - 1; i > cursor.index; i--) {
    const e = trace[i];
    if (e.timeMs < oldest) break;
    if (e.kind !== 'heartbeat.sent' && e.kind !== 'heartbeat.dropped') continue;
    const node = e.data.node;
    if (typeof node === 'string') spawns.push({ node, dropped: e.kind === 'heartbeat.dropped' });
  }
  spawns.reverse();
  return { cursor: end, spawns, reset: false };
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

interface Pulse {
  id: number;
  from: Point;
  to: Point;
  born: number;
  duration: number;
  dropped: boolean;
  x: number;
  y: number;
}

interface Burst {
  id: number;
  x: number;
  y: number;
  born: number;
  t: number;
}

export class PulseLayer {
  private cursor: TraceCursor | null = null;
  private pulses: Pulse[] = [];
  private bursts: Burst[] = [];
  private flashes = new Map<string, number>();
  private nextId = 0;
  private frame: number | null = null;
  private reducedMotion = prefersReducedMotion();
  private media: MediaQueryList | null = null;

  constructor(
    private readonly group: SVGGElement,
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
        continue;
      }
      if (this.pulses.length >= MAX_LIVE_PULSES) break;
      const route = this.host.route(spawn.node);
      if (!route) continue;
      const to = spawn.dropped ? route.cut : route.to;
      this.pulses.push({
        id: this.nextId++,
        from: route.from,
        to,
        born: now,
        duration: spawn.dropped ? duration * 0.6 : duration,
        dropped: spawn.dropped,
        x: route.from.x,
        y: route.from.y,
      });
    }
    this.ensureRunning();
  }

  /** Drops every live pulse (a new layout, a step back). */
  clear(): void {
    this.pulses = [];
    this.bursts = [];
    for (const node of this.flashes.keys()) this.host.flash(node, null);
    this.flashes.clear();
    this.draw();
  }

  /** Forget what was seen: the next publish spawns nothing for old entries. */
  resetCursor(): void {
    this.cursor = null;
  }

  get liveCount(): number {
    return this.pulses.length;
  }

  destroy(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    this.media?.removeEventListener('change', this.onMotionChange);
    this.pulses = [];
    this.bursts = [];
  }

  private onMotionChange = (): void => {
    this.reducedMotion = prefersReducedMotion();
    this.clear();
  };

  private ensureRunning(): void {
    if (this.frame === null) this.frame = requestAnimationFrame(this.tick);
  }

  private tick = (now: number): void => {
    this.frame = null;
    const alive: Pulse[] = [];
    for (const p of this.pulses) {
      const t = (now - p.born) / p.duration;
      if (t >= 1) {
        if (p.dropped) this.bursts.push({ id: p.id, x: p.to.x, y: p.to.y, born: now, t: 0 });
        continue;
      }
      const e = easeInOut(Math.max(0, t));
      p.x = p.from.x + (p.to.x - p.from.x) * e;
      p.y = p.from.y + (p.to.y - p.from.y) * e;
      alive.push(p);
    }
    this.pulses = alive;
    this.bursts = this.bursts.filter((b) => {
      b.t = (now - b.born) / BURST_MS;
      return b.t < 1;
    });
    for (const [node, until] of this.flashes) {
      if (now >= until) {
        this.flashes.delete(node);
        this.host.flash(node, null);
      }
    }
    this.draw();
    if (this.pulses.length > 0 || this.bursts.length > 0 || this.flashes.size > 0) this.ensureRunning();
  };

  private draw(): void {
    const g = select(this.group);
    g.selectAll<SVGCircleElement, Pulse>('circle.cv-pulse')
      .data(this.pulses, (d) => d.id)
      .join((enter) =>
        enter
          .append('circle')
          .attr('class', (d) => (d.dropped ? 'cv-pulse cv-pulse--dropped' : 'cv-pulse'))
          .attr('r', 3),
      )
      .attr('cx', (d) => d.x.toFixed(1))
      .attr('cy', (d) => d.y.toFixed(1));
    g.selectAll<SVGGElement, Burst>('g.cv-burst')
      .data(this.bursts, (d) => d.id)
      .join((enter) => {
        const b = enter.append('g').attr('class', 'cv-burst');
        b.append('circle').attr('class', 'cv-burst-ring');
        b.append('path').attr('class', 'cv-burst-x').attr('d', 'M-3,-3L3,3M3,-3L-3,3');
        return b;
      })
      .attr('transform', (d) => `translate(${d.x.toFixed(1)},${d.y.toFixed(1)})`)
      .attr('opacity', (d) => (1 - d.t).toFixed(2))
      .select('circle')
      .attr('r', (d) => (4 + 9 * d.t).toFixed(1));
  }
}

function easeInOut(t: number): number {
  return t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2;
}
