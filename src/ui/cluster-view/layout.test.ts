import { describe, expect, it } from 'vitest';
import {
  boxesOverlap,
  clusterViewKind,
  computeLayout,
  copyCurve,
  cpLinkMidpoint,
  curvePoint,
  layoutKey,
  pairCurve,
  type Box,
  type ClusterLayout,
  type LayoutInput,
} from './layout';

/** Nodes dealt over racks in turn, as the scenario parser does: n1→r1, n2→r2, … */
function cluster(nodes: number, racks: number, width: number, height: number): LayoutInput {
  const rackIds = Array.from({ length: racks }, (_, i) => `r${i + 1}`);
  return {
    nodes: Array.from({ length: nodes }, (_, i) => ({ id: `n${i + 1}`, rack: rackIds[i % racks] })),
    racks: rackIds,
    width,
    height,
  };
}

function inside(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

function checkGeometry(layout: ClusterLayout, input: LayoutInput): void {
  const viewport: Box = { x: 0, y: 0, w: layout.width, h: layout.height };
  expect(layout.nodes).toHaveLength(input.nodes.length);
  expect(layout.nodes.map((n) => n.id)).toEqual(input.nodes.map((n) => n.id));

  // No two node boxes overlap (and they keep a small gap).
  for (let i = 0; i < layout.nodes.length; i++) {
    for (let j = i + 1; j < layout.nodes.length; j++) {
      expect(boxesOverlap(layout.nodes[i], layout.nodes[j], 2), `${layout.nodes[i].id} overlaps ${layout.nodes[j].id}`).toBe(false);
    }
  }
  // Every node sits inside its own rack, below the rack's label.
  const racks = new Map(layout.racks.map((r) => [r.id, r]));
  for (const node of layout.nodes) {
    const rack = racks.get(node.rack)!;
    expect(inside(node, rack), `${node.id} outside ${rack.id}`).toBe(true);
    expect(node.y).toBeGreaterThan(rack.labelY);
    expect(rack.nodeIds).toContain(node.id);
  }
  // Racks do not overlap each other or cp; everything is inside the viewport.
  for (let i = 0; i < layout.racks.length; i++) {
    expect(inside(layout.racks[i], viewport), `${layout.racks[i].id} outside the viewport`).toBe(true);
    expect(boxesOverlap(layout.racks[i], layout.cp)).toBe(false);
    for (let j = i + 1; j < layout.racks.length; j++) {
      expect(boxesOverlap(layout.racks[i], layout.racks[j])).toBe(false);
    }
  }
  expect(inside(layout.cp, viewport)).toBe(true);
  for (const node of layout.nodes) expect(inside(node, viewport)).toBe(true);

  // Cut markers sit in the air band between cp and the racks, inside the viewport.
  for (const node of layout.nodes) {
    const p = cpLinkMidpoint(layout, node);
    expect(p.y).toBeGreaterThan(layout.cp.y + layout.cp.h);
    expect(p.y).toBeLessThan(Math.min(...layout.racks.map((r) => r.y)));
    expect(p.x).toBeGreaterThanOrEqual(0);
    expect(p.x).toBeLessThanOrEqual(layout.width);
  }
  // Node–node arcs stay inside their band.
  if (layout.arcBand) {
    expect(layout.arcBand.bottom).toBeLessThanOrEqual(layout.height);
    for (const a of layout.nodes) {
      for (const b of layout.nodes) {
        if (a.index >= b.index) continue;
        const peak = curvePoint(pairCurve(layout, a, b), 0.5);
        expect(peak.y).toBeGreaterThan(layout.arcBand.top);
        expect(peak.y).toBeLessThanOrEqual(layout.arcBand.bottom);
      }
    }
  }
  expect(layout.fontPx).toBeGreaterThanOrEqual(10);
}

const DESKTOP = { width: 970, height: 420 };
const PHONE = { width: 348, height: 330 };

describe('computeLayout', () => {
  it('6 nodes, one per rack: one row of full boxes with node–node arcs below, fits a desktop panel', () => {
    const input = cluster(6, 6, DESKTOP.width, DESKTOP.height);
    const layout = computeLayout(input);
    checkGeometry(layout, input);
    expect(layout.mode).toBe('full');
    expect(layout.singleRow).toBe(true);
    expect(layout.arcBand).not.toBeNull();
    expect(layout.height).toBe(DESKTOP.height);
    expect(layout.nodes[0].w).toBeGreaterThanOrEqual(120);
    // cp at the top centre, above every rack.
    expect(layout.cp.cx).toBe(DESKTOP.width / 2);
    for (const rack of layout.racks) expect(rack.y).toBeGreaterThan(layout.cp.y + layout.cp.h);
  });

  it('9 nodes in 3 racks: three nodes per rack, full boxes, fits a desktop panel', () => {
    const input = cluster(9, 3, DESKTOP.width, DESKTOP.height);
    const layout = computeLayout(input);
    checkGeometry(layout, input);
    expect(layout.mode).toBe('full');
    expect(layout.racks.map((r) => r.nodeIds)).toEqual([
      ['n1', 'n4', 'n7'],
      ['n2', 'n5', 'n8'],
      ['n3', 'n6', 'n9'],
    ]);
    expect(layout.height).toBe(DESKTOP.height);
    expect(layout.arcBand).toBeNull();
  });

  it('100 nodes in 10 racks: compact boxes that still fit a desktop panel', () => {
    const input = cluster(100, 10, DESKTOP.width, DESKTOP.height);
    const layout = computeLayout(input);
    checkGeometry(layout, input);
    expect(layout.mode).toBe('compact');
    expect(layout.height).toBe(DESKTOP.height);
    expect(layout.nodes[0].w).toBeGreaterThanOrEqual(48);
  });

  for (const [nodes, racks] of [
    [6, 6],
    [9, 3],
    [100, 10],
  ] as const) {
    it(`${nodes} nodes in ${racks} racks on a phone: legible boxes, growing taller (scrolling) rather than shrinking`, () => {
      const input = cluster(nodes, racks, PHONE.width, PHONE.height);
      const layout = computeLayout(input);
      checkGeometry(layout, input);
      expect(layout.width).toBe(PHONE.width);
      expect(layout.height).toBeGreaterThanOrEqual(PHONE.height);
      expect(layout.nodes[0].w).toBeGreaterThanOrEqual(layout.mode === 'full' ? 120 : 48);
    });
  }

  it('handles odd shapes: one node, uneven racks, a rack named only by its nodes, 200 nodes on a wide screen', () => {
    for (const input of [
      cluster(1, 1, 600, 300),
      cluster(7, 3, 800, 400),
      cluster(24, 4, 1200, 500),
      cluster(25, 5, 1200, 500),
      cluster(200, 20, 1600, 700),
      { ...cluster(4, 2, 700, 400), racks: ['r1'] },
    ]) {
      checkGeometry(computeLayout(input), input);
    }
  });

  it('is deterministic', () => {
    const input = cluster(100, 10, DESKTOP.width, DESKTOP.height);
    expect(computeLayout(input)).toEqual(computeLayout(input));
  });

  it('layoutKey changes with the node set, racks and size, not otherwise', () => {
    const a = cluster(6, 6, 900, 400);
    expect(layoutKey(a)).toBe(layoutKey(cluster(6, 6, 900, 400)));
    expect(layoutKey(a)).not.toBe(layoutKey(cluster(7, 6, 900, 400)));
    expect(layoutKey(a)).not.toBe(layoutKey(cluster(6, 3, 900, 400)));
    expect(layoutKey(a)).not.toBe(layoutKey(cluster(6, 6, 901, 400)));
  });
});

describe('copyCurve', () => {
  it('bulges to opposite sides for a→b and b→a, and ends on the box edges', () => {
    const layout = computeLayout(cluster(6, 6, DESKTOP.width, DESKTOP.height));
    const [a, b] = layout.nodes;
    const ab = copyCurve(layout, a, b, 0);
    const ba = copyCurve(layout, b, a, 0);
    // Rightward above the row, leftward below it, each clear of both boxes at its middle.
    expect(curvePoint(ab, 0.5).y).toBeLessThan(a.y);
    expect(curvePoint(ba, 0.5).y).toBeGreaterThan(a.y + a.h);
    // Never up into cp, however far apart.
    const far = copyCurve(layout, layout.nodes[0], layout.nodes[5], 3);
    expect(curvePoint(far, 0.5).y).toBeGreaterThan(layout.cp.y + layout.cp.h);
    for (const [p, box] of [
      [ab.p0, a],
      [ab.p1, b],
    ] as const) {
      const onEdge =
        Math.abs(p.x - box.x) < 0.01 ||
        Math.abs(p.x - (box.x + box.w)) < 0.01 ||
        Math.abs(p.y - box.y) < 0.01 ||
        Math.abs(p.y - (box.y + box.h)) < 0.01;
      expect(onEdge).toBe(true);
    }
  });
});

describe('which map a cluster gets', () => {
  it('classroom sizes keep the detailed map; past 40 nodes every rack is an aggregate tile', () => {
    expect(clusterViewKind(6)).toBe('detail');
    expect(clusterViewKind(30)).toBe('detail');
    expect(clusterViewKind(40)).toBe('detail');
    expect(clusterViewKind(41)).toBe('aggregate');
    expect(clusterViewKind(100)).toBe('aggregate');
    expect(clusterViewKind(1000)).toBe('aggregate');
  });
});
