import { linearScale, tickStep, ticks as roundTicks } from './chart-math';

/**
 * The time axis of the metric charts. A learner reads these charts for the
 * story: failure, detection, rebuild, recovery. After the story only
 * heartbeats (and steady client writes) go on, possibly for minutes if the
 * run is advanced or scrubbed far ahead; a plain 0…now axis would squash the
 * story into a sliver at the left. So the axis is fitted to the story:
 *
 * - it spans 0 to a little after the story's end, on a round value
 *   (`fitTimeAxis`), and only grows, so stepping back does not rescale it;
 * - while now is inside that span, or only a little past it, time is linear;
 * - further past it, the story keeps STORY_SHARE of the width and the idle
 *   tail up to now is compressed into the rest, after a visible break, with
 *   now's time written at the right end. Nothing in the tail is hidden, and
 *   the cursor stays at "now".
 */
export interface TimeAxis {
  /** The end of the fitted (linear) part of the axis: a round value a little after the story ended. */
  storyEndMs: number;
  nowMs: number;
}

/** The shortest axis: before anything happens, 20 s gives the first events room. */
const MIN_SPAN_MS = 20_000;
/** Room after the story's last significant moment: its aftermath stays readable, not on the edge. */
const MARGIN_SHARE = 0.15;
const MIN_MARGIN_MS = 5000;
/** Past the story, this much of the width stays the story's; the idle tail gets the rest. */
export const STORY_SHARE = 0.8;

/** The axis for a story that ended (so far) at `storyEndMs`, seen at `nowMs`. */
export function fitTimeAxis(storyEndMs: number, nowMs: number): TimeAxis {
  const wanted = Math.max(MIN_SPAN_MS, storyEndMs + Math.max(MIN_MARGIN_MS, storyEndMs * MARGIN_SHARE));
  const step = tickStep(wanted, 8);
  return { storyEndMs: Math.ceil(wanted / step - 1e-9) * step, nowMs };
}

export interface TimeScale {
  (timeMs: number): number;
  /** Round times to label on the axis. */
  ticks: number[];
  /** Where the idle tail starts (px), when it is compressed; null while time is linear. */
  breakAt: number | null;
}

/** Maps simulated time to x over `range`, with about `tickCount` labelled ticks. */
export function timeScale(axis: TimeAxis, range: readonly [number, number], tickCount: number): TimeScale {
  const [r0, r1] = range;
  const { storyEndMs, nowMs } = axis;
  if (nowMs <= storyEndMs || storyEndMs / nowMs >= STORY_SHARE) {
    const end = Math.max(storyEndMs, nowMs);
    const linear = linearScale([0, end], [r0, r1]);
    const scale = ((t: number) => linear(t)) as TimeScale;
    scale.ticks = roundTicks(end, tickCount);
    scale.breakAt = null;
    return scale;
  }
  const split = r0 + (r1 - r0) * STORY_SHARE;
  const story = linearScale([0, storyEndMs], [r0, split]);
  const tail = linearScale([storyEndMs, nowMs], [split, r1]);
  const scale = ((t: number) => (t <= storyEndMs ? story(t) : tail(t))) as TimeScale;
  scale.ticks = roundTicks(storyEndMs, Math.max(2, Math.ceil(tickCount * STORY_SHARE)));
  scale.breakAt = split;
  return scale;
}
