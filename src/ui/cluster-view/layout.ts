/**
 * Where everything in the cluster view goes. Pure: no DOM, no d3, no clock,
 * so the same nodes, racks and size always give the same picture, and a test
 * can check that nothing overlaps.
 *
 * The picture, top to bottom:
 *   - `cp` (the control plane) centred at the top: one hexagon, or with a group
 *     of members (`cp1`…`cp3`) one chip per member side by side;
 *   - the "air": the band the node→cp links cross, where cut markers sit;
 *   - racks (failure domains) as rounded boxes in rows, nodes in a grid inside;
 *   - for small clusters laid out in one row, an arc band below the racks for
 *     the node–node links.
 *
 * Node boxes shrink with the node count. Up to 24 nodes they are "full"
 * (id, belief, truth, replicas); above that "compact" (id and an icon).
 * When the boxes cannot get any smaller and still be legible, the layout
 * grows taller than asked and the view scrolls.
 */

export type LayoutMode = 'full' | 'compact';

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  /** Top-left corner. */
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface NodeBox extends Box {
  id: string;
  rack: string;
  /** Position in the engine's node order (n1 before n2). */
  index: number;
  cx: number;
  cy: number;
}

export interface RackBox extends Box {
  id: string;
  nodeIds: string[];
  labelX: number;
  labelY: number;
}

/** One control plane member's chip. */
export interface CpMemberBox extends Box {
  id: string;
  cx: number;
  cy: number;
}

export interface ClusterLayout {
  width: number;
  height: number;
  mode: LayoutMode;
  /** The control plane: the one hexagon, or the box around its member chips. */
  cp: Box & { cx: number; cy: number };
  /** The members' chips, left to right; empty with one control plane (the hexagon). */
  cpMembers: CpMemberBox[];
  racks: RackBox[];
  nodes: NodeBox[];
  nodeById: Map<string, NodeBox>;
  /** The band between cp and the first rack row that the node→cp links cross. */
  air: { top: number; bottom: number };
  /** Node–node links as arcs below a single row (small clusters), or null. */
  arcBand: { top: number; bottom: number } | null;
  /** All nodes sit in one row (and each rack holds one row of nodes). */
  singleRow: boolean;
  /** Base font size for node text, px (never below 10). */
  fontPx: number;
}

export interface LayoutInput {
  nodes: readonly { id: string; rack: string }[];
  racks: readonly string[];
  width: number;
  height: number;
  /** The control plane's members when it is a group (cp1…cp3); absent or empty: the one `cp`. */
  cpMembers?: readonly string[];
}

/** Clusters up to this many nodes draw every node–node link; bigger ones only the cut ones. */
export const ALL_PAIR_LINKS_MAX_NODES = 8;
/** Clusters above this many nodes get compact boxes. */
export const FULL_BOXES_MAX_NODES = 24;
/**
 * The largest cluster drawn node by node. Past it, 48-px compact boxes stop fitting the panel
 * (the map scrolls at 1440×900 and runs to many screens at 390 px) and copy arcs cover the
 * nodes, so every rack becomes one aggregate tile with its counts (scale/).
 */
export const DETAIL_VIEW_MAX_NODES = 40;

export type ClusterViewKind = 'detail' | 'aggregate';

export function clusterViewKind(nodeCount: number): ClusterViewKind {
  return nodeCount > DETAIL_VIEW_MAX_NODES ? 'aggregate' : 'detail';
}

interface ModeMetrics {
  minW: number;
  maxW: number;
  h: number;
  gapX: number;
  gapY: number;
  rackPad: number;
  rackLabel: number;
  rackGapX: number;
  rackGapY: number;
  airMin: number;
  airMax: number;
  /** Score lost per extra row of nodes: favours wide, shallow pictures. */
  rowPenalty: number;
  /** Score lost per extra row of racks: failure domains side by side read best. */
  rackRowPenalty: number;
}

const FULL: ModeMetrics = {
  minW: 120,
  maxW: 156,
  h: 76,
  gapX: 10,
  gapY: 10,
  rackPad: 9,
  rackLabel: 19,
  rackGapX: 14,
  rackGapY: 14,
  airMin: 40,
  airMax: 104,
  rowPenalty: 28,
  rackRowPenalty: 12,
};

const COMPACT: ModeMetrics = {
  minW: 48,
  maxW: 64,
  h: 24,
  gapX: 5,
  gapY: 5,
  rackPad: 6,
  rackLabel: 16,
  rackGapX: 10,
  rackGapY: 10,
  airMin: 34,
  airMax: 84,
  rowPenalty: 3,
  rackRowPenalty: 4,
};

const MARGIN = 6;
const CP_W = 132;
const CP_H = 44;
/** A member chip: as tall as the hexagon (so nothing below moves), at most this wide, and the gap between chips. */
const CP_CHIP_MAX_W = 124;
const CP_CHIP_GAP = 8;
const ARC_BAND_MIN = 44;
const ARC_BAND_MAX = 104;

interface Candidate {
  rackCols: number;
  nodeCols: number;
  rackRows: number;
  nodeRows: number;
  boxW: number;
  contentH: number;
  arcH: number;
  score: number;
}

export function computeLayout(input: LayoutInput): ClusterLayout {
  const width = Math.max(1, Math.floor(input.width));
  const askedH = Math.max(1, Math.floor(input.height));
  const racks = orderedRacks(input);
  const members = new Map<string, { id: string; index: number }[]>(racks.map((r) => [r, []]));
  input.nodes.forEach((n, index) => members.get(n.rack)!.push({ id: n.id, index }));

  const mode: LayoutMode = input.nodes.length > FULL_BOXES_MAX_NODES ? 'compact' : 'full';
  const m = mode === 'full' ? FULL : COMPACT;
  const allPairs = input.nodes.length > 1 && input.nodes.length <= ALL_PAIR_LINKS_MAX_NODES;
  const perRack = Math.max(1, ...racks.map((r) => members.get(r)!.length));
  const top = MARGIN + CP_H;

  const candidates: Candidate[] = [];
  for (let rackCols = 1; rackCols <= racks.length; rackCols++) {
    for (let nodeCols = 1; nodeCols <= perRack; nodeCols++) {
      const rackRows = Math.ceil(racks.length / rackCols);
      const nodeRows = Math.ceil(perRack / nodeCols);
      const free =
        width - 2 * MARGIN - (rackCols - 1) * m.rackGapX - rackCols * 2 * m.rackPad - rackCols * (nodeCols - 1) * m.gapX;
      const rawW = Math.floor(free / (rackCols * nodeCols));
      if (rawW < m.minW) continue;
      const boxW = Math.min(rawW, m.maxW);
      const single = rackRows === 1 && nodeRows === 1;
      const rowW = rackCols * (2 * m.rackPad + nodeCols * boxW + (nodeCols - 1) * m.gapX) + (rackCols - 1) * m.rackGapX;
      const arcH = allPairs && single ? clamp(0.11 * rowW + 16, ARC_BAND_MIN, ARC_BAND_MAX) : 0;
      const rackH = rackHeight(m, nodeRows);
      const contentH = top + m.airMin + rackRows * rackH + (rackRows - 1) * m.rackGapY + arcH + MARGIN;
      const score = boxW - m.rowPenalty * (rackRows * nodeRows - 1) - m.rackRowPenalty * (rackRows - 1);
      candidates.push({ rackCols, nodeCols, rackRows, nodeRows, boxW, contentH, arcH, score });
    }
  }
  const chosen = choose(candidates, askedH) ?? fallback(width, racks.length, perRack, m, top);

  const rackW = 2 * m.rackPad + chosen.nodeCols * chosen.boxW + (chosen.nodeCols - 1) * m.gapX;
  const rackH = rackHeight(m, chosen.nodeRows);
  const spare = Math.max(0, askedH - chosen.contentH);
  const airH = m.airMin + Math.min(spare, m.airMax - m.airMin);
  const arcH = chosen.arcH > 0 ? chosen.arcH + Math.min(Math.max(0, spare - (airH - m.airMin)), ARC_BAND_MAX - chosen.arcH) : 0;
  const height = Math.max(askedH, Math.ceil(chosen.contentH));

  const { cp, cpMembers } = controlPlaneBoxes(width, input.cpMembers ?? []);
  const air = { top: MARGIN + CP_H, bottom: MARGIN + CP_H + airH };

  const rackBoxes: RackBox[] = [];
  const nodes: NodeBox[] = [];
  racks.forEach((rackId, r) => {
    const row = Math.floor(r / chosen.rackCols);
    const col = r % chosen.rackCols;
    const inRow = Math.min(chosen.rackCols, racks.length - row * chosen.rackCols);
    const rowW = inRow * rackW + (inRow - 1) * m.rackGapX;
    const x = Math.round((width - rowW) / 2 + col * (rackW + m.rackGapX));
    const y = Math.round(air.bottom + row * (rackH + m.rackGapY));
    const list = members.get(rackId)!;
    rackBoxes.push({
      id: rackId,
      x,
      y,
      w: rackW,
      h: rackH,
      nodeIds: list.map((n) => n.id),
      labelX: x + m.rackPad,
      labelY: y + m.rackLabel - 6,
    });
    list.forEach((n, k) => {
      const nRow = Math.floor(k / chosen.nodeCols);
      const nCol = k % chosen.nodeCols;
      const inThisRow = Math.min(chosen.nodeCols, list.length - nRow * chosen.nodeCols);
      const centreShift = ((chosen.nodeCols - inThisRow) * (chosen.boxW + m.gapX)) / 2;
      const bx = Math.round(x + m.rackPad + centreShift + nCol * (chosen.boxW + m.gapX));
      const by = Math.round(y + m.rackLabel + m.rackPad / 2 + nRow * (m.h + m.gapY));
      nodes.push({
        id: n.id,
        rack: rackId,
        index: n.index,
        x: bx,
        y: by,
        w: chosen.boxW,
        h: m.h,
        cx: bx + chosen.boxW / 2,
        cy: by + m.h / 2,
      });
    });
  });
  nodes.sort((a, b) => a.index - b.index);

  const lastRackBottom = rackBoxes.reduce((max, r) => Math.max(max, r.y + r.h), air.bottom);
  const arcBand = arcH > 0 ? { top: lastRackBottom, bottom: lastRackBottom + arcH } : null;
  const fontPx = mode === 'full' ? 11 : chosen.boxW < 54 ? 10 : 11;

  return {
    width,
    height,
    mode,
    cp,
    cpMembers,
    racks: rackBoxes,
    nodes,
    nodeById: new Map(nodes.map((n) => [n.id, n])),
    air,
    arcBand,
    singleRow: chosen.rackRows === 1 && chosen.nodeRows === 1,
    fontPx,
  };
}

/** The hexagon centred at the top, or the member chips side by side there, each as wide as the map allows. */
function controlPlaneBoxes(width: number, members: readonly string[]): { cp: ClusterLayout['cp']; cpMembers: CpMemberBox[] } {
  if (members.length <= 1) {
    const cpX = Math.round(width / 2 - CP_W / 2);
    return { cp: { x: cpX, y: MARGIN, w: CP_W, h: CP_H, cx: width / 2, cy: MARGIN + CP_H / 2 }, cpMembers: [] };
  }
  const n = members.length;
  const chipW = Math.max(40, Math.min(CP_CHIP_MAX_W, Math.floor((width - 2 * MARGIN - (n - 1) * CP_CHIP_GAP) / n)));
  const groupW = n * chipW + (n - 1) * CP_CHIP_GAP;
  const x0 = Math.round(width / 2 - groupW / 2);
  const cpMembers = members.map((id, i) => {
    const x = x0 + i * (chipW + CP_CHIP_GAP);
    return { id, x, y: MARGIN, w: chipW, h: CP_H, cx: x + chipW / 2, cy: MARGIN + CP_H / 2 };
  });
  return { cp: { x: x0, y: MARGIN, w: groupW, h: CP_H, cx: x0 + groupW / 2, cy: MARGIN + CP_H / 2 }, cpMembers };
}

/** A cheap key: the layout only needs recomputing when this changes. */
export function layoutKey(input: LayoutInput): string {
  let key = `${Math.floor(input.width)}x${Math.floor(input.height)}|${input.racks.join(',')}|`;
  for (const n of input.nodes) key += `${n.id}@${n.rack},`;
  if (input.cpMembers && input.cpMembers.length > 1) key += `|cp:${input.cpMembers.join(',')}`;
  return key;
}

function orderedRacks(input: LayoutInput): string[] {
  const racks = [...input.racks];
  const seen = new Set(racks);
  for (const n of input.nodes) {
    if (!seen.has(n.rack)) {
      seen.add(n.rack);
      racks.push(n.rack);
    }
  }
  return racks;
}

function rackHeight(m: ModeMetrics, nodeRows: number): number {
  return m.rackLabel + m.rackPad / 2 + nodeRows * m.h + (nodeRows - 1) * m.gapY + m.rackPad;
}

function choose(candidates: Candidate[], height: number): Candidate | null {
  if (candidates.length === 0) return null;
  const fitting = candidates.filter((c) => c.contentH <= height);
  if (fitting.length > 0) {
    return fitting.reduce((best, c) => (c.score > best.score || (c.score === best.score && c.contentH < best.contentH) ? c : best));
  }
  return candidates.reduce((best, c) => (c.contentH < best.contentH || (c.contentH === best.contentH && c.score > best.score) ? c : best));
}

/** Too narrow for even the smallest boxes: one column of whatever width there is. */
function fallback(width: number, rackCount: number, perRack: number, m: ModeMetrics, top: number): Candidate {
  const boxW = Math.max(8, width - 2 * MARGIN - 2 * m.rackPad);
  const rackRows = Math.max(1, rackCount);
  const contentH = top + m.airMin + rackRows * rackHeight(m, perRack) + (rackRows - 1) * m.rackGapY + MARGIN;
  return { rackCols: 1, nodeCols: 1, rackRows, nodeRows: perRack, boxW, contentH, arcH: 0, score: 0 };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}

// ---------------------------------------------------------------- geometry

/** The box a node's link to cp ends on: the leader's chip when the group has one, else the whole control plane. */
export function cpTarget(layout: ClusterLayout, leader: string | null): Box & { cx: number } {
  return (leader === null ? undefined : layout.cpMembers.find((m) => m.id === leader)) ?? layout.cp;
}

/** Where a node's link to cp meets cp (or its leader): spread along the bottom edge so the links fan out. */
export function cpAnchor(layout: ClusterLayout, node: NodeBox, leader: string | null = null): Point {
  const to = cpTarget(layout, leader);
  const rel = layout.width > 0 ? (node.cx - layout.width / 2) / (layout.width / 2) : 0;
  return { x: to.cx + clamp(rel, -1, 1) * Math.max(0, to.w / 2 - 14), y: to.y + to.h };
}

/** The node→cp link: from the top centre of the node to its anchor on cp (the leader's chip in a group). */
export function cpLink(layout: ClusterLayout, node: NodeBox, leader: string | null = null): { from: Point; to: Point } {
  return { from: { x: node.cx, y: node.y }, to: cpAnchor(layout, node, leader) };
}

/** The point where a node→cp link crosses the middle of the air band: cut markers sit here. */
export function cpLinkMidpoint(layout: ClusterLayout, node: NodeBox, leader: string | null = null): Point {
  const { from, to } = cpLink(layout, node, leader);
  const y = (layout.air.top + layout.air.bottom) / 2;
  const t = from.y === to.y ? 0.5 : (from.y - y) / (from.y - to.y);
  return { x: from.x + (to.x - from.x) * t, y };
}

export interface Curve {
  p0: Point;
  c: Point;
  p1: Point;
}

export function curvePath(q: Curve): string {
  return `M${r1(q.p0.x)},${r1(q.p0.y)}Q${r1(q.c.x)},${r1(q.c.y)} ${r1(q.p1.x)},${r1(q.p1.y)}`;
}

export function curvePoint(q: Curve, t: number): Point {
  const u = 1 - t;
  return {
    x: u * u * q.p0.x + 2 * u * t * q.c.x + t * t * q.p1.x,
    y: u * u * q.p0.y + 2 * u * t * q.c.y + t * t * q.p1.y,
  };
}

/**
 * A node–node link. In a single row: an arc below the row (an arc diagram),
 * each end spread along the node's bottom edge so arcs do not share a point.
 * Otherwise a curve between the two node centres, bent whichever way keeps
 * it (and its midpoint, where a cut marker goes) off other nodes.
 */
export function pairCurve(layout: ClusterLayout, a: NodeBox, b: NodeBox): Curve {
  const [l, r] = a.cx <= b.cx ? [a, b] : [b, a];
  if (layout.singleRow && layout.arcBand) {
    const n = Math.max(2, layout.nodes.length);
    const span = Math.abs(r.index - l.index);
    const spreadL = ((r.index - l.index) / (n - 1)) * (l.w * 0.32);
    const spreadR = ((l.index - r.index) / (n - 1)) * (r.w * 0.32);
    const p0 = { x: l.cx + spreadL, y: l.y + l.h };
    const p1 = { x: r.cx + spreadR, y: r.y + r.h };
    const band = layout.arcBand;
    const depth = 10 + (span / (n - 1)) * (band.bottom - band.top - 14);
    return { p0, c: { x: (p0.x + p1.x) / 2, y: band.top + 2 * depth }, p1 };
  }
  const len = Math.hypot(r.cx - l.cx, r.cy - l.cy);
  const base = 2 * (halfExtentAcross(l, r) + 10);
  return bestCurve(layout, l, r, [0.18 * len, -0.18 * len, base, -base, 1.6 * base, -1.6 * base], false);
}

/**
 * A copy stream from source to target: a curve bulging to the left of its
 * direction where that is clear (so in a row, rightward copies arc above
 * the nodes and leftward ones below), far enough that its middle clears
 * both boxes, and bent the other way or further out when other nodes are in
 * the way. `lane` pushes repeated copies between the same pair further out.
 * Ends on the two boxes' edges; never rises into cp.
 */
export function copyCurve(layout: ClusterLayout, source: NodeBox, target: NodeBox, lane: number): Curve {
  const len = Math.hypot(target.cx - source.cx, target.cy - source.cy);
  const clearance = (layout.mode === 'full' ? 16 : 9) + 9 * lane;
  const k = Math.min(0.4, 0.2 + 0.06 * lane);
  const base = Math.max(k * len, 2 * (halfExtentAcross(source, target) + clearance));
  return bestCurve(layout, source, target, [base, -base, 1.5 * base, -1.5 * base, 2.2 * base, -2.2 * base], true);
}

/** Half of the larger box's extent across the a→b direction. */
function halfExtentAcross(a: NodeBox, b: NodeBox): number {
  const dx = b.cx - a.cx;
  const dy = b.cy - a.cy;
  const len = Math.hypot(dx, dy) || 1;
  const nx = Math.abs(dy / len);
  const ny = Math.abs(dx / len);
  return Math.max(nx * a.w + ny * a.h, nx * b.w + ny * b.h) / 2;
}

/**
 * Of the curves from a to b bulging by each signed amount (positive = to the
 * left of a→b), the first that crosses the fewest other node boxes and keeps
 * its midpoint clear; ties keep the earlier (preferred) bulge.
 */
function bestCurve(layout: ClusterLayout, a: NodeBox, b: NodeBox, bulges: number[], onEdges: boolean): Curve {
  const mid = { x: (a.cx + b.cx) / 2, y: (a.cy + b.cy) / 2 };
  const dx = b.cx - a.cx;
  const dy = b.cy - a.cy;
  const len = Math.hypot(dx, dy) || 1;
  const nx = dy / len;
  const ny = -dx / len;
  // The curve's peak is about half-way from its ends to the control point: keep it below cp.
  const minControlY = 2 * (layout.air.top + 12) - (mid.y - Math.max(a.h, b.h) / 2);
  let best: Curve | null = null;
  let bestScore = Infinity;
  for (let i = 0; i < bulges.length; i++) {
    const c = { x: mid.x + nx * bulges[i], y: Math.max(minControlY, mid.y + ny * bulges[i]) };
    const curve: Curve = onEdges
      ? { p0: edgeToward(a, c), c, p1: edgeToward(b, c) }
      : { p0: { x: a.cx, y: a.cy }, c, p1: { x: b.cx, y: b.cy } };
    const score = curveCost(layout, curve, a, b) + i * 0.01;
    if (score < bestScore) {
      best = curve;
      bestScore = score;
      if (score < 0.5) break;
    }
  }
  return best!;
}

const MARKER_CLEARANCE = 9;

function curveCost(layout: ClusterLayout, curve: Curve, a: NodeBox, b: NodeBox): number {
  const minX = Math.min(curve.p0.x, curve.c.x, curve.p1.x) - MARKER_CLEARANCE;
  const maxX = Math.max(curve.p0.x, curve.c.x, curve.p1.x) + MARKER_CLEARANCE;
  const minY = Math.min(curve.p0.y, curve.c.y, curve.p1.y) - MARKER_CLEARANCE;
  const maxY = Math.max(curve.p0.y, curve.c.y, curve.p1.y) + MARKER_CLEARANCE;
  const near = layout.nodes.filter((n) => n.x < maxX && n.x + n.w > minX && n.y < maxY && n.y + n.h > minY);
  let cost = 0;
  for (let t = 0.1; t < 0.91; t += 0.05) {
    const p = curvePoint(curve, t);
    if (p.x < 0 || p.x > layout.width || p.y < 0 || p.y > layout.height) cost += 2;
    for (const n of near) {
      if (n === a || n === b) continue;
      if (p.x > n.x - 2 && p.x < n.x + n.w + 2 && p.y > n.y - 2 && p.y < n.y + n.h + 2) cost += 1;
    }
  }
  const m = curvePoint(curve, 0.5);
  const marker = { x: m.x - MARKER_CLEARANCE, y: m.y - MARKER_CLEARANCE, w: 2 * MARKER_CLEARANCE, h: 2 * MARKER_CLEARANCE };
  if (near.some((n) => boxesOverlap(marker, n))) cost += 4;
  return cost;
}

/** The point where the ray from a box's centre toward p leaves the box. */
export function edgeToward(box: Box, p: Point): Point {
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const dx = p.x - cx;
  const dy = p.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const sx = dx === 0 ? Infinity : box.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : box.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: cx + dx * s, y: cy + dy * s };
}

/** The box drawn for a copy label or marker, for overlap checks. */
export function boxesOverlap(a: Box, b: Box, pad = 0): boolean {
  return a.x < b.x + b.w + pad && b.x < a.x + a.w + pad && a.y < b.y + b.h + pad && b.y < a.y + a.h + pad;
}

function r1(v: number): number {
  return Math.round(v * 10) / 10;
}
