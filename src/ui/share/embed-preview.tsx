import { useEffect, useState } from 'react';

/** Wait this long after the last change before reloading the preview: each load boots a whole engine. */
const PREVIEW_DEBOUNCE_MS = 600;

/** Width of a typical docs page's text column: the preview shows the embed as a reader of such a page would. */
export const PREVIEW_WIDTH_PX = 640;

/** The embed page itself in a frame, at a docs-like width, following the author's choices (debounced). */
export function EmbedPreview({ url }: { url: string }) {
  const [shown, setShown] = useState(url);
  useEffect(() => {
    if (url === shown) return;
    const timer = setTimeout(() => setShown(url), PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [url, shown]);
  return (
    <figure className="embed-preview" style={{ maxWidth: PREVIEW_WIDTH_PX }}>
      <iframe src={shown} title="Preview of the embed" data-testid="share-embed-preview" />
      <figcaption className="share-note">
        Preview at up to {PREVIEW_WIDTH_PX} px wide, like a docs page’s column{url === shown ? '' : ' (updating…)'}.
      </figcaption>
    </figure>
  );
}
