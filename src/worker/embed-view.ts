import type { ConsoleClient } from './console-client';
import type { EmbedPlaybackRequest, EmbedPlaybackView } from './embed-playback';

/**
 * The embed page's side of its playback bounds (embed-playback.ts): set them, and read them as the latest frame
 * carries them (a stop at `until`, a loop restarting, bounds lifted by a load). Apart from ConsoleClient so the
 * console's start-up code carries none of it.
 */
export interface EmbedViewWatch {
  /** Sets (or with null lifts) `until`, `range` and `loop`; resolves to the bounds as frames will carry them. */
  set(request: EmbedPlaybackRequest | null): Promise<EmbedPlaybackView | null>;
  /** The bounds at the latest frame (null: none set, or another run was loaded since). */
  get(): EmbedPlaybackView | null;
  /** Calls `listener` whenever `get()` changes; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

const watches = new WeakMap<ConsoleClient, EmbedViewWatch>();

/** The one watch of a client's embed bounds (made on first use: before the bounds are set, so no frame is missed). */
export function embedViewOf(client: ConsoleClient): EmbedViewWatch {
  const known = watches.get(client);
  if (known) return known;
  let view: EmbedPlaybackView | null = null;
  let key = 'null';
  const listeners = new Set<() => void>();
  client.onFrame((frame) => {
    // Compared by value: every frame carries a fresh copy; listeners hear only of a change.
    const next = JSON.stringify(frame.embedPlayback ?? null);
    if (next === key) return;
    key = next;
    view = frame.embedPlayback ?? null;
    for (const listener of listeners) listener();
  });
  const watch: EmbedViewWatch = {
    set: (request) => client.call('embedPlayback', request),
    get: () => view,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  watches.set(client, watch);
  return watch;
}
