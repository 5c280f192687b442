// Goal: the heat map shows every shard in view exactly once, a pointer lands on the shard drawn under it, the range
// readout names the ids a learner can type, and arrow keys walk the cells the way they are drawn.
import { describe, expect, it } from 'vitest';
import { cellOrigin, hitTest, layoutCells, moveCursor, panRange, rangeAt, rangeLabel, zoomLevels } from './heatmap-layout';

describe('zoom levels and ranges', () => {
  it('zooms by tenths from the whole cluster down to a thousand shards', () => {
    expect(zoomLevels(100_000)).toEqual([100_000, 10_000, 1_000]);
    expect(zoomLevels(10_000)).toEqual([10_000, 1_000]);
    expect(zoomLevels(30_000)).toEqual([30_000, 10_000, 1_000]);
    expect(zoomLevels(2_500)).toEqual([2_500, 1_000]);
    expect(zoomLevels(900)).toEqual([900]);
  });

  it('aligns a window to its size, so the readout reads s04001–s05000', () => {
    expect(rangeAt(100_000, 1_000, 4_123)).toEqual({ start: 4_000, end: 5_000 });
    expect(rangeLabel({ start: 4_000, end: 5_000 }, 10_000)).toBe('s04001–s05000 of 10,000');
    expect(rangeLabel({ start: 0, end: 100_000 }, 100_000)).toBe('s000001–s100000 of 100,000');
    expect(rangeAt(2_500, 1_000, 2_400)).toEqual({ start: 2_000, end: 2_500 });
    expect(rangeAt(10_000, 10_000, 9_999)).toEqual({ start: 0, end: 10_000 });
  });

  it('pans by a window and stops at either end', () => {
    expect(panRange({ start: 4_000, end: 5_000 }, 10_000, 1_000, 1)).toEqual({ start: 5_000, end: 6_000 });
    expect(panRange({ start: 0, end: 1_000 }, 10_000, 1_000, -1)).toEqual({ start: 0, end: 1_000 });
    expect(panRange({ start: 9_000, end: 10_000 }, 10_000, 1_000, 1)).toEqual({ start: 9_000, end: 10_000 });
    expect(panRange({ start: 2_000, end: 2_500 }, 2_500, 1_000, -1)).toEqual({ start: 1_000, end: 2_000 });
  });
});

describe('cell layout', () => {
  it('gives every shard in view its own cell when the canvas has room, within the height', () => {
    for (const [count, width, height] of [
      [1_000, 1000, 300],
      [10_000, 1000, 300],
      [100_000, 1000, 320],
      [1_000, 350, 300],
      [2_001, 1200, 320],
    ]) {
      const layout = layoutCells(count, width, height);
      expect(layout.perCell, `${count} in ${width}×${height}`).toBe(1);
      expect(layout.columns * layout.rows).toBeGreaterThanOrEqual(count);
      expect(layout.width).toBeLessThanOrEqual(width);
      expect(layout.height).toBeLessThanOrEqual(height);
    }
    expect(layoutCells(1_000, 1000, 300).cell).toBeGreaterThanOrEqual(15);
  });

  it('puts several shards in a cell only when there are more shards than pixels', () => {
    const layout = layoutCells(100_000, 350, 240);
    expect(layout.cell).toBe(1);
    expect(layout.perCell).toBe(2);
    expect(Math.ceil(100_000 / layout.perCell)).toBeLessThanOrEqual(layout.columns * layout.rows);
  });
});

describe('hit-testing and the keyboard cursor', () => {
  const range = { start: 4_000, end: 5_000 };
  const layout = layoutCells(1_000, 1000, 300);

  it('finds the shard drawn under the pointer, for every shard in view', () => {
    for (let i = range.start; i < range.end; i++) {
      const origin = cellOrigin(layout, range, i)!;
      expect(hitTest(layout, range, origin.x + layout.cell / 2, origin.y + layout.cell / 2)).toEqual({ start: i, end: i + 1 });
    }
    expect(cellOrigin(layout, range, 3_999)).toBeNull();
    expect(hitTest(layout, range, -1, 4)).toBeNull();
    expect(hitTest(layout, range, layout.width + 1, 4)).toBeNull();
    // Past the last shard on the last row.
    expect(hitTest(layout, range, layout.width - 1, layout.height - 1)).toBeNull();
  });

  it('hits a cell of several shards as their range', () => {
    const wide = layoutCells(100_000, 350, 240);
    const all = { start: 0, end: 100_000 };
    expect(hitTest(wide, all, 0, 0)).toEqual({ start: 0, end: 2 });
    expect(hitTest(wide, all, 1, 1)).toEqual({ start: 2 * (wide.columns + 1), end: 2 * (wide.columns + 1) + 2 });
  });

  it('moves one shard sideways, one row of cells up and down, and to the ends with Home and End', () => {
    expect(moveCursor('ArrowRight', 4_010, layout, range, 10_000)).toBe(4_011);
    expect(moveCursor('ArrowLeft', 4_010, layout, range, 10_000)).toBe(4_009);
    expect(moveCursor('ArrowDown', 4_010, layout, range, 10_000)).toBe(4_010 + layout.columns);
    expect(moveCursor('ArrowUp', 4_010, layout, range, 10_000)).toBe(4_010 - layout.columns);
    expect(moveCursor('Home', 4_010, layout, range, 10_000)).toBe(4_000);
    expect(moveCursor('End', 4_010, layout, range, 10_000)).toBe(4_999);
    expect(moveCursor('ArrowLeft', 0, layout, { start: 0, end: 1_000 }, 10_000)).toBe(0);
    expect(moveCursor('ArrowRight', 9_999, layout, range, 10_000)).toBe(9_999);
    expect(moveCursor('a', 4_010, layout, range, 10_000)).toBeNull();
  });
});
