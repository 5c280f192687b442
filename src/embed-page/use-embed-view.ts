import { useSyncExternalStore } from 'react';
import { useSession } from '../ui/session-context';
import { embedViewOf } from '../worker/embed-view';
import type { EmbedPlaybackView } from '../worker/embed-playback';

/** The embed's playback bounds (until, range, loop) at the latest frame, re-rendering when they change. */
export function useEmbedBounds(): EmbedPlaybackView | null {
  const watch = embedViewOf(useSession());
  return useSyncExternalStore(watch.subscribe, watch.get);
}
