import type { MachineGraph } from '../../engine/index';
import { ANY_STATE, transitionLabel } from './statechart-words';

/**
 * A simple, deterministic layered layout for a statechart: states in rows by their distance from the initial
 * state (breadth-first, in the machine's own order), top to bottom; nested states laid out the same way inside
 * their parent's box. Arrows between neighbouring rows are straight; arrows back up run in lanes on the left,
 * arrows that skip rows in lanes on the right, arrows within a row along the row or underneath it. Sizes come
 * from character counts of a monospace font, so the same machine is always drawn the same way (and testable
 * without a browser).
 */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface LaidOutBox extends Rect {
  id: string;
  label: string;
  initial: boolean;
  final: boolean;
  /** The "any state" box that transitions declared on the machine itself start from. */
  pseudo: boolean;
  /** Has nested states drawn inside it. */
  container: boolean;
}
export interface LaidOutEdge {
  from: string;
  to: string;
  /** One per transition between the two states (event [guard]). */
  labels: string[];
  /** The labels as drawn: a long one breaks before its guard; a crowded arrow carries just its note's number. */
  lines: string[];
  /** The number of the note below the drawing that holds this arrow's labels, when there was no room for them. */
  note: number | null;
  /** SVG path data, ending on the target's border. */
  path: string;
  /** Where each label line's text starts (SVG text x/y, baseline) and how it is anchored. */
  label: { x: number; y: number; anchor: 'start' | 'middle' | 'end' };
  labelBoxes: Rect[];
  delayed: boolean;
}
export interface Layout {
  width: number;
  height: number;
  boxes: LaidOutBox[];
  edges: LaidOutEdge[];
}

// Geometry, in px. STATE_CHAR_W / LABEL_CHAR_W: one character of the monospace font at 12 / 11 px.
const STATE_CHAR_W = 7.3;
const LABEL_CHAR_W = 6.7;
const LINE_H = 13;
const BOX_H = 40;
const BOX_MIN_W = 100;
const BOX_PAD_X = 14;
const ROW_GAP = 68;
const MAX_ROW_GAP = 150;
/** How far (in 7 px rings) a label may stray from its arrow before it becomes a numbered note instead. */
const NEAR_RINGS = 4;
const COL_GAP = 36;
const CONTAINER_PAD = 26;
const CONTAINER_HEAD = 24;
const LANE_GAP = 22;
const LANE_STEP = 16;
const MARGIN = 10;
/** How far above the initial state its start dot sits. */
export const INITIAL_STEM = 22;

type Cmd = [string, ...number[]];
interface Route {
  cmds: Cmd[];
  label: { x: number; y: number; anchor: 'start' | 'middle' | 'end' };
  /** The vertical (or horizontal, along a row) range the label may slide within to avoid other labels. */
  slide: [number, number];
  slideAxis: 'x' | 'y';
}

export function layoutGraph(graph: MachineGraph): Layout {
  const hasAnyState = graph.transitions.some((t) => t.from === ANY_STATE && t.to.length > 0);
  const states = [
    ...graph.states,
    ...(hasAnyState ? [{ id: ANY_STATE, label: 'any state', parent: null, initial: false, final: false }] : []),
  ];
  const byId = new Map(states.map((s) => [s.id, s]));
  const children = new Map<string | null, string[]>();
  for (const s of states) children.set(s.parent, [...(children.get(s.parent) ?? []), s.id]);

  // Arrow groups: one per (from, to) pair, in the machine's order.
  const groups = new Map<string, { from: string; to: string; labels: string[]; delayed: boolean }>();
  for (const t of graph.transitions) {
    for (const to of t.to) {
      if (!byId.has(t.from) || !byId.has(to)) continue;
      const key = `${t.from}\u0000${to}`;
      const group = groups.get(key) ?? { from: t.from, to, labels: [], delayed: false };
      const label = transitionLabel(t);
      if (!group.labels.includes(label)) group.labels.push(label);
      group.delayed ||= t.delay !== null;
      groups.set(key, group);
    }
  }
  const arrows = [...groups.values()];

  // --- boxes: sizes bottom-up, then rows, then absolute positions -------------------------------------------
  const rel = new Map<string, Rect>();
  const ancestorIn = (id: string, level: string[]): string | null => {
    for (let cur: string | null = id; cur !== null; cur = byId.get(cur)?.parent ?? null) if (level.includes(cur)) return cur;
    return null;
  };
  const measure = (parent: string | null): { w: number; h: number } => {
    const level = children.get(parent) ?? [];
    for (const id of level) {
      if (children.has(id)) {
        const inner = measure(id);
        rel.set(id, { x: 0, y: 0, w: Math.max(inner.w + 2 * CONTAINER_PAD, textW(byId.get(id)!.label) + 2 * BOX_PAD_X), h: inner.h + CONTAINER_HEAD + CONTAINER_PAD });
      } else {
        rel.set(id, { x: 0, y: 0, w: Math.max(BOX_MIN_W, Math.round(textW(byId.get(id)!.label) + 2 * BOX_PAD_X)), h: BOX_H });
      }
    }
    const rows = layers(level, parent, arrows, ancestorIn, byId);
    const rowW = rows.map((row) => row.reduce((sum, id) => sum + rel.get(id)!.w, 0) + COL_GAP * (row.length - 1));
    const width = Math.max(0, ...rowW);
    // A gap crossed by many labelled arrows grows, so their labels have room.
    const rowOf = new Map(rows.flatMap((row, i) => row.map((id) => [id, i] as const)));
    const gapLines = rows.map(() => 0);
    for (const a of arrows) {
      const from = a.from === ANY_STATE ? (parent === null ? ANY_STATE : null) : ancestorIn(a.from, level);
      const to = ancestorIn(a.to, level);
      const rf = from === null ? undefined : rowOf.get(from);
      const rt = to === null ? undefined : rowOf.get(to);
      if (rf !== undefined && rt !== undefined && Math.abs(rf - rt) === 1) gapLines[Math.min(rf, rt)] += wrap(a.labels).length;
    }
    let y = 0;
    let lastGap = 0;
    rows.forEach((row, i) => {
      const rowH = Math.max(...row.map((id) => rel.get(id)!.h));
      let x = (width - rowW[i]) / 2;
      for (const id of row) {
        const r = rel.get(id)!;
        r.x = x;
        r.y = y + (rowH - r.h) / 2;
        x += r.w + COL_GAP;
      }
      lastGap = Math.min(MAX_ROW_GAP, Math.max(ROW_GAP, 24 + 6 * gapLines[i]));
      y += rowH + lastGap;
    });
    return { w: width, h: Math.max(0, y - lastGap) };
  };
  measure(null);
  const abs = new Map<string, Rect>();
  const place = (parent: string | null, ox: number, oy: number) => {
    for (const id of children.get(parent) ?? []) {
      const r = rel.get(id)!;
      abs.set(id, { x: ox + r.x, y: oy + r.y, w: r.w, h: r.h });
      if (children.has(id)) place(id, ox + r.x + CONTAINER_PAD, oy + r.y + CONTAINER_HEAD);
    }
  };
  place(null, 0, 0);

  // --- arrows -----------------------------------------------------------------------------------------------
  const isAncestor = (a: string, b: string) => a !== ANY_STATE && b.startsWith(`${a}.`);
  const obstacles = (from: string, to: string) =>
    [...abs.entries()].filter(([id]) => id !== from && id !== to && !isAncestor(id, from) && !isAncestor(id, to)).map(([, r]) => r);
  const lanes = { left: [] as [number, number, number][], right: [] as [number, number, number][], below: [] as [number, number, number][] };
  const takeLane = (side: keyof typeof lanes, lo: number, hi: number) => {
    let lane = 0;
    while (lanes[side].some(([l, a, b]) => l === lane && a < hi + 4 && lo < b + 4)) lane++;
    lanes[side].push([lane, lo, hi]);
    return lane;
  };
  const pairs = new Set(arrows.map((a) => `${a.from}\u0000${a.to}`));
  // Shorter arrows take the inner lanes; ties keep the machine's order.
  const order = arrows
    .map((a, i) => ({ a, i, span: Math.abs(abs.get(a.to)!.y - abs.get(a.from)!.y) }))
    .sort((p, q) => p.span - q.span || p.i - q.i)
    .map((p) => p.i);
  const routes: Route[] = new Array(arrows.length);
  const inCount = new Map<string, number>();
  const outCount = new Map<string, number>();
  for (const a of arrows) {
    inCount.set(a.to, (inCount.get(a.to) ?? 0) + 1);
    outCount.set(a.from, (outCount.get(a.from) ?? 0) + 1);
  }
  for (const i of order) {
    const { from, to } = arrows[i];
    // Arrows converging on one state are labelled near their start, arrows fanning out near their end: apart.
    const along = (inCount.get(to) ?? 0) > 1 ? 0.3 : (outCount.get(from) ?? 0) > 1 ? 0.7 : 0.5;
    routes[i] = route(abs.get(from)!, abs.get(to)!, from === to, pairs.has(`${to}\u0000${from}`), obstacles(from, to), takeLane, along);
  }

  // --- labels: slide along their arrow until clear of every other label and box; a label that finds no room
  // near its arrow would mislead, so it becomes a numbered note (the number on the arrow, the words below) --------
  const taken: Rect[] = [...[...abs.entries()].filter(([id]) => !children.has(id)).map(([, r]) => r)];
  // Arrowheads too: a label over one makes it unclear which state an arrow enters.
  for (const r of routes) {
    const [, ...end] = r.cmds[r.cmds.length - 1];
    const [x, y] = end.slice(-2);
    taken.push({ x: x - 7, y: y - 7, w: 14, h: 14 });
  }
  const spotFor = (r: Route, w: number, h: number, anchor: Route['label']['anchor'], rings: number) => {
    const rectAt = (x: number, y: number): Rect => ({
      x: anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2,
      y: y - LINE_H + 3,
      w,
      h,
    });
    const candidates: [number, number][] = [[r.label.x, r.label.y]];
    for (let k = 1; k <= 12; k++) {
      for (const d of [k * 7, -k * 7]) {
        const v = (r.slideAxis === 'y' ? r.label.y : r.label.x) + d;
        if (v < r.slide[0] || v > r.slide[1]) continue;
        candidates.push(r.slideAxis === 'y' ? [r.label.x, v] : [v, r.label.y]);
      }
    }
    for (let k = 1; k <= rings; k++) {
      for (let i = -k; i <= k; i++) {
        for (const [dx, dy] of [[i, -k], [i, k], [-k, i], [k, i]]) candidates.push([r.label.x + dx * 7, r.label.y + dy * 7]);
      }
    }
    const free = candidates.find(([x, y]) => !taken.some((t) => overlap(t, rectAt(x, y))));
    return free ? { x: free[0], y: free[1], box: rectAt(free[0], free[1]) } : null;
  };
  // The biggest labels first: they are the hardest to place.
  const placeOrder = arrows.map((_, i) => i).sort((p, q) => wrap(arrows[q].labels).length - wrap(arrows[p].labels).length || p - q);
  const placed: { x: number; y: number; box: Rect; note: boolean }[] = new Array(arrows.length);
  for (const i of placeOrder) {
    const lines = wrap(arrows[i].labels);
    const spot = spotFor(routes[i], Math.max(...lines.map(labelW)), lines.length * LINE_H, routes[i].label.anchor, NEAR_RINGS);
    if (spot) {
      taken.push(spot.box);
      placed[i] = { ...spot, note: false };
    }
  }
  const noted = arrows.map((_, i) => i).filter((i) => !placed[i]);
  noted.forEach((i, k) => {
    const w = labelW(String(k + 1)) + 6;
    const spot = spotFor({ ...routes[i], label: { ...routes[i].label, anchor: 'middle' } }, w, LINE_H, 'middle', 20) ?? {
      x: routes[i].label.x,
      y: routes[i].label.y,
      box: { x: routes[i].label.x - w / 2, y: routes[i].label.y - LINE_H + 3, w, h: LINE_H },
    };
    taken.push(spot.box);
    placed[i] = { ...spot, note: true };
  });
  const noteOf = new Map(noted.map((i, k) => [i, k + 1]));

  // --- fit: shift everything so the drawing starts at the margin ---------------------------------------------
  const xs: number[] = [];
  const ys: number[] = [];
  for (const r of [...abs.values(), ...placed.map((p) => p.box)]) {
    xs.push(r.x, r.x + r.w);
    ys.push(r.y, r.y + r.h);
  }
  for (const route of routes) for (const [, ...nums] of route.cmds) nums.forEach((n, k) => (k % 2 === 0 ? xs : ys).push(n));
  // The initial state's start dot sits above its box.
  for (const s of states) if (s.initial) ys.push(abs.get(s.id)!.y - INITIAL_STEM);
  const dx = MARGIN - Math.min(...xs);
  const dy = MARGIN - Math.min(...ys);
  const round = (n: number) => Math.round(n * 10) / 10;

  return {
    width: Math.ceil(Math.max(...xs) + dx + MARGIN),
    height: Math.ceil(Math.max(...ys) + dy + MARGIN),
    boxes: states.map((s) => {
      const r = abs.get(s.id)!;
      return {
        id: s.id,
        label: s.label,
        initial: s.initial,
        final: s.final,
        pseudo: s.id === ANY_STATE,
        container: children.has(s.id),
        x: round(r.x + dx),
        y: round(r.y + dy),
        w: r.w,
        h: r.h,
      };
    }),
    edges: arrows.map((arrow, i) => ({
      from: arrow.from,
      to: arrow.to,
      labels: arrow.labels,
      lines: noteOf.has(i) ? [String(noteOf.get(i))] : wrap(arrow.labels),
      note: noteOf.get(i) ?? null,
      delayed: arrow.delayed,
      path: routes[i].cmds.map(([c, ...nums]) => `${c}${nums.map((n, k) => round(n + (k % 2 === 0 ? dx : dy))).join(' ')}`).join(''),
      label: { x: round(placed[i].x + dx), y: round(placed[i].y + dy), anchor: placed[i].note ? 'middle' : routes[i].label.anchor },
      labelBoxes: [{ ...placed[i].box, x: round(placed[i].box.x + dx), y: round(placed[i].box.y + dy) }],
    })),
  };
}

/**
 * Rows for one level: breadth-first from its initial state, in the machine's order. Transitions the machine takes
 * from any state count as leaving the initial state; the "any state" box they are drawn from gets the last row,
 * so its arrows rise into their targets instead of crossing the ones that return to the top.
 */
function layers(
  level: string[],
  parent: string | null,
  arrows: { from: string; to: string }[],
  ancestorIn: (id: string, level: string[]) => string | null,
  byId: Map<string, { initial: boolean }>,
): string[][] {
  const anyState = level.includes(ANY_STATE);
  const states = level.filter((id) => id !== ANY_STATE);
  const start = states.find((id) => byId.get(id)!.initial) ?? states[0];
  const next = new Map<string, string[]>();
  for (const a of arrows) {
    const from = a.from === ANY_STATE ? (anyState ? start : null) : ancestorIn(a.from, states);
    const to = ancestorIn(a.to, states);
    if (from === null || from === undefined || to === null || from === to) continue;
    next.set(from, [...(next.get(from) ?? []), to]);
  }
  const depth = new Map<string, number>();
  const starts = [start];
  const queue: string[] = [];
  const visit = (id: string, d: number) => {
    if (depth.has(id)) return;
    depth.set(id, d);
    queue.push(id);
  };
  const drain = () => {
    while (queue.length > 0) {
      const id = queue.shift()!;
      for (const to of next.get(id) ?? []) visit(to, depth.get(id)! + 1);
    }
  };
  for (const s of starts) if (s !== undefined) visit(s, 0);
  drain();
  // States nothing leads to (in this level) go below the rest, in the machine's order.
  for (const id of states) {
    if (depth.has(id)) continue;
    visit(id, Math.max(...depth.values(), -1) + 1);
    drain();
  }
  const rows: string[][] = [];
  for (const id of [...depth.keys()]) (rows[depth.get(id)!] ??= []).push(id);
  const ordered = rows.filter((row) => row !== undefined);
  if (anyState) ordered.push([ANY_STATE]);
  const linked = [...next.entries()].flatMap(([from, tos]) => tos.map((to) => [from, to] as const));
  for (let r = 0; r < ordered.length; r++) ordered[r] = bestOrder(ordered[r], ordered.slice(0, r), linked);
  return ordered;
}

/**
 * The order of one row that keeps linked states side by side and under the states they link to above; small
 * rows try every order (ties keep the machine's order, so the result is deterministic).
 */
function bestOrder(row: string[], above: string[][], linked: readonly (readonly [string, string])[]): string[] {
  if (row.length < 2 || row.length > 6) return row;
  const placeAbove = new Map<string, number>();
  for (const r of above) r.forEach((id, i) => placeAbove.set(id, (i + 0.5) / r.length));
  const score = (order: string[]) => {
    let cost = 0;
    const at = (id: string) => order.indexOf(id);
    for (const [a, b] of linked) {
      const ia = at(a);
      const ib = at(b);
      if (ia >= 0 && ib >= 0) cost += (Math.abs(ia - ib) - 1) * 4;
      else if (ia >= 0 && placeAbove.has(b)) cost += Math.abs((ia + 0.5) / order.length - placeAbove.get(b)!);
      else if (ib >= 0 && placeAbove.has(a)) cost += Math.abs((ib + 0.5) / order.length - placeAbove.get(a)!);
    }
    return cost;
  };
  let best = row;
  let bestCost = score(row);
  for (const order of permutations(row)) {
    const cost = score(order);
    if (cost < bestCost - 1e-9) [best, bestCost] = [order, cost];
  }
  return best;
}

function permutations(items: string[]): string[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

function route(
  s: Rect,
  t: Rect,
  self: boolean,
  twoWay: boolean,
  obstacles: Rect[],
  takeLane: (side: 'left' | 'right' | 'below', lo: number, hi: number) => number,
  along: number,
): Route {
  const scy = s.y + s.h / 2;
  const tcy = t.y + t.h / 2;
  if (self) {
    const x = s.x + s.w;
    return {
      cmds: [['M', x, scy - 8], ['C', x + 34, scy - 26, x + 34, scy + 26, x, scy + 8]],
      label: { x: x + 36, y: scy + 4, anchor: 'start' },
      slide: [s.y, s.y + s.h],
      slideAxis: 'y',
    };
  }
  // Straight down (or up) to another row, when nothing is in the way; a two-way pair runs as two parallel
  // lines, down on the right and up on the left, each labelled on its own side.
  const down = t.y >= s.y + s.h;
  if (down || s.y >= t.y + t.h) {
    const dx = t.x + t.w / 2 - (s.x + s.w / 2);
    const off = twoWay ? (down ? 7 : -7) : 0;
    const x0 = s.x + s.w / 2 + clamp(dx * 0.25, s.w / 3) + off;
    const x1 = t.x + t.w / 2 - clamp(dx * 0.25, t.w / 3) + off;
    const y0 = down ? s.y + s.h : s.y;
    const y1 = down ? t.y : t.y + t.h;
    if (!obstacles.some((o) => crosses(o, x0, y0, x1, y1))) {
      const mx = x0 + (x1 - x0) * along;
      const my = y0 + (y1 - y0) * along;
      const anchor = twoWay ? (down ? 'start' : 'end') : dx < -4 ? 'end' : 'start';
      return {
        cmds: [['M', x0, y0], ['L', x1, y1]],
        label: { x: mx + (anchor === 'end' ? -6 : 6), y: my + 4, anchor },
        slide: [Math.min(y0, y1) + LINE_H, Math.max(y0, y1) - 2],
        slideAxis: 'y',
      };
    }
  }
  // Side by side in one row with nothing between: straight across (two-way pairs run as two parallel lines).
  const sameRow = t.y < s.y + s.h && s.y < t.y + t.h;
  if (sameRow) {
    const rightwards = t.x > s.x;
    const x0 = rightwards ? s.x + s.w : s.x;
    const x1 = rightwards ? t.x : t.x + t.w;
    const off = twoWay ? (rightwards ? -7 : 7) : 0;
    const y = (Math.max(s.y, t.y) + Math.min(s.y + s.h, t.y + t.h)) / 2 + off;
    if (!obstacles.some((o) => crosses(o, x0, y, x1, y))) {
      const above = !twoWay || rightwards;
      return {
        cmds: [['M', x0, y], ['L', x1, y]],
        label: { x: (x0 + x1) / 2, y: above ? y - 6 : y + 14, anchor: 'middle' },
        slide: [Math.min(x0, x1), Math.max(x0, x1)],
        slideAxis: 'x',
      };
    }
    // Not neighbours: run underneath the row.
    const lo = Math.min(s.x, t.x);
    const hi = Math.max(s.x + s.w, t.x + t.w);
    const floor = Math.max(s.y + s.h, t.y + t.h, ...obstacles.filter((o) => o.x < hi && lo < o.x + o.w && o.y < s.y + s.h && s.y < o.y + o.h).map((o) => o.y + o.h));
    const yB = floor + LANE_GAP + takeLane('below', lo, hi) * LANE_STEP;
    const sx = s.x + s.w / 2 + (rightwards ? 10 : -10);
    const tx = t.x + t.w / 2 + (rightwards ? -10 : 10);
    return {
      cmds: [['M', sx, s.y + s.h], ['L', sx, yB - 8], ['Q', sx, yB, sx + (rightwards ? 8 : -8), yB], ['L', tx + (rightwards ? -8 : 8), yB], ['Q', tx, yB, tx, yB - 8], ['L', tx, t.y + t.h]],
      label: { x: (sx + tx) / 2, y: yB + 14, anchor: 'middle' },
      slide: [Math.min(sx, tx), Math.max(sx, tx)],
      slideAxis: 'x',
    };
  }
  // Up the drawing (back to an earlier state): a lane on the left; skipping rows downwards: a lane on the right;
  // unless a box beside either end would be in the way on that side and not on the other.
  const blocked = (side: 'left' | 'right') =>
    [s, t].some((end) => {
      const cy = end.y + end.h / 2;
      return obstacles.some((o) => o.y < cy && cy < o.y + o.h && (side === 'left' ? o.x + o.w <= end.x : o.x >= end.x + end.w));
    });
  const preferred = t.y < s.y ? 'left' : 'right';
  const other = preferred === 'left' ? 'right' : 'left';
  const side = blocked(preferred) && !blocked(other) ? other : preferred;
  const lo = Math.min(scy, tcy);
  const hi = Math.max(scy, tcy);
  const band = [s, t, ...obstacles].filter((o) => o.y < hi && lo < o.y + o.h);
  const lane = takeLane(side, lo, hi);
  if (side === 'right') {
    const x = Math.max(...band.map((o) => o.x + o.w)) + LANE_GAP + lane * LANE_STEP;
    const x0 = s.x + s.w;
    const x1 = t.x + t.w;
    return {
      cmds: [['M', x0, scy], ['L', x - 8, scy], ['Q', x, scy, x, scy + 8], ['L', x, tcy - 8], ['Q', x, tcy, x - 8, tcy], ['L', x1, tcy]],
      label: { x: x + 6, y: (scy + tcy) / 2 + 4, anchor: 'start' },
      slide: [lo + LINE_H, hi - 4],
      slideAxis: 'y',
    };
  }
  const x = Math.min(...band.map((o) => o.x)) - LANE_GAP - lane * LANE_STEP;
  return {
    cmds: [['M', s.x, scy], ['L', x + 8, scy], ['Q', x, scy, x, scy - 8], ['L', x, tcy + 8], ['Q', x, tcy, x + 8, tcy], ['L', t.x, tcy]],
    label: { x: x - 6, y: (scy + tcy) / 2 + 4, anchor: 'end' },
    slide: [lo + LINE_H, hi - 4],
    slideAxis: 'y',
  };
}

/** Labels longer than this break before their guard, to keep the drawing narrow. */
const WRAP_AT = 24;
function wrap(labels: string[]): string[] {
  return labels.flatMap((label) => {
    const at = label.indexOf(' [');
    return label.length > WRAP_AT && at > 0 ? [label.slice(0, at), `  ${label.slice(at + 1)}`] : [label];
  });
}

function textW(label: string): number {
  return label.length * STATE_CHAR_W;
}
function labelW(label: string): number {
  return Math.ceil(label.length * LABEL_CHAR_W) + 4;
}
function clamp(v: number, limit: number): number {
  return Math.max(-limit, Math.min(limit, v));
}
function overlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}
/** Whether the segment (x0,y0)–(x1,y1) passes through the rectangle (sampled: boxes are far larger than the step). */
function crosses(r: Rect, x0: number, y0: number, x1: number, y1: number): boolean {
  for (let k = 1; k < 20; k++) {
    const x = x0 + ((x1 - x0) * k) / 20;
    const y = y0 + ((y1 - y0) * k) / 20;
    if (x > r.x && x < r.x + r.w && y > r.y && y < r.y + r.h) return true;
  }
  return false;
}
