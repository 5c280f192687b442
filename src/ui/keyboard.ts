import { useEffect } from 'react';
import { useSession } from './session-context';

/** Elements where keys belong to the element itself, not to playback. */
function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || tag === 'BUTTON') return true;
  return target.getAttribute('role') === 'button';
}

/**
 * Space plays or pauses, → steps one event (every event, copies included),
 * Shift+→ jumps to the next significant event (past heartbeats and routine
 * copy progress, see store/significance.ts), ← steps back, + and − change
 * speed, Home returns to the start.
 */
export function useKeyboardShortcuts(): void {
  const session = useSession();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || ownsKeys(event.target)) return;
      const actions: Record<string, () => void> = {
        ' ': () => session.togglePlay(),
        ArrowRight: () => (event.shiftKey ? session.stepToNextSignificant() : session.step()),
        ArrowLeft: () => session.stepBack(1),
        '+': () => session.faster(),
        '=': () => session.faster(),
        '-': () => session.slower(),
        Home: () => session.seek(0),
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session]);
}
