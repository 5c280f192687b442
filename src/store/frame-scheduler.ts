/**
 * Where frames come from: the browser's requestAnimationFrame in the page,
 * a hand-cranked one in tests. The session never reads a clock directly.
 */
export interface FrameScheduler {
  request(callback: (wallMs: number) => void): number;
  cancel(handle: number): void;
  /** Wall-clock ms, only to measure how long a frame's work took. */
  now(): number;
}

export function browserFrames(): FrameScheduler {
  if (typeof requestAnimationFrame === 'function') {
    return {
      request: (cb) => requestAnimationFrame(cb),
      cancel: (h) => cancelAnimationFrame(h),
      now: () => performance.now(),
    };
  }
  return manualFrames();
}

/** Frames that only arrive when `tick` is called: for tests and headless use. */
export function manualFrames(): FrameScheduler & { tick(wallMs: number): void; pending(): boolean } {
  let next: ((wallMs: number) => void) | null = null;
  let handle = 0;
  let clock = 0;
  return {
    request(cb) {
      next = cb;
      return ++handle;
    },
    cancel() {
      next = null;
    },
    now: () => clock,
    tick(wallMs: number) {
      clock = wallMs;
      const cb = next;
      next = null;
      cb?.(wallMs);
    },
    pending: () => next !== null,
  };
}
