import { memo, useCallback, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { TraceEntry } from '../../engine/index';
import { formatSimTime } from '../format';
import { PauseIcon } from '../icons';
import { noticeText } from '../playback-notice';
import { useConsole, useSession } from '../session-context';
import { followNewest, type FollowNewest } from './follow-newest';
import { filterLog, LOG_CATEGORY_LABEL, LOG_HELD_MAX, LOG_WINDOW, newestShownEntry, type LogCategory } from './log-filter';
import './event-log.css';

/** How close to the bottom (px) still counts as "following" the newest entries. */
const FOLLOW_SLACK_PX = 24;

/**
 * The trace in plain words. Every entry is a button that moves the run to the
 * moment it was written, so the log doubles as a table of contents.
 */
export function EventLog() {
  const session = useSession();
  const [query, setQuery] = useState('');
  const [showDetail, setShowDetail] = useState(false);
  const [category, setCategory] = useState<LogCategory>('all');
  // The named filters belong to leaderless runs (read repair, hints, anti-entropy); elsewhere they would list nothing.
  const leaderless = useConsole((s) => s.cluster.params.replication === 'leaderless');
  // Most frames add only heartbeats: re-filter only when an entry the log could show arrives or goes.
  // The newest such entry *object* stands in for the trace. Not its seq: a new run (another scenario,
  // a seed, a re-simulation) numbers its entries from 0 again, and an equal seq kept the old run's log on screen.
  const newest = useConsole((s) => newestShownEntry(s.trace, showDetail, query, category));
  // While the learner reads (scrolled up), the entries from the oldest one on screen are held: new ones do not push
  // what they read out of the top of the list. Null while following the newest.
  const [heldFromSeq, setHeldFromSeq] = useState<number | null>(null);
  const page = useMemo(
    () =>
      filterLog(
        session.store.getState().trace,
        { query, showDetail, category },
        LOG_WINDOW,
        heldFromSeq === null ? undefined : { fromSeq: heldFromSeq, max: LOG_HELD_MAX },
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [session, newest, query, showDetail, category, heldFromSeq],
  );
  /** The oldest entry on the list, for the moment the learner stops following (set after each commit). */
  const oldestShownSeq = useRef<number | null>(null);
  const notice = useConsole((s) => s.playback.notice);
  const evicted = useConsole((s) => s.traceEvicted);
  const listRef = useRef<HTMLOListElement>(null);
  const follow = useRef<FollowNewest | null>(null);
  const filterId = useId();

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const f = followNewest(list, FOLLOW_SLACK_PX, (following) => setHeldFromSeq(following ? null : oldestShownSeq.current));
    follow.current = f;
    return () => {
      f.dispose();
      follow.current = null;
    };
  }, []);
  // Stay pinned to the newest entry unless the learner scrolled up to read: scrolled after the frame's
  // own layout (follow-newest.ts), so a new entry never forces an extra one.
  useLayoutEffect(() => {
    oldestShownSeq.current = page.entries[0]?.seq ?? null;
    follow.current?.watch();
  }, [page, notice]);

  const current = page.entries[page.entries.length - 1];
  const selectEntry = useCallback(
    (entry: TraceEntry) => {
      follow.current?.stop();
      session.seekToEvent(entry.event);
    },
    [session],
  );
  return (
    <section className="panel event-log" aria-labelledby="event-log-title" data-testid="event-log">
      <div className="event-log-head">
        <h2 id="event-log-title">Event log</h2>
        <span className="event-log-count mono">
          {query || category !== 'all'
            ? `${page.entries.length}${page.more ? '+' : ''} ${page.entries.length === 1 && !page.more ? 'match' : 'matches'}`
            : heldFromSeq !== null && page.entries.length > LOG_WINDOW
              ? `${page.entries.length} kept while you read`
              : page.more
                ? `latest ${page.entries.length}`
                : ''}
        </span>
      </div>
      <div className="event-log-tools">
        <label htmlFor={filterId} className="visually-hidden">
          Filter events
        </label>
        <input
          id={filterId}
          type="search"
          placeholder="Filter: n3, DEAD, s042, api.call…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label className="event-log-toggle">
          <input type="checkbox" checked={showDetail} onChange={(e) => setShowDetail(e.target.checked)} />
          Show heartbeats
        </label>
        {(leaderless || category !== 'all') && (
          <label className="event-log-toggle">
            <span className="visually-hidden">Show only</span>
            <select value={category} onChange={(e) => setCategory(e.target.value as LogCategory)} data-testid="event-log-category">
              {(Object.keys(LOG_CATEGORY_LABEL) as LogCategory[]).map((c) => (
                <option key={c} value={c}>
                  {LOG_CATEGORY_LABEL[c]}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <ol className="event-log-list" ref={listRef}>
        {evicted.entries > 0 && evicted.untilMs !== null && (
          <li className="event-log-more" data-testid="event-log-evicted">
            {evicted.entries.toLocaleString('en-US')} entries up to {formatSimTime(evicted.untilMs)} are no longer kept, so memory stays flat on a
            long run. Seek or click the timeline there to rebuild them.
          </li>
        )}
        {page.more && <li className="event-log-more">Earlier entries are not shown — filter to find them.</li>}
        {page.entries.map((entry) => (
          <LogEntry
            key={entry.seq}
            entry={entry}
            current={entry === current}
            onSelect={selectEntry}
          />
        ))}
        {notice && (
          <li className="event-log-note" data-testid="event-log-note">
            <span className="event-log-note-mark" aria-hidden="true">
              <PauseIcon />
            </span>{' '}
            {noticeText(notice)}
          </li>
        )}
        {page.entries.length === 0 && (
          <li className="event-log-empty">
            {query
              ? `Nothing matches “${query}”.`
              : category !== 'all'
                ? `No ${LOG_CATEGORY_LABEL[category].toLowerCase()} entries yet.`
              : evicted.entries > 0
                ? 'Only heartbeats since then: tick “Show heartbeats” to see them.'
                : 'Nothing has happened yet. Press Play or Step.'}
          </li>
        )}
      </ol>
    </section>
  );
}

/** Memoized: entries never change once written, so only the newly current one re-renders. */
const LogEntry = memo(function LogEntry({ entry, current, onSelect }: { entry: TraceEntry; current: boolean; onSelect: (entry: TraceEntry) => void }) {
  return (
    <li className={`event-log-entry level-${entry.level}`}>
      <button
        type="button"
        onClick={() => onSelect(entry)}
        aria-current={current ? 'step' : undefined}
        title={`Go to ${formatSimTime(entry.timeMs)} (${entry.kind})`}
      >
        <span className="event-log-time mono">{formatSimTime(entry.timeMs)}</span>
        <span className="event-log-level" aria-hidden="true">
          {LEVEL_MARK[entry.level]}
        </span>
        <span className="event-log-text">
          {(entry.level === 'warn' || entry.level === 'alert') && <span className="visually-hidden">{entry.level}: </span>}
          <span className="event-log-actor mono">{entry.actor}</span> {entry.text}
        </span>
      </button>
    </li>
  );
});

/** A mark beside the colour, so warnings and alerts read without it. */
const LEVEL_MARK: Record<TraceEntry['level'], string> = {
  detail: '·',
  info: '•',
  warn: '▲',
  alert: '■',
};
