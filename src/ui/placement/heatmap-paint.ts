import { cellOrigin, type CellLayout, type ShardRange } from './heatmap-layout';
import { overlayIndex } from './shard-code-counts';
import type { GridOverlay } from './shard-grid';
import { STATE_GLYPH } from './placement-summary';
import { QUORUM_GLYPH, QUORUM_STATES } from './quorum-summary';
import { RECOVERY_GLYPH, RECOVERY_STATES } from './recovery-summary';
import { SHARD_REPLICA_STATES } from '../../engine/index';
import { DIVERGENT_GLYPH } from './divergence-summary';

/** The CSS colour variable of each overlay state (the grid's and the counts' swatches use the same ones). */
const COLOUR_VARS: Record<GridOverlay, readonly string[]> = {
  replicas: ['--shard-healthy', '--shard-under', '--shard-rehoming', '--shard-last-copy', '--shard-lost'],
  writes: ['--quorum-ok', '--shard-under', '--quorum-none', '--shard-rehoming', '--shard-lost'],
  recovery: ['--shard-healthy', '--shard-rehoming', '--quorum-none', '--shard-lost', '--shard-last-copy'],
};

/** The grid's glyph per overlay state, drawn in cells big enough to read one. */
export const OVERLAY_GLYPHS: Record<GridOverlay, readonly string[]> = {
  replicas: SHARD_REPLICA_STATES.map((s) => STATE_GLYPH[s]),
  writes: QUORUM_STATES.map((s) => QUORUM_GLYPH[s]),
  recovery: RECOVERY_STATES.map((s) => RECOVERY_GLYPH[s]),
};

/**
 * What a recovery-overlay cell shows when its shards have nothing recovering but a replica holds stale keys (truth,
 * leaderless runs): the grid's ≠ on the under-replicated colour. It comes after the five overlay states in a
 * palette, and ranks just above "none": any recovering, catching-up, corrupt or inconsistent shard in a cell wins.
 */
export const DIVERGENT_STATE = 5;
const DIVERGENT_COLOUR_VAR = '--shard-under';

/** Cells at least this wide show the grid's glyph; from PATTERN_MIN_CELL they show a shape per state instead. */
export const GLYPH_MIN_CELL = 11;
export const PATTERN_MIN_CELL = 5;

export interface HeatmapPalette {
  fills: string[];
  rgb: [number, number, number][];
  /** Lines and glyphs drawn over a coloured cell. */
  ink: string;
  selected: string;
  cursor: string;
}

export function readPalette(element: Element, overlay: GridOverlay): HeatmapPalette {
  const style = getComputedStyle(element);
  const panel = toRgb(style.getPropertyValue('--panel').trim());
  const rgb = [...COLOUR_VARS[overlay], DIVERGENT_COLOUR_VAR].map((name) => toRgb(style.getPropertyValue(name).trim() || '#888888'));
  // The first state (healthy, takes writes, nothing recovering) half-faded into the panel: among thousands of
  // fine shards the few in trouble must stand out.
  rgb[0] = rgb[0].map((c, i) => Math.round((c + panel[i]) / 2)) as [number, number, number];
  const dark = isDark(style.getPropertyValue('--panel').trim());
  return {
    fills: rgb.map(([r, g, b]) => `rgb(${r}, ${g}, ${b})`),
    rgb,
    ink: dark ? '#10161d' : '#ffffff',
    selected: style.getPropertyValue('--fg').trim() || '#000000',
    cursor: style.getPropertyValue('--focus').trim() || '#1d6fd6',
  };
}

/** The state a cell shows: its shard's, or the worst (highest) of its shards' when it holds several. */
export function cellState(codes: Uint8Array, overlay: GridOverlay, start: number, end: number): number {
  let worst = 0;
  for (let i = start; i < end; i++) {
    const state = overlayIndex(overlay, codes[i]);
    if (state > worst) worst = state;
  }
  return worst;
}

/**
 * What a cell draws: `cellState`, except that a recovery-overlay cell at "none" holding a divergent shard (`divergent`
 * is 1 at such a shard's index; null when none diverges) draws DIVERGENT_STATE.
 */
export function cellShown(codes: Uint8Array, divergent: Uint8Array | null, overlay: GridOverlay, start: number, end: number): number {
  const state = cellState(codes, overlay, start, end);
  if (state !== 0 || divergent === null || overlay !== 'recovery') return state;
  for (let i = start; i < end; i++) if (divergent[i] === 1) return DIVERGENT_STATE;
  return 0;
}

/** A mask over every shard, 1 where some replica holds stale keys; null when no shard does. */
export function divergentMask(total: number, divergentShards: Uint32Array): Uint8Array | null {
  if (divergentShards.length === 0) return null;
  const mask = new Uint8Array(total);
  for (const shard of divergentShards) if (shard < total) mask[shard] = 1;
  return mask;
}

export interface PaintInput {
  layout: CellLayout;
  range: ShardRange;
  codes: Uint8Array;
  /** divergentMask() of the view state's `divergentShards`. */
  divergent: Uint8Array | null;
  overlay: GridOverlay;
  palette: HeatmapPalette;
  dpr: number;
  selected: number | null;
  /** The keyboard cursor, drawn only while the map has focus. */
  cursor: number | null;
}

/** Paints the whole map: one pixel write per device pixel when cells are tiny, else a rectangle (and shape) per cell. */
export function paintHeatmap(ctx: CanvasRenderingContext2D, input: PaintInput): void {
  const { layout, dpr } = input;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  if (layout.cell * dpr <= 3) paintPixels(ctx, input);
  else {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    paintCells(ctx, input);
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  if (input.selected !== null) ring(ctx, input, input.selected, input.palette.selected, []);
  if (input.cursor !== null) ring(ctx, input, input.cursor, input.palette.cursor, [3, 2]);
}

function paintPixels(ctx: CanvasRenderingContext2D, { layout, range, codes, divergent, overlay, palette, dpr }: PaintInput): void {
  const side = Math.max(1, Math.round(layout.cell * dpr));
  const width = layout.columns * side;
  const height = layout.rows * side;
  if (width === 0 || height === 0) return;
  const image = ctx.createImageData(width, height);
  const data = new Uint32Array(image.data.buffer);
  const packed = palette.rgb.map(([r, g, b]) => pack(r, g, b));
  let slot = 0;
  for (let start = range.start; start < range.end; start += layout.perCell, slot++) {
    const colour = packed[cellShown(codes, divergent, overlay, start, Math.min(range.end, start + layout.perCell))];
    const x0 = (slot % layout.columns) * side;
    const y0 = Math.floor(slot / layout.columns) * side;
    for (let y = 0; y < side; y++) data.fill(colour, (y0 + y) * width + x0, (y0 + y) * width + x0 + side);
  }
  ctx.putImageData(image, 0, 0);
  // A shard in trouble drawn as one pixel among thousands is easy to miss: draw it as a 3 px square over its neighbours.
  const mark = 3;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  slot = 0;
  for (let start = range.start; start < range.end; start += layout.perCell, slot++) {
    const state = cellShown(codes, divergent, overlay, start, Math.min(range.end, start + layout.perCell));
    if (state === 0) continue;
    ctx.fillStyle = palette.fills[state];
    const x = ((slot % layout.columns) * side) / dpr;
    const y = (Math.floor(slot / layout.columns) * side) / dpr;
    ctx.fillRect(x + layout.cell / 2 - mark / 2, y + layout.cell / 2 - mark / 2, mark, mark);
  }
}

function paintCells(ctx: CanvasRenderingContext2D, { layout, range, codes, divergent, overlay, palette }: PaintInput): void {
  const { cell } = layout;
  const gap = cell >= 6 ? 1 : 0;
  const size = cell - gap;
  const glyphs = OVERLAY_GLYPHS[overlay];
  ctx.font = `700 ${Math.round(size * 0.72)}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  let slot = 0;
  for (let start = range.start; start < range.end; start += layout.perCell, slot++) {
    const state = cellShown(codes, divergent, overlay, start, Math.min(range.end, start + layout.perCell));
    const x = (slot % layout.columns) * cell;
    const y = Math.floor(slot / layout.columns) * cell;
    ctx.fillStyle = palette.fills[state];
    ctx.fillRect(x, y, size, size);
    if (state === 0) continue;
    if (cell >= GLYPH_MIN_CELL) {
      ctx.fillStyle = palette.ink;
      ctx.fillText(state === DIVERGENT_STATE ? DIVERGENT_GLYPH : glyphs[state], x + size / 2, y + size / 2 + 0.5);
    } else if (cell >= PATTERN_MIN_CELL) drawShape(ctx, state, x, y, size, palette.ink);
  }
}

/**
 * A shape per state for cells too small for a glyph, so colour is never the only signal: 1 a diagonal, 2 a hollow
 * centre, 3 a dot, 4 a cross, DIVERGENT_STATE a drawn ≠ (two bars and a slash). The legend draws the same shapes.
 */
export function drawShape(ctx: CanvasRenderingContext2D, state: number, x: number, y: number, size: number, ink: string): void {
  ctx.strokeStyle = ink;
  ctx.fillStyle = ink;
  ctx.lineWidth = Math.max(1, size / 6);
  const inset = size / 4;
  ctx.beginPath();
  if (state === 1) {
    ctx.moveTo(x, y + size);
    ctx.lineTo(x + size, y);
    ctx.stroke();
  } else if (state === 2) {
    ctx.fillRect(x + inset, y + inset, size - 2 * inset, size - 2 * inset);
  } else if (state === 3) {
    ctx.arc(x + size / 2, y + size / 2, size / 5, 0, Math.PI * 2);
    ctx.fill();
  } else if (state === DIVERGENT_STATE) {
    ctx.moveTo(x + inset / 2, y + size * 0.35);
    ctx.lineTo(x + size - inset / 2, y + size * 0.35);
    ctx.moveTo(x + inset / 2, y + size * 0.65);
    ctx.lineTo(x + size - inset / 2, y + size * 0.65);
    ctx.moveTo(x + size * 0.35, y + size - inset / 2);
    ctx.lineTo(x + size * 0.65, y + inset / 2);
    ctx.stroke();
  } else if (state === 4) {
    ctx.moveTo(x + inset / 2, y + inset / 2);
    ctx.lineTo(x + size - inset / 2, y + size - inset / 2);
    ctx.moveTo(x + size - inset / 2, y + inset / 2);
    ctx.lineTo(x + inset / 2, y + size - inset / 2);
    ctx.stroke();
  }
}

/** An outline around a shard's cell, at least 9 px across so it shows around a one-pixel cell. */
function ring(ctx: CanvasRenderingContext2D, { layout, range }: PaintInput, index: number, colour: string, dash: number[]): void {
  const origin = cellOrigin(layout, range, index);
  if (!origin) return;
  const size = Math.max(9, layout.cell + 4);
  // Kept inside the canvas, so a shard on the edge still shows its whole outline.
  const x = Math.min(Math.max(1, origin.x + layout.cell / 2 - size / 2), layout.width - size - 1);
  const y = Math.min(Math.max(1, origin.y + layout.cell / 2 - size / 2), layout.height - size - 1);
  ctx.setLineDash(dash);
  ctx.lineWidth = 2;
  ctx.strokeStyle = colour;
  ctx.strokeRect(x, y, size, size);
  ctx.setLineDash([]);
}

function pack(r: number, g: number, b: number): number {
  // ImageData is RGBA in memory; on little-endian machines (every browser target) that is ABGR as a Uint32.
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

function toRgb(colour: string): [number, number, number] {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1];
    return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
  }
  const rgb = /rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(colour);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : [136, 136, 136];
}

function isDark(colour: string): boolean {
  const [r, g, b] = toRgb(colour);
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
}
