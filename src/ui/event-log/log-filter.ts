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
  /** Matching entries before the window (not rendered). */
  hiddenBefore: number;
  matching: number;
}

/** The newest `LOG_WINDOW` entries that pass the filter, oldest first. */
export function filterLog(trace: readonly TraceEntry[], filter: LogFilter, window = LOG_WINDOW): LogPage {
  const words = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  const picked: TraceEntry[] = [];
  let matching = 0;
  // Walk from the newest entry: the window is what the learner cares about and the trace may be long.
  for (let i = trace.length - 1; i >= 0; i--) {
    const entry = trace[i];
    if (!filter.showDetail && entry.level === 'detail') continue;
    if (words.length > 0) {
      const haystack = `${entry.actor} ${entry.kind} ${entry.text}`.toLowerCase();
      if (!words.every((w) => haystack.includes(w))) continue;
    }
    matching++;
    if (picked.length < window) picked.push(entry);
  }
  picked.reverse();
  return { entries: picked, hiddenBefore: matching - picked.length, matching };
}
