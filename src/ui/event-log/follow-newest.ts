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
 * and starts again when they scroll back within `slackPx` of it. Two scrolls
 * are not the reader's: the box's own scroll to the bottom (entries may
 * arrive between it and its event), and the browser's scroll anchoring
 * moving the view while new entries await their report (old entries leave
 * the top of a full log). Neither may stop following. Neither may they hide
 * the reader's own way back: entries that land between the reader's scroll to
 * the bottom and its event leave it short of the bottom by their height, so
 * while entries are landing, a scroll *down* to within a screen of the bottom
 * counts as coming back (anchoring here only ever moves the view up).
 */
export interface FollowNewest {
  /** The list changed: scroll to its newest item after the next layout (when following). */
  watch(): void;
  /** The reader went somewhere else (picked an entry): stop following until they scroll back down. */
  stop(): void;
  dispose(): void;
}

/** Longest a change waits for its report (a frame, or a few on a busy machine) before scrolls count again. */
const CHANGE_SETTLES_MS = 500;

export function followNewest(box: HTMLElement, slackPx: number): FollowNewest {
  let following = true;
  /** Where the box itself last scrolled to; a scroll event there is its own, not the reader's. */
  let pinnedTop = -1;
  /** When the list last changed, until its report: a scroll meanwhile may be the browser's anchoring, not the reader. */
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
      following = true;
      return;
    }
    const landing = changedAt !== null && performance.now() - changedAt < CHANGE_SETTLES_MS;
    if (!landing) following = false;
    else if (movedDown && fromBottomPx < slackPx + box.clientHeight) following = true;
  };
  box.addEventListener('scroll', onScroll, { passive: true });
  const observer =
    typeof ResizeObserver === 'function'
      ? new ResizeObserver(() => {
          changedAt = null;
          if (!following) return;
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
      following = false;
    },
    dispose() {
      observer?.disconnect();
      box.removeEventListener('scroll', onScroll);
    },
  };
}
