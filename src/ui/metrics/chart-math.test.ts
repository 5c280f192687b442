import { describe, expect, it } from 'vitest';
import { areaPath, linearScale, linePath, niceBinaryMax, niceMax, stackSeries, ticks } from './chart-math';

describe('chart math', () => {
  it('maps a domain onto a range, including an inverted y range', () => {
    const y = linearScale([0, 200], [100, 0]);
    expect(y(0)).toBe(100);
    expect(y(200)).toBe(0);
    expect(y(50)).toBe(75);
  });

  it('rounds the axis top up to a round value', () => {
    expect(niceMax(200)).toBe(200);
    expect(niceMax(187)).toBe(200);
    expect(niceMax(9.6 * 2 ** 30)).toBeGreaterThanOrEqual(9.6 * 2 ** 30);
    expect(niceMax(0)).toBe(1);
    expect(niceMax(12.5)).toBe(14);
    expect(niceMax(381)).toBe(400);
    expect(niceMax(3)).toBe(3);
  });

  it('rounds a byte axis on binary units, close above the peak', () => {
    const GiB = 2 ** 30;
    const MiB = 2 ** 20;
    expect(niceBinaryMax(12.5 * GiB)).toBe(14 * GiB);
    expect(niceBinaryMax(381 * MiB)).toBe(400 * MiB);
    expect(niceBinaryMax(1010 * MiB)).toBe(GiB);
    expect(niceBinaryMax(0)).toBe(1);
  });

  it('puts time ticks on round values', () => {
    expect(ticks(60_000, 3)).toEqual([0, 20_000, 40_000, 60_000]);
    expect(ticks(70_000, 4)).toEqual([0, 20_000, 40_000, 60_000]);
  });

  it('draws lines and closed bands', () => {
    expect(linePath([0, 10], [5, 6])).toBe('M0,5L10,6');
    expect(areaPath([0, 10], [9, 9], [5, 6])).toBe('M0,5L10,6L10,9L0,9Z');
  });

  it('stacks bands on top of each other', () => {
    expect(stackSeries([
      [1, 2],
      [3, 4],
    ])).toEqual([
      { bottoms: [0, 0], tops: [1, 2] },
      { bottoms: [1, 2], tops: [4, 6] },
    ]);
  });
});
