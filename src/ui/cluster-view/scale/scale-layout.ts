/**
 * Where everything goes in the aggregate (rack-level) cluster view. Pure: the
 * same racks, open rack and size always give the same picture, and a test
 * checks that every rack tile fits the width and nothing overlaps.
 *
 * Top to bottom: cp (a summary box), the rack tiles in a grid of balanced
 * rows, and, when a rack is open, its nodes in a panel inserted right under
 * that rack's row (the zoom happens in place, next to the rack).
 */
import type { Box } from '../layout';

export interface ScaleLayoutInput {
  racks: readonly { id: string; nodeCount: number }[];
  openRack: string | null;
  width: number;
  height: number;
  /** A 3-member control plane: cp's box is taller, for its member chips. */
  cpGroup?: boolean;
}

export interface TileBox extends Box {
  id: string;
  row: number;
  col: number;
}

export interface OpenPanel extends Box {
  rack: string;
  /** Node cells, in the rack's node order, relative to the stage. */
  cells: Box[];
  /** Where the cells start (below the panel's heading). */
  cellsTop: number;
}

export interface ScaleLayout {
  width: number;
  height: number;
  cp: Box;
  tiles: TileBox[];
  tileById: Map<string, TileBox>;
  cols: number;
  open: OpenPanel | null;
}

export const TILE_MIN_W = 84;
export const TILE_MAX_W = 190;
export const TILE_H = 52;
/** Tiles grow up to this tall when the panel has the room: bigger words, same picture. */
export const TILE_MAX_H = 76;
const GAP = 6;
const MARGIN = 6;
const CP_H = 36;
/** With a 3-member control plane the box holds a second line: one chip per member. */
const CP_GROUP_H = 66;
/** On a narrow box (a phone) the summary wraps to two lines and the chips to one per line. */
const CP_GROUP_NARROW_W = 480;
const CP_GROUP_NARROW_H = 124;
const CP_GAP = 10;
const CELL_W = 92;
const CELL_H = 44;
const CELL_GAP = 6;
const PANEL_PAD = 8;
const PANEL_HEAD = 26;
/** Room under the cells for the open rack's copy flows in words. */
const PANEL_FOOT = 40;

export function computeScaleLayout(input: ScaleLayoutInput): ScaleLayout {
  const width = Math.max(1, Math.floor(input.width));
  const inner = Math.max(1, width - 2 * MARGIN);
  const count = input.racks.length;
  const maxCols = Math.max(1, Math.min(count, Math.floor((inner + GAP) / (TILE_MIN_W + GAP))));
  // Balanced rows: 10 racks in two rows of 5 rather than 9 and 1.
  const rows = Math.max(1, Math.ceil(count / maxCols));
  const cols = Math.max(1, Math.ceil(count / rows));
  const tileW = Math.max(40, Math.min(TILE_MAX_W, Math.floor((inner - (cols - 1) * GAP) / cols)));
  const gridW = cols * tileW + (cols - 1) * GAP;
  const left = Math.round((width - gridW) / 2);

  const cpW = Math.min(inner, 560);
  const cpH = !input.cpGroup ? CP_H : cpW < CP_GROUP_NARROW_W ? CP_GROUP_NARROW_H : CP_GROUP_H;
  const cp: Box = { x: Math.round((width - cpW) / 2), y: MARGIN, w: cpW, h: cpH };
  let y = MARGIN + cpH + CP_GAP;
  const spareH = Math.floor(input.height) - y - MARGIN - (rows - 1) * GAP;
  const tileH = Math.max(TILE_H, Math.min(TILE_MAX_H, Math.floor(spareH / rows)));

  const tiles: TileBox[] = [];
  let open: OpenPanel | null = null;
  const openIndex = input.openRack === null ? -1 : input.racks.findIndex((r) => r.id === input.openRack);
  const openRow = openIndex < 0 ? -1 : Math.floor(openIndex / cols);
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const i = row * cols + col;
      if (i >= count) break;
      tiles.push({ id: input.racks[i].id, row, col, x: left + col * (tileW + GAP), y, w: tileW, h: tileH });
    }
    y += tileH + GAP;
    if (row === openRow) {
      open = openPanel(input.racks[openIndex].id, input.racks[openIndex].nodeCount, left, y, gridW);
      y += open.h + GAP;
    }
  }
  const contentH = y - GAP + MARGIN;
  return {
    width,
    height: Math.max(Math.floor(input.height), Math.ceil(contentH)),
    cp,
    tiles,
    tileById: new Map(tiles.map((t) => [t.id, t])),
    cols,
    open,
  };
}

function openPanel(rack: string, nodeCount: number, x: number, y: number, w: number): OpenPanel {
  const innerW = w - 2 * PANEL_PAD;
  const perRow = Math.max(1, Math.floor((innerW + CELL_GAP) / (CELL_W + CELL_GAP)));
  const cellW = Math.floor((innerW - (perRow - 1) * CELL_GAP) / perRow);
  const rows = Math.max(1, Math.ceil(nodeCount / perRow));
  const cellsTop = y + PANEL_HEAD;
  const cells: Box[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const r = Math.floor(i / perRow);
    const c = i % perRow;
    cells.push({ x: x + PANEL_PAD + c * (cellW + CELL_GAP), y: cellsTop + r * (CELL_H + CELL_GAP), w: cellW, h: CELL_H });
  }
  const h = PANEL_HEAD + rows * CELL_H + (rows - 1) * CELL_GAP + PANEL_FOOT;
  return { rack, x, y, w, h, cells, cellsTop };
}
