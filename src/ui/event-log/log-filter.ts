import type { TraceEntry } from '../../engine/index';

/** The log shows at most this many entries; older ones stay in the trace and reachable by filtering. */
export const LOG_WINDOW = 300;

export interface LogFilter {
  /** Case-insensitive words that must all appear in the entry's time, actor, kind or text. */
  query: string;
  /** Heartbeats and other `detail` entries are noise until a learner asks for them. */
  showDetail: boolean;
}

export interface LogPage {
  entries: TraceEntry[];
  /** True when older entries also match but fall outside the window. */
  more: boolean;
}

function matches(entry: TraceEntry, filter: LogFilter, words: readonly string[]): boolean {
  if (!filter.showDetail && entry.level === 'detail') return false;
  if (words.length === 0) return true;
  const haystack = `${entry.actor} ${entry.kind} ${entry.text}`.toLowerCase();
  return words.every((w) => haystack.includes(w));
}

/**
 * The newest `LOG_WINDOW` entries that pass the filter, oldest first. Walks
 * back from the newest entry and stops once the window is full, so the cost
 * does not grow with the length of the run.
 */
export function filterLog(trace: readonly TraceEntry[], filter: LogFilter, window = LOG_WINDOW): LogPage {
  const words = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  const picked: TraceEntry[] = [];
  let i = trace.length - 1;
  for (; i >= 0 && picked.length < window; i--) {
    if (matches(trace[i], filter, words)) picked.push(trace[i]);
  }
  let more = false;
  for (; i >= 0 && !more; i--) more = matches(trace[i], filter, words);
  picked.reverse();
  return { entries: picked, more };
}

/**
 * The newest entry the log could show (heartbeats count only when shown), or
 * null. The log re-renders only when this changes (by identity), not on every
 * frame; a new run's entries are new objects even where their seq repeats.
 */
export function newestShownEntry(trace: readonly TraceEntry[], showDetail: boolean): TraceEntry | null {
  for (let i = trace.length - 1; i >= 0; i--) {
    if (showDetail || trace[i].level !== 'detail') return trace[i];
  }
  return null;
}
