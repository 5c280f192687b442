import type { ConsoleStore } from '../store/console-store';
import type { ConsoleViewState } from '../store/view-model';
import type { TraceEntry } from '../engine/index';
import type { AlertEventData, TimeEventData } from './protocol-v1';

/**
 * `failoverLab.on(event, callback)`: the run's moments, trace and alerts as they reach the page's store. Built on
 * the store's own subscription, so nothing polls: while the run is paused no timer runs at all, and an event is
 * sent only when a frame changed what it reports. The same data shapes as the embed protocol's events (§3.4).
 */
export type DriverEventName = 'time' | 'trace' | 'alert';

export interface DriverTraceEvent {
  /** The batch's first entry's seq; batches come in order. */
  seq: number;
  entries: TraceEntry[];
}

export interface DriverEventMap {
  time: TimeEventData;
  trace: DriverTraceEvent;
  alert: AlertEventData;
}

export type DriverEventCallback<E extends DriverEventName> = (data: DriverEventMap[E]) => void;

/** While playing, at most one `time` event per this many wall-clock ms (4 a second). */
export const TIME_EVENT_INTERVAL_MS = 250;

/** Wall-clock timers, injected so the pacing of `time` events can be tested without waiting. */
export interface EventTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const browserTimers: EventTimers = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Calls `callback` for each `event` from now on; returns the unsubscribe. Throws a TypeError for an unknown event. */
export function listenToStore<E extends DriverEventName>(
  store: ConsoleStore,
  event: E,
  callback: DriverEventCallback<E>,
  timers: EventTimers = browserTimers,
): () => void {
  const emit = callback as (data: unknown) => void;
  if (event === 'time') return listenTime(store, emit, timers);
  if (event === 'trace') return listenTrace(store, emit);
  return listenAlerts(store, emit);
}

function timeOf(state: ConsoleViewState): TimeEventData {
  return { timeMs: state.playback.timeMs, event: state.playback.eventCount, playing: state.playback.playing };
}

/** A load changes the run even when it lands on the same time and event count (0, 0). */
function runOf(state: ConsoleViewState): string {
  return `${state.scenario.id}|${state.seed}`;
}

function listenTime(store: ConsoleStore, emit: (data: TimeEventData) => void, timers: EventTimers): () => void {
  let sent = timeOf(store.getState());
  let run = runOf(store.getState());
  let lastSentAt = -Infinity;
  let trailing: unknown = null;
  const send = () => {
    trailing = null;
    sent = timeOf(store.getState());
    lastSentAt = timers.now();
    emit(sent);
  };
  const unsubscribe = store.subscribe((state) => {
    const now = timeOf(state);
    const nextRun = runOf(state);
    const changed = now.timeMs !== sent.timeMs || now.event !== sent.event || now.playing !== sent.playing || nextRun !== run;
    run = nextRun;
    if (!changed) return;
    if (!now.playing) {
      // A step, seek, load or the pause itself: said at once, and any pending playing-time event is superseded.
      if (trailing !== null) timers.clearTimeout(trailing);
      send();
      return;
    }
    const wait = lastSentAt + TIME_EVENT_INTERVAL_MS - timers.now();
    if (wait <= 0) send();
    else if (trailing === null) trailing = timers.setTimeout(send, wait);
  });
  return () => {
    unsubscribe();
    if (trailing !== null) timers.clearTimeout(trailing);
    trailing = null;
  };
}

function newestSeq(state: ConsoleViewState): number {
  return state.trace.at(-1)?.seq ?? -1;
}

function listenTrace(store: ConsoleStore, emit: (data: DriverTraceEvent) => void): () => void {
  let lastSeq = newestSeq(store.getState());
  return store.subscribe((state) => {
    const newest = newestSeq(state);
    if (newest <= lastSeq) {
      // Stepped back, sought or loaded a run with less history: what follows from here is new.
      lastSeq = newest;
      return;
    }
    const entries = state.trace.filter((entry) => entry.seq > lastSeq);
    lastSeq = newest;
    if (entries.length > 0) emit({ seq: entries[0].seq, entries });
  });
}

function listenAlerts(store: ConsoleStore, emit: (data: AlertEventData) => void): () => void {
  let lastId = Math.max(0, ...store.getState().alerts.map((a) => a.id));
  return store.subscribe((state) => {
    for (const alert of state.alerts) {
      if (alert.id <= lastId) continue;
      lastId = alert.id;
      emit({ message: alert.message });
    }
  });
}
