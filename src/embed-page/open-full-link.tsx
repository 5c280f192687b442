import { useEffect, useState } from 'react';
import { hasLessonQuery } from '../ui/lesson/lesson-query';
import { useConsole, useSession } from '../ui/session-context';
import { consoleLinkOf, consoleSearchOf } from './embed-links';

/** "Open in Failover Lab ↗" before the console runs (the poster): the moment the embed was asked to show. */
export function OpenFullLinkStatic({ search }: { search: string }) {
  return <OpenFullAnchor href={consoleLinkOf(consoleSearchOf(search), location.href)} />;
}

/**
 * "Open in Failover Lab ↗": the full console at the moment shown here (the share query), refreshed whenever the run
 * rests on a new moment and again as the pointer or focus reaches the link. A lesson opens as the lesson.
 */
export function OpenFullLink({ search }: { search: string }) {
  const session = useSession();
  const [href, setHref] = useState(() => consoleLinkOf(consoleSearchOf(search), location.href));
  const resting = useConsole((s) => (s.playback.playing ? null : `${s.scenario.id}|${s.playback.eventCount}|${s.playback.timeMs}`));
  const lesson = hasLessonQuery(search);
  const refresh = () => {
    if (lesson) return;
    void session.shareQuery().then(
      (query) => setHref(consoleLinkOf(query, location.href)),
      () => {},
    );
  };
  useEffect(() => {
    if (resting !== null) refresh();
    // Refreshed per moment the run rests on, not per render.
  }, [resting]);
  return <OpenFullAnchor href={href} onRefresh={refresh} />;
}

function OpenFullAnchor({ href, onRefresh }: { href: string; onRefresh?: () => void }) {
  return (
    <a className="embed-open-full" href={href} target="_blank" rel="noopener" data-testid="embed-open-full" onPointerEnter={onRefresh} onFocus={onRefresh}>
      Open in Failover Lab <span aria-hidden="true">↗</span>
      <span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}
