import type { Simulation } from '../engine/index';
import type { EmbedUntil } from '../embed/embed-options';
import type { ConsoleSession } from '../store/session';

/**
 * The embed's playback bounds (teaching-embed.md §3.2: `until`, `range`, `loop`), kept in the engine's worker beside
 * the run so they are exact: playing pauses at the first event at which a stop point is reached (or at the exact ms
 * of a time), the same mechanism as a lesson's narration watch (engine-host.ts). No engine behaviour changes: these
 * are where playback pauses and how far the learner's moves go, like a video's start and end.
 */

export interface EmbedPlaybackRequest {
  until: EmbedUntil | null;
  range: { fromEvent: number; toEvent: number } | null;
  loop: boolean;
}

/** A range with the simulated times of its ends (the scrubber's limits). */
export interface EmbedRangeView {
  fromEvent: number;
  toEvent: number;
  fromTimeMs: number;
  toTimeMs: number;
}

/** What the page shows of the bounds: carried by every frame while they are set. */
export interface EmbedPlaybackView {
  until: EmbedUntil | null;
  range: EmbedRangeView | null;
  loop: boolean;
  /** Playing stopped by itself at `until` or at the range's end, and nothing moved since. */
  stopped: 'until' | 'range' | null;
}

/** Timers for the loop's hold (the worker's own; a test passes manual ones). Wall time, never the engine's. */
export interface LoopTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** How long a looping clip rests on its last moment before it starts again (wall ms): time to see how it ended. */
export const LOOP_HOLD_MS = 1500;

interface StopPoint {
  reason: 'until' | 'range';
  reached(sim: Simulation): boolean;
  /** A time between events: stop exactly there, not at the next event after it. */
  atMs?: number;
}

export class EmbedPlayback {
  readonly range: EmbedRangeView | null;
  private stopped: EmbedPlaybackView['stopped'] = null;
  private loopTimer: { handle: unknown } | null = null;
  /** The moment the embed opened at (t/e): where a loop without a range starts again. */
  private readonly opening: { events: number; timeMs: number };
  private readonly points: StopPoint[];

  constructor(
    private readonly request: EmbedPlaybackRequest,
    session: ConsoleSession,
    private readonly timers: LoopTimers,
  ) {
    const sim = session.simulation;
    this.opening = { events: sim.eventCount, timeMs: sim.timeMs };
    this.range = request.range ? measureRange(session, request.range, this.opening) : null;
    this.points = stopPoints(request.until, this.range);
  }

  view(): EmbedPlaybackView {
    return { until: this.request.until, range: this.range, loop: this.request.loop, stopped: this.stopped };
  }

  /** Which stop points the run has reached now (read before a batch of events plays). */
  reachedNow(sim: Simulation): boolean[] {
    return this.points.map((p) => p.reached(sim));
  }

  /**
   * After a batch of played events: if a stop point not reached at the batch's start is reached now, back to the
   * batch's start (exact, by re-simulation) and forward one event at a time to the first one reaching it; a time
   * between two events is reached by seeking exactly to it. Then pause, and with `loop` start the hold.
   */
  stopIfCrossed(session: ConsoleSession, batchStart: number, before: boolean[]): boolean {
    const crossed = this.points.filter((p, i) => !before[i] && p.reached(session.simulation));
    if (crossed.length === 0) return false;
    const endEvents = session.simulation.eventCount;
    session.seekToEvent(batchStart);
    let hit: StopPoint | undefined;
    for (;;) {
      const sim = session.simulation;
      hit = crossed.find((p) => p.reached(sim));
      if (hit) break;
      const next = sim.nextEventAtMs();
      hit = crossed.find((p) => p.atMs !== undefined && (next === null || next > p.atMs));
      if (hit) {
        session.seek(hit.atMs!);
        break;
      }
      const events = sim.eventCount;
      if (events >= endEvents) break;
      session.step();
      if (session.simulation.eventCount === events) break;
    }
    session.pause();
    this.stopped = hit?.reason ?? null;
    if (this.stopped && this.request.loop) this.holdThenLoop(session);
    return this.stopped !== null;
  }

  /** The learner (or the host) moved the run: a stop is no longer the current moment, and no loop is due. */
  interrupt(): void {
    this.stopped = null;
    this.cancelLoop();
  }

  dispose(): void {
    this.cancelLoop();
  }

  /** Play at the range's end plays the range again, from its start (a clip, like a video at its end). */
  beforePlay(session: ConsoleSession): void {
    if (this.range && session.simulation.eventCount >= this.range.toEvent) session.seekToEvent(this.range.fromEvent);
  }

  /** An event count moved into the range. */
  clampEvent(eventCount: number): number {
    if (!this.range) return eventCount;
    return Math.min(this.range.toEvent, Math.max(this.range.fromEvent, eventCount));
  }

  /** How many events a step back may go without leaving the range. */
  clampStepBack(session: ConsoleSession, n: number): number {
    if (!this.range) return n;
    return Math.max(0, Math.min(n, session.simulation.eventCount - this.range.fromEvent));
  }

  /** Whether a step forward would leave the range. */
  atRangeEnd(session: ConsoleSession): boolean {
    return this.range !== null && session.simulation.eventCount >= this.range.toEvent;
  }

  /** After a move that may have left the range (a seek by time, next significant event): back to its nearer end. */
  keepInRange(session: ConsoleSession): void {
    if (!this.range) return;
    const events = session.simulation.eventCount;
    if (events < this.range.fromEvent) session.seekToEvent(this.range.fromEvent);
    else if (events > this.range.toEvent) session.seekToEvent(this.range.toEvent);
  }

  private holdThenLoop(session: ConsoleSession): void {
    this.cancelLoop();
    const timer = { handle: null as unknown };
    timer.handle = this.timers.setTimeout(() => {
      if (this.loopTimer !== timer) return;
      this.loopTimer = null;
      this.stopped = null;
      if (this.range) session.seekToEvent(this.range.fromEvent);
      else goTo(session, this.opening);
      session.play();
      session.flush();
    }, LOOP_HOLD_MS);
    this.loopTimer = timer;
  }

  private cancelLoop(): void {
    if (this.loopTimer) this.timers.clearTimeout(this.loopTimer.handle);
    this.loopTimer = null;
  }
}

/** The range's ends in time (by visiting them once), then back to the opening moment if it lies inside, else its start. */
function measureRange(
  session: ConsoleSession,
  range: { fromEvent: number; toEvent: number },
  opening: { events: number; timeMs: number },
): EmbedRangeView {
  session.seekToEvent(range.toEvent);
  // A run that ends before `toEvent` (no more events): its last event is the range's end.
  const toEvent = session.simulation.eventCount;
  const toTimeMs = session.simulation.timeMs;
  session.seekToEvent(Math.min(range.fromEvent, toEvent));
  const fromEvent = session.simulation.eventCount;
  const fromTimeMs = session.simulation.timeMs;
  if (opening.events >= fromEvent && opening.events <= toEvent && (opening.events < toEvent || opening.timeMs <= toTimeMs)) goTo(session, opening);
  return { fromEvent, toEvent, fromTimeMs, toTimeMs };
}

/** To a moment given as (events, time): the events first, then the time after the last of them (a `t=` between events). */
function goTo(session: ConsoleSession, moment: { events: number; timeMs: number }): void {
  session.seekToEvent(moment.events);
  if (moment.timeMs > session.simulation.timeMs) session.seek(moment.timeMs);
}

function stopPoints(until: EmbedUntil | null, range: EmbedRangeView | null): StopPoint[] {
  const points: StopPoint[] = [];
  if (until?.kind === 'time') points.push({ reason: 'until', reached: (sim) => sim.timeMs >= until.ms, atMs: until.ms });
  else if (until?.kind === 'event') points.push({ reason: 'until', reached: (sim) => sim.eventCount >= until.event });
  else if (until) points.push({ reason: 'until', reached: (sim) => sim.holds(until.kind) });
  if (range) points.push({ reason: 'range', reached: (sim) => sim.eventCount >= range.toEvent });
  return points;
}
