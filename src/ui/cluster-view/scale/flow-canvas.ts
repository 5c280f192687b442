import { edgeToward, type Box, type Point } from '../layout';
import type { CopyFlow } from './aggregate';
import type { ScaleLayout, TileBox } from './scale-layout';

/**
 * Copy flows between racks, drawn on one canvas under the (translucent) tiles: one arrow per
 * source rack → target rack, as wide as the copies it carries, never one per
 * copy. A thousand-node rebuild has hundreds of such pairs, so the map draws
 * the busiest few (all of them for the open rack) and says how many it left
 * out; the tiles carry every rack's exact in/out counts, and the open rack's
 * panel lists its flows in words (for keyboards and screen readers: the
 * canvas is decorative, hit-tested only to name a flow under the pointer).
 */

/** Flows drawn when no rack is open: enough to show the pattern, few enough to read. */
export const TOP_FLOWS = 8;

interface DrawnFlow {
  flow: CopyFlow;
  points: Point[];
}

export class FlowCanvas {
  private readonly ctx: CanvasRenderingContext2D | null;
  private drawn: DrawnFlow[] = [];
  private sig = '';

  constructor(readonly canvas: HTMLCanvasElement) {
    this.ctx = canvas.getContext('2d');
  }

  /** Draws when the flows, the layout or the colours changed; otherwise nothing. */
  draw(layout: ScaleLayout, flows: readonly CopyFlow[], openRack: string | null, colours: { copy: string; label: string; halo: string }): void {
    const shown = pickFlows(flows, openRack).filter((f) => f.from !== null && f.inFlight > 0);
    let sig = `${layout.width}x${layout.height}|${openRack}|${colours.copy}|${layout.open?.y ?? ''}|`;
    for (const f of shown) sig += `${f.from}>${f.to}:${f.inFlight},`;
    if (sig === this.sig) return;
    this.sig = sig;
    const ratio = globalThis.devicePixelRatio || 1;
    const w = Math.round(layout.width * ratio);
    const h = Math.round(layout.height * ratio);
    if (this.canvas.width !== w) this.canvas.width = w;
    if (this.canvas.height !== h) this.canvas.height = h;
    this.canvas.style.width = `${layout.width}px`;
    this.canvas.style.height = `${layout.height}px`;
    this.drawn = [];
    const ctx = this.ctx;
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, layout.width, layout.height);
    const max = Math.max(1, ...shown.map((f) => f.inFlight));
    shown.forEach((flow, i) => {
      const a = layout.tileById.get(flow.from!);
      const b = layout.tileById.get(flow.to);
      if (!a || !b || a === b) return;
      const points = arc(a, b);
      this.drawn.push({ flow, points });
      const width = 1.2 + 4 * Math.sqrt(flow.inFlight / max);
      ctx.globalAlpha = 0.75;
      ctx.strokeStyle = colours.copy;
      ctx.lineWidth = width;
      ctx.lineCap = 'round';
      ctx.beginPath();
      ctx.moveTo(points[0].x, points[0].y);
      for (const p of points.slice(1)) ctx.lineTo(p.x, p.y);
      ctx.stroke();
      arrowHead(ctx, points[points.length - 2], points[points.length - 1], 4 + width);
      // The count on the busiest arrows (all of them for an open rack): width alone is not a number.
      const mid = points[Math.floor(points.length / 2)];
      const hidden = layout.tiles.some((t) => mid.x > t.x - 8 && mid.x < t.x + t.w + 8 && mid.y > t.y - 8 && mid.y < t.y + t.h + 8);
      if ((i < 4 || openRack !== null) && !hidden) label(ctx, mid, `${flow.inFlight}`, colours);
    });
    ctx.globalAlpha = 1;
  }

  /** The flow drawn nearest to a point (within a few pixels), for the tooltip. */
  hit(p: Point): CopyFlow | null {
    let best: CopyFlow | null = null;
    let bestD = 7;
    for (const d of this.drawn) {
      for (let i = 1; i < d.points.length; i++) {
        const dist = segmentDistance(p, d.points[i - 1], d.points[i]);
        if (dist < bestD) {
          bestD = dist;
          best = d.flow;
        }
      }
    }
    return best;
  }
}

/** The open rack's flows in and out; otherwise the busiest TOP_FLOWS. */
export function pickFlows(flows: readonly CopyFlow[], openRack: string | null): CopyFlow[] {
  if (openRack !== null) return flows.filter((f) => f.from === openRack || f.to === openRack);
  return flows.slice(0, TOP_FLOWS);
}

/**
 * A curve from one tile's edge to another's, bowed to the side so opposite flows do not overlap, as a polyline.
 * It runs under the tiles (they are slightly translucent), so it shows in the gaps and ends in an arrowhead on the
 * target's edge.
 */
function arc(a: TileBox, b: TileBox): Point[] {
  const ca = { x: a.x + a.w / 2, y: a.y + a.h / 2 };
  const cb = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
  const dx = cb.x - ca.x;
  const dy = cb.y - ca.y;
  const len = Math.hypot(dx, dy) || 1;
  const bow = Math.max(a.h * 0.9, Math.min(90, 0.3 * len));
  let c = { x: (ca.x + cb.x) / 2 + (dy / len) * bow, y: (ca.y + cb.y) / 2 - (dx / len) * bow };
  // Never bow up into cp: a flow between racks must not look like one to or from cp.
  if (c.y < Math.min(a.y, b.y)) c = { x: (ca.x + cb.x) / 2 - (dy / len) * bow, y: (ca.y + cb.y) / 2 + (dx / len) * bow };
  const p0 = edgeToward(pad(a, 1), c);
  const p1 = edgeToward(pad(b, 3), c);
  const points: Point[] = [];
  for (let t = 0; t <= 1.0001; t += 0.05) {
    const u = 1 - t;
    points.push({ x: u * u * p0.x + 2 * u * t * c.x + t * t * p1.x, y: u * u * p0.y + 2 * u * t * c.y + t * t * p1.y });
  }
  return points;
}

function pad(box: Box, by: number): Box {
  return { x: box.x - by, y: box.y - by, w: box.w + 2 * by, h: box.h + 2 * by };
}

function arrowHead(ctx: CanvasRenderingContext2D, from: Point, to: Point, size: number): void {
  const angle = Math.atan2(to.y - from.y, to.x - from.x);
  ctx.beginPath();
  ctx.moveTo(to.x + Math.cos(angle) * size * 0.6, to.y + Math.sin(angle) * size * 0.6);
  ctx.lineTo(to.x + Math.cos(angle + 2.5) * size, to.y + Math.sin(angle + 2.5) * size);
  ctx.lineTo(to.x + Math.cos(angle - 2.5) * size, to.y + Math.sin(angle - 2.5) * size);
  ctx.closePath();
  ctx.fillStyle = ctx.strokeStyle;
  ctx.fill();
}

function label(ctx: CanvasRenderingContext2D, at: Point, text: string, colours: { label: string; halo: string; copy: string }): void {
  ctx.globalAlpha = 1;
  ctx.font = '600 11px system-ui, sans-serif';
  const w = ctx.measureText(text).width + 8;
  ctx.fillStyle = colours.halo;
  ctx.strokeStyle = colours.copy;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.roundRect(at.x - w / 2, at.y - 8, w, 16, 8);
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = colours.label;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, at.x, at.y + 0.5);
  ctx.globalAlpha = 0.75;
  ctx.strokeStyle = colours.copy;
}

function segmentDistance(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy || 1;
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}
