import { useSyncExternalStore } from 'react';
import type { EmbedPlaybackView } from '../worker/embed-playback';
import { useSession } from '../ui/session-context';

/** The embed's playback bounds (until, range, loop) at the latest frame, re-rendering when they change. */
export function useEmbedBounds(): EmbedPlaybackView | null {
  const client = useSession();
  return useSyncExternalStore(
    (listener) => client.onEmbedView(listener),
    () => client.embedView,
  );
}
