import { SpeedControl } from './speed-control';
import { formatSimTime } from './format';
import { NextIcon, PauseIcon, PlayIcon, StepBackIcon, StepIcon } from './icons';
import { PlaybackNoticeLine } from './playback-notice';
import { useConsole, useSession } from './session-context';
import './playback-bar.css';

/**
 * Play, pause, step one event, step to the next significant event, step
 * back, scrub and change speed. Stepping back and scrubbing re-simulate, so
 * every moment shown is exact.
 */
export function PlaybackBar() {
  const session = useSession();
  const playing = useConsole((s) => s.playback.playing);
  // The clock and the scrubber change every publish while playing; the buttons only when these do.
  const atStart = useConsole((s) => s.playback.eventCount === 0);
  const catchingUp = useConsole((s) => s.playback.catchingUp);

  return (
    <div className="playback-bar" role="toolbar" aria-label="Playback">
      <div className="playback-buttons">
        <button type="button" onClick={() => session.stepBack(1)} disabled={atStart} data-testid="control-step-back" aria-keyshortcuts="ArrowLeft" title="Step back one event (←)">
          <StepBackIcon /> <span className="control-label">Step back</span>
        </button>
        <button type="button" className="primary play-button" onClick={() => session.togglePlay()} data-testid="control-play" aria-keyshortcuts="Space" title="Play or pause (Space)">
          {playing ? (
            <>
              <PauseIcon /> <span className="control-label">Pause</span>
            </>
          ) : (
            <>
              <PlayIcon /> <span className="control-label">Play</span>
            </>
          )}
        </button>
        <button type="button" onClick={() => session.step()} data-testid="control-step" aria-keyshortcuts="ArrowRight" title="Step one event (→)">
          <span className="control-label">Step</span> <StepIcon />
        </button>
        <button type="button" onClick={() => session.stepToNextSignificant()} data-testid="control-next" aria-keyshortcuts="Shift+ArrowRight" title="Next significant event: skips heartbeats and routine copy progress (Shift+→)">
          <span className="control-label">Next significant event</span> <NextIcon />
        </button>
      </div>
      <SpeedControl className="speed" valueClassName="speed-value mono" />
      <Scrubber />
      <Clock />
      <PlaybackNoticeLine />
      {catchingUp && (
        <span className="catching-up" role="status">
          catching up…
        </span>
      )}
    </div>
  );
}

function Scrubber() {
  const session = useSession();
  const timeMs = useConsole((s) => s.playback.timeMs);
  const horizonMs = useConsole((s) => s.playback.horizonMs);
  const scrubMax = Math.max(horizonMs, timeMs);
  return (
    <label className="scrubber">
      <span className="visually-hidden">Timeline position</span>
      <input
        type="range"
        min={0}
        max={scrubMax}
        step={100}
        value={timeMs}
        onChange={(e) => session.seek(Number(e.target.value))}
        aria-valuetext={`${formatSimTime(timeMs)} of ${formatSimTime(scrubMax)}`}
        data-testid="control-scrubber"
      />
    </label>
  );
}

function Clock() {
  const timeMs = useConsole((s) => s.playback.timeMs);
  const eventCount = useConsole((s) => s.playback.eventCount);
  return (
    <div className="clock mono" data-testid="control-time" aria-live="off">
      <span className="clock-time">{formatSimTime(timeMs)}</span>
      <span className="clock-events">event {eventCount}</span>
    </div>
  );
}
