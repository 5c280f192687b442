import type { PlaybackNotice } from '../store/auto-pause';
import { formatSimTime } from './format';
import { PauseIcon } from './icons';
import { useConsole } from './session-context';
import './playback-notice.css';

/**
 * Why playback stopped by itself, in words, under the playback controls: a
 * Play button that silently flips back would look like a fault. Always
 * present (empty when there is nothing to say) so screen readers announce it.
 */
export function PlaybackNoticeLine() {
  const notice = useConsole((s) => s.playback.notice);
  return (
    <p className="playback-notice" role="status" data-testid="pause-reason">
      {notice && (
        <>
          <span className="playback-notice-mark" aria-hidden="true">
            <PauseIcon />
          </span>{' '}
          {noticeText(notice)}
        </>
      )}
    </p>
  );
}

export function noticeText(notice: PlaybackNotice): string {
  const at = formatSimTime(notice.atMs);
  switch (notice.reason) {
    case 'idle':
      return `Paused at ${at}: nothing left to happen but heartbeats. ${outcome(notice)} Press Play to go on, or inject another fault.`;
    case 'limit':
      return notice.idle
        ? `Paused at ${at}: a minute of play with nothing but heartbeats. ${outcome(notice)} Press Play to go on, or inject a fault.`
        : `Paused at ${at}, the end of this scenario's run, with things still happening. Press Play to go on.`;
    case 'nothingAhead':
      return `No significant event ahead: nothing left to happen but heartbeats. ${outcome(notice)} Step (→) still moves one event.`;
  }
}

/** How the run stands now that it is quiet: whole again, or what stays broken. */
function outcome(notice: PlaybackNotice): string {
  if (notice.healthy) return 'Every shard has all its copies and a primary.';
  const left = [
    notice.lost > 0 && `${notice.lost} shard${notice.lost === 1 ? '' : 's'} lost`,
    notice.underReplicated > 0 && `${notice.underReplicated} under-replicated`,
    notice.withoutPrimary > 0 && `${notice.withoutPrimary} without a primary`,
  ].filter(Boolean);
  return left.length > 0 ? `It stays like this on its own: ${left.join(', ')}.` : 'It stays like this on its own.';
}
