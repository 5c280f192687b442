/** The playback speeds the +/− buttons step through (simulated ms per wall ms). Pure data: the page's bar reads it. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16, 32] as const;

/** The next speed up from `speed` (the fastest stays). */
export function fasterThan(speed: number): number {
  return SPEEDS.find((s) => s > speed) ?? SPEEDS[SPEEDS.length - 1];
}

/** The next speed down from `speed` (the slowest stays). */
export function slowerThan(speed: number): number {
  return [...SPEEDS].reverse().find((s) => s < speed) ?? SPEEDS[0];
}
