import { describe, expect, it } from 'vitest';
import { boxesOverlap, type Box } from '../layout';
import { computeScaleLayout, type ScaleLayout } from './scale-layout';

function racks(count: number, perRack: number) {
  return Array.from({ length: count }, (_, i) => ({ id: `r${i + 1}`, nodeCount: perRack }));
}

function inside(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

function checkGeometry(layout: ScaleLayout, count: number): void {
  const viewport = { x: 0, y: 0, w: layout.width, h: layout.height };
  expect(layout.tiles).toHaveLength(count);
  const boxes: Box[] = [layout.cp, ...layout.tiles, ...(layout.open ? [layout.open] : [])];
  for (const b of boxes) expect(inside(b, viewport), JSON.stringify(b)).toBe(true);
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(boxesOverlap(boxes[i], boxes[j])).toBe(false);
  if (layout.open) for (const cell of layout.open.cells) expect(inside(cell, layout.open)).toBe(true);
}

describe('the aggregate view: one tile per rack', () => {
  it.each([
    [10, 10, 1000, 320],
    [40, 25, 1000, 320],
    [40, 25, 370, 580],
    [20, 50, 370, 580],
  ])('%i racks of %i nodes at %i×%i: every rack a tile inside the width, nothing overlapping', (count, per, w, h) => {
    checkGeometry(computeScaleLayout({ racks: racks(count, per), openRack: null, width: w, height: h }), count);
    checkGeometry(computeScaleLayout({ racks: racks(count, per), openRack: `r${count - 1}`, width: w, height: h }), count);
  });

  it('fits 40 racks into the desktop cluster panel (about 940 × 290) without scrolling', () => {
    const layout = computeScaleLayout({ racks: racks(40, 25), openRack: null, width: 940, height: 290 });
    expect(layout.height).toBe(290);
  });

  it('balances rows: 10 racks at 900 px in two rows of five, not nine and one', () => {
    const layout = computeScaleLayout({ racks: racks(10, 10), openRack: null, width: 900, height: 320 });
    expect(layout.cols).toBe(5);
  });

  it('opens a rack right under its own row, with a cell for each of its nodes', () => {
    const layout = computeScaleLayout({ racks: racks(40, 25), openRack: 'r7', width: 1000, height: 320 });
    const r7 = layout.tileById.get('r7')!;
    expect(layout.open!.cells).toHaveLength(25);
    expect(layout.open!.y).toBeGreaterThan(r7.y + r7.h);
    const below = layout.tiles.filter((t) => t.row === r7.row + 1);
    for (const t of below) expect(t.y).toBeGreaterThan(layout.open!.y + layout.open!.h);
  });
});
