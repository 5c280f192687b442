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

/** The query's words, lower case. */
function wordsOf(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * A detail entry shows when detail is on, or when a query word names its kind exactly (`api.call`,
 * `wal.recordApplied`): a learner can ask for the recovery contract's calls without every heartbeat.
 */
function detailShown(entry: TraceEntry, showDetail: boolean, words: readonly string[]): boolean {
  return showDetail || entry.level !== 'detail' || words.includes(entry.kind.toLowerCase());
}

function matches(entry: TraceEntry, filter: LogFilter, words: readonly string[]): boolean {
  if (!detailShown(entry, filter.showDetail, words)) return false;
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
  const words = wordsOf(filter.query);
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
export function newestShownEntry(trace: readonly TraceEntry[], showDetail: boolean, query = ''): TraceEntry | null {
  const words = wordsOf(query);
  for (let i = trace.length - 1; i >= 0; i--) {
    if (detailShown(trace[i], showDetail, words)) return trace[i];
  }
  return null;
}
