import { shardIdOf } from '../../scenarios/shard-ids';

/**
 * The pure geometry of the shard heat map: which shards are in view (a range), how big a cell is, which cell a
 * pointer is over, and where the keyboard cursor goes next. No DOM, so it is unit-tested (heatmap-layout.test.ts).
 */

/** Shards `start` (inclusive) to `end` (exclusive), in scenario order. */
export interface ShardRange {
  start: number;
  end: number;
}

export interface CellLayout {
  /** Side of one cell in CSS pixels (gap included). */
  cell: number;
  /** Shards per cell: 1 unless the range has more shards than the canvas has pixels. */
  perCell: number;
  columns: number;
  rows: number;
  width: number;
  height: number;
}

/** The smallest range the zoom goes to: big enough to place a shard among its neighbours, small enough for glyphs. */
export const MIN_WINDOW = 1000;
/** Cells never grow past this, however few shards are in view. */
export const MAX_CELL = 22;

/** Window sizes from the whole cluster down to MIN_WINDOW, each a tenth of the last (a power of ten below the total). */
export function zoomLevels(total: number): number[] {
  const levels = [total];
  let size = 10 ** Math.floor(Math.log10(Math.max(1, total - 1)));
  while (size >= MIN_WINDOW && size < total) {
    levels.push(size);
    size /= 10;
  }
  return levels;
}

/** The window of `size` shards that holds `anchor`, aligned to a multiple of `size` (s04001–s05000, not s04123–s05122). */
export function rangeAt(total: number, size: number, anchor: number): ShardRange {
  if (size >= total) return { start: 0, end: total };
  const start = Math.floor(clamp(anchor, 0, total - 1) / size) * size;
  return { start, end: Math.min(total, start + size) };
}

/** The next window of `size` shards before (−1) or after (+1), or the same range at either end. */
export function panRange(range: ShardRange, total: number, size: number, direction: -1 | 1): ShardRange {
  const anchor = range.start + direction * size;
  return anchor < 0 || anchor >= total ? range : rangeAt(total, size, anchor);
}

/** "s04001–s05000 of 100,000" — the ids a learner types into Find shard. */
export function rangeLabel(range: ShardRange, total: number): string {
  return `${shardIdOf(range.start, total)}–${shardIdOf(range.end - 1, total)} of ${total.toLocaleString('en')}`;
}

/**
 * Square cells as large as fit `count` shards in width × maxHeight (capped at MAX_CELL); below one pixel a cell
 * holds several shards and shows the worst of them.
 */
export function layoutCells(count: number, width: number, maxHeight: number): CellLayout {
  const w = Math.max(1, Math.floor(width));
  const h = Math.max(1, Math.floor(maxHeight));
  const n = Math.max(1, count);
  let cell = clamp(Math.floor(Math.sqrt((w * h) / n)), 1, MAX_CELL);
  // Whole cells per row and column lose a little to rounding: shrink until every shard has a cell of its own.
  while (cell > 1 && Math.floor(w / cell) * Math.floor(h / cell) < n) cell--;
  const columns = Math.max(1, Math.floor(w / cell));
  const perCell = Math.max(1, Math.ceil(n / (columns * Math.max(1, Math.floor(h / cell)))));
  const rows = Math.ceil(Math.ceil(n / perCell) / columns);
  return { cell, perCell, columns, rows, width: columns * cell, height: rows * cell };
}

/** The top-left corner of the cell that shows shard `index`, or null when it is outside the range. */
export function cellOrigin(layout: CellLayout, range: ShardRange, index: number): { x: number; y: number } | null {
  if (index < range.start || index >= range.end) return null;
  const slot = Math.floor((index - range.start) / layout.perCell);
  return { x: (slot % layout.columns) * layout.cell, y: Math.floor(slot / layout.columns) * layout.cell };
}

/** The shards a point (CSS pixels from the canvas's corner) falls on, or null off the cells. */
export function hitTest(layout: CellLayout, range: ShardRange, x: number, y: number): ShardRange | null {
  if (x < 0 || y < 0 || x >= layout.width || y >= layout.height) return null;
  const slot = Math.floor(y / layout.cell) * layout.columns + Math.floor(x / layout.cell);
  const start = range.start + slot * layout.perCell;
  if (start >= range.end) return null;
  return { start, end: Math.min(range.end, start + layout.perCell) };
}

/**
 * Where an arrow key (or Home/End) moves the cursor from shard `index`: ±1 shard sideways, ± a row of cells up and
 * down, to the range's ends with Home/End. The cursor may leave the range; the view then pans to it. Null for other keys.
 */
export function moveCursor(key: string, index: number, layout: CellLayout, range: ShardRange, total: number): number | null {
  const row = layout.columns * layout.perCell;
  const step: Record<string, number> = { ArrowRight: layout.perCell, ArrowLeft: -layout.perCell, ArrowDown: row, ArrowUp: -row };
  if (key === 'Home') return range.start;
  if (key === 'End') return range.end - 1;
  if (!(key in step)) return null;
  return clamp(index + step[key], 0, total - 1);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
