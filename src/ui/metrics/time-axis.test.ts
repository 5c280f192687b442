// Goal: the charts' time axis fits the story. Once only heartbeats are left, the story keeps most of the
// width however long the run idles; the idle tail is compressed at the right end, marked as a break.
import { describe, expect, it } from 'vitest';
import { fitTimeAxis, timeScale } from './time-axis';

describe('chart time axis', () => {
  it('ends a little after the story, on a round value', () => {
    expect(fitTimeAxis(55_776, 20_000)).toEqual({ storyEndMs: 70_000, nowMs: 20_000 });
    expect(fitTimeAxis(0, 0).storyEndMs).toBe(20_000);
  });

  it('maps linearly while now is within the story span', () => {
    const x = timeScale(fitTimeAxis(55_776, 30_000), [0, 100], 4);
    expect(x(0)).toBe(0);
    expect(x(70_000)).toBe(100);
    expect(x.breakAt).toBeNull();
    expect(x.ticks).toEqual([0, 20_000, 40_000, 60_000]);
  });

  it('keeps the story on most of the width after minutes of idle, with the tail compressed after a break', () => {
    const axis = fitTimeAxis(55_776, 527_000);
    const x = timeScale(axis, [0, 100], 4);
    expect(x(55_776)).toBeGreaterThan(60);
    expect(x(527_000)).toBe(100);
    expect(x.breakAt).not.toBeNull();
    expect(x.ticks.every((t) => t <= 70_000)).toBe(true);
  });

  it('grows smoothly just past the story instead of jumping to the compressed form', () => {
    const x = timeScale(fitTimeAxis(55_776, 75_000), [0, 100], 4);
    expect(x(75_000)).toBe(100);
    expect(x.breakAt).toBeNull();
  });
});
