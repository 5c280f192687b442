/**
 * Keeps a scroll box pinned to its newest (last) item while the reader is
 * following, without forcing a layout. Reading `scrollHeight` right after
 * React commits new entries makes the browser lay the page out then and
 * there, mid-task, and again at the frame; instead the last item is handed
 * to a ResizeObserver, whose first report comes after the frame's own layout,
 * where reading sizes and setting `scrollTop` costs nothing extra and the
 * scroll still lands before the frame is painted.
 *
 * Following ends when the reader scrolls away from the bottom (or `stop()`),
 * and starts again when they scroll back within `slackPx` of it. The box's
 * own scroll to the bottom is not the reader's (entries may arrive between it
 * and its event). The box must not use scroll anchoring (`overflow-anchor:
 * none`): the browser's own moves as old entries leave the top would look
 * like the reader's. Entries that land between the reader's scroll back to
 * the bottom and that scroll's event leave it short of the bottom by their
 * height, so while entries are landing, a scroll *down* to within a screen
 * of the bottom counts as coming back.
 */
export interface FollowNewest {
  /** The list changed: scroll to its newest item after the next layout (when following). */
  watch(): void;
  /** The reader went somewhere else (picked an entry): stop following until they scroll back down. */
  stop(): void;
  dispose(): void;
}

/** Longest a change waits for its report (a frame, or a few on a busy machine): meanwhile a scroll down may be coming back. */
const CHANGE_SETTLES_MS = 500;

/**
 * `onFollowing` hears each change between following and reading (the log holds the entries being read meanwhile).
 */
export function followNewest(box: HTMLElement, slackPx: number, onFollowing?: (following: boolean) => void): FollowNewest {
  let followingNow = true;
  const setFollowing = (next: boolean) => {
    if (next === followingNow) return;
    followingNow = next;
    onFollowing?.(next);
  };
  /** Where the box itself last scrolled to; a scroll event there is its own, not the reader's. */
  let pinnedTop = -1;
  /** When the list last changed, until its report: entries are landing below the reader meanwhile. */
  let changedAt: number | null = null;
  /** Where the view was at the last scroll, the box's own or another: a scroll below it moved down. */
  let lastTop = box.scrollTop;
  const onScroll = () => {
    const top = box.scrollTop;
    if (top === pinnedTop) return;
    const movedDown = top > lastTop;
    lastTop = top;
    pinnedTop = -1;
    const fromBottomPx = box.scrollHeight - top - box.clientHeight;
    if (fromBottomPx < slackPx) {
      setFollowing(true);
      return;
    }
    const landing = changedAt !== null && performance.now() - changedAt < CHANGE_SETTLES_MS;
    setFollowing(landing && movedDown && fromBottomPx < slackPx + box.clientHeight);
  };
  box.addEventListener('scroll', onScroll, { passive: true });
  const observer =
    typeof ResizeObserver === 'function'
      ? new ResizeObserver(() => {
          changedAt = null;
          if (!followingNow) return;
          box.scrollTop = box.scrollHeight;
          pinnedTop = lastTop = box.scrollTop;
        })
      : null;
  return {
    watch() {
      if (!observer) return;
      // Observing an element reports it once after the next layout, even when it was observed before.
      observer.disconnect();
      const last = box.lastElementChild;
      if (!last) return;
      changedAt = performance.now();
      observer.observe(last);
    },
    stop() {
      setFollowing(false);
    },
    dispose() {
      observer?.disconnect();
      box.removeEventListener('scroll', onScroll);
    },
  };
}
