import type { ReactNode } from 'react';
import type { EmbedUntil } from '../embed/embed-options';
import { formatSimTime } from '../ui/format';
import { PauseIcon, PlayIcon, StepBackIcon, StepIcon } from '../ui/icons';
import { useConsole, useSession } from '../ui/session-context';
import { SpeedControl } from '../ui/speed-control';
import { useEmbedBounds } from './use-embed-view';

/**
 * The embed's playback bar (`controls=playback`): step back, play, step, speed, the scrubber and the clock in one
 * row, and nothing that changes the run (no fault, no share). The console's test ids, so a test written against the
 * console drives an embed the same way. With `range=` the scrubber spans only the range, and says so in words.
 */
export function EmbedPlaybackBar({ children }: { children?: ReactNode }) {
  const session = useSession();
  const playing = useConsole((s) => s.playback.playing);
  const timeMs = useConsole((s) => s.playback.timeMs);
  const eventCount = useConsole((s) => s.playback.eventCount);
  const horizonMs = useConsole((s) => s.playback.horizonMs);
  const bounds = useEmbedBounds();
  const range = bounds?.range ?? null;
  const min = range ? range.fromTimeMs : 0;
  const max = range ? Math.max(range.toTimeMs, min + 1) : Math.max(horizonMs, timeMs);
  const atStart = range ? eventCount <= range.fromEvent : eventCount === 0;
  const atEnd = range !== null && eventCount >= range.toEvent;
  const clip = range ? `events ${range.fromEvent}–${range.toEvent}` : null;

  return (
    <div className="embed-bar" role="toolbar" aria-label="Playback">
      <button type="button" onClick={() => session.stepBack(1)} disabled={atStart} data-testid="control-step-back" aria-label="Step back" aria-keyshortcuts="ArrowLeft" title="Step back one event (←)">
        <StepBackIcon />
      </button>
      <button
        type="button"
        className="primary embed-play"
        onClick={() => session.togglePlay()}
        data-testid="control-play"
        aria-label={playing ? 'Pause' : atEnd ? 'Play the range again' : 'Play'}
        aria-keyshortcuts="Space"
        title={playing ? 'Pause (Space)' : 'Play (Space)'}
      >
        {playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <button type="button" onClick={() => session.step()} disabled={atEnd} data-testid="control-step" aria-label="Step" aria-keyshortcuts="ArrowRight" title="Step one event (→)">
        <StepIcon />
      </button>
      <SpeedControl className="embed-speed" valueClassName="mono" />
      <label className="embed-scrubber">
        <span className="visually-hidden">Timeline position{clip ? ` (this embed shows ${clip})` : ''}</span>
        <input
          type="range"
          min={min}
          max={max}
          step={100}
          value={Math.min(max, Math.max(min, timeMs))}
          onChange={(e) => session.seek(Number(e.target.value))}
          aria-valuetext={`${formatSimTime(timeMs)} of ${formatSimTime(max)}${clip ? `, ${clip}` : ''}`}
          data-testid="control-scrubber"
        />
        {range && (
          <span className="embed-clip mono" data-testid="embed-range">
            {formatSimTime(range.fromTimeMs)}–{formatSimTime(range.toTimeMs)}
          </span>
        )}
      </label>
      <div className="embed-clock mono" data-testid="control-time" aria-live="off">
        <span className="clock-time">{formatSimTime(timeMs)}</span> <span className="clock-events">event {eventCount}</span>
      </div>
      <StopNote stopped={bounds?.stopped ?? null} until={bounds?.until ?? null} loop={bounds?.loop ?? false} />
      <PauseNote />
      {children}
    </div>
  );
}

/** Why playing stopped by itself, in words (and that a loop will start it again). */
function StopNote({ stopped, until, loop }: { stopped: 'until' | 'range' | null; until: EmbedUntil | null; loop: boolean }) {
  if (stopped === null) return null;
  const where = stopped === 'range' ? 'the end of the range' : untilWords(until);
  return (
    <span className="embed-stop" role="status" data-testid="embed-stopped">
      Stopped at {where}
      {loop ? '; playing again…' : ''}
    </span>
  );
}

/**
 * Why playing paused by itself (nothing left but heartbeats, the end of one Play), short: the console's own sentence
 * invites a fault, which this bar does not offer. The console's test id, always present so it is announced.
 */
function PauseNote() {
  const notice = useConsole((s) => s.playback.notice);
  const at = notice ? formatSimTime(notice.atMs) : '';
  const words =
    notice === null
      ? ''
      : notice.reason === 'nothingAhead'
        ? 'No significant event ahead: only heartbeats.'
        : notice.reason === 'idle' || notice.idle
          ? `Paused at ${at}: nothing left to happen but heartbeats.`
          : `Paused at ${at}, the end of this run; Play goes on.`;
  return (
    <span className="embed-stop" role="status" data-testid="pause-reason">
      {words}
    </span>
  );
}

function untilWords(until: EmbedUntil | null): string {
  if (until === null) return 'the chosen moment';
  if (until.kind === 'time') return formatSimTime(until.ms);
  if (until.kind === 'event') return `event ${until.event}`;
  return until.kind === 'healthy' ? 'healthy again' : 'idle';
}
