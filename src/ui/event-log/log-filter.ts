import type { TraceEntry } from '../../engine/index';

/** The log shows at most this many entries; older ones stay in the trace and reachable by filtering. */
export const LOG_WINDOW = 300;
/**
 * While the learner reads (scrolled up, not following), the entries from the oldest one on screen are held, so new
 * ones do not push what they read out of the top; this many at most, to keep the list's size bounded on a long run.
 */
export const LOG_HELD_MAX = 2_000;

export interface LogFilter {
  /** Case-insensitive words that must all appear in the entry's time, actor, kind or text. */
  query: string;
  /** Heartbeats and other `detail` entries are noise until a learner asks for them. */
  showDetail: boolean;
  /** A named filter: only the entries of one mechanism (default `all`). */
  category?: LogCategory;
}

/**
 * Named filters (design recovery-repair.md §11.4): the read path's repairs and the hints that stand in for missed
 * writes (`read.*`, `hint.*`, `write.partial`), and anti-entropy sessions (`repair.*`, `merkle.*`). A named filter
 * shows its kinds' detail entries too: asking for hints means wanting every `hint.stored`, not heartbeats.
 */
export type LogCategory = 'all' | 'readRepair' | 'antiEntropy';

export const LOG_CATEGORY_LABEL: Record<LogCategory, string> = {
  all: 'All events',
  readRepair: 'Read repair and hints',
  antiEntropy: 'Repair sessions',
};

export function inCategory(kind: string, category: LogCategory): boolean {
  switch (category) {
    case 'all':
      return true;
    case 'readRepair':
      return kind.startsWith('read.') || kind.startsWith('hint.') || kind === 'write.partial';
    case 'antiEntropy':
      return kind.startsWith('repair.') || kind.startsWith('merkle.');
  }
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
function detailShown(entry: TraceEntry, showDetail: boolean, words: readonly string[], category: LogCategory = 'all'): boolean {
  if (!inCategory(entry.kind, category)) return false;
  return showDetail || entry.level !== 'detail' || category !== 'all' || words.includes(entry.kind.toLowerCase());
}

function matches(entry: TraceEntry, filter: LogFilter, words: readonly string[]): boolean {
  if (!detailShown(entry, filter.showDetail, words, filter.category)) return false;
  if (words.length === 0) return true;
  const haystack = `${entry.actor} ${entry.kind} ${entry.text}`.toLowerCase();
  return words.every((w) => haystack.includes(w));
}

/** Hold the matching entries from `fromSeq` on (the oldest one the learner has on screen), up to `max`. */
export interface HeldFrom {
  fromSeq: number;
  max: number;
}

/**
 * The newest `LOG_WINDOW` entries that pass the filter, oldest first; with
 * `held`, also every older one back to `held.fromSeq` (at most `held.max` in
 * all). Walks back from the newest entry and stops once the window is full,
 * so the cost does not grow with the length of the run.
 */
export function filterLog(trace: readonly TraceEntry[], filter: LogFilter, window = LOG_WINDOW, held?: HeldFrom): LogPage {
  const words = wordsOf(filter.query);
  const picked: TraceEntry[] = [];
  const wanted = (entry: TraceEntry) => picked.length < window || (held !== undefined && entry.seq >= held.fromSeq && picked.length < held.max);
  let i = trace.length - 1;
  for (; i >= 0 && wanted(trace[i]); i--) {
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
export function newestShownEntry(trace: readonly TraceEntry[], showDetail: boolean, query = '', category: LogCategory = 'all'): TraceEntry | null {
  const words = wordsOf(query);
  for (let i = trace.length - 1; i >= 0; i--) {
    if (detailShown(trace[i], showDetail, words, category)) return trace[i];
  }
  return null;
}
