import { SPEEDS } from '../store/speeds';
import { useConsole, useSession } from './session-context';

/** Slower, the speed, faster: one group shared by the console's playback bar and the embed's. */
export function SpeedControl({ className, valueClassName }: { className: string; valueClassName: string }) {
  const session = useSession();
  const speed = useConsole((s) => s.playback.speed);
  return (
    <div className={className} role="group" aria-label="Speed">
      <button type="button" onClick={() => session.slower()} disabled={speed <= SPEEDS[0]} aria-label="Slower" aria-keyshortcuts="-" data-testid="control-slower">
        −
      </button>
      <span className={valueClassName} data-testid="control-speed" aria-live="polite">
        {speed}×
      </span>
      <button type="button" onClick={() => session.faster()} disabled={speed >= SPEEDS[SPEEDS.length - 1]} aria-label="Faster" aria-keyshortcuts="+" data-testid="control-faster">
        +
      </button>
    </div>
  );
}
