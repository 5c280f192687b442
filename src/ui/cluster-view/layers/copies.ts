import type { Selection as D3Selection } from 'd3';
import type { CopyView } from '../../../engine/index';
import { boxesOverlap, copyCurve, curvePath, curvePoint, type Box, type ClusterLayout, type Curve } from '../layout';
import { attrEach, setAttr, setText, toggle } from './dom';
import type { CurveCache, DefIds, Frame } from './frame';

type Layer = D3Selection<SVGGElement, unknown, null, undefined>;

/** Copy streams get a shard label only when there are this few. */
const MAX_LABELLED_COPIES = 12;

interface CopyDatum {
  key: string;
  copy: CopyView;
  curve: Curve;
  frac: number;
}

interface CopyLabel {
  key: string;
  text: string;
  box: Box;
}

/**
 * Copies in flight: an arc from source to target with its progress along it,
 * and, when there are few, a label with the shard and its percentage. The
 * layer keeps a signature of what it drew (each arc's key, phase and progress
 * to a thousandth) and is skipped while it is unchanged.
 */
export class CopyLayer {
  private sig = '';
  private layout: ClusterLayout | null = null;

  constructor(
    private readonly arcs: Layer,
    private readonly labels: Layer,
    private readonly curves: CurveCache,
    private readonly ids: DefIds,
  ) {}

  update(frame: Frame): void {
    const { layout, cluster } = frame;
    const lanes = new Map<string, number>();
    const data: CopyDatum[] = [];
    let sig = '';
    for (const copy of cluster.copies) {
      if (copy.phase === 'queued' || copy.source === null) continue;
      const source = layout.nodeById.get(copy.source);
      const target = layout.nodeById.get(copy.target);
      if (!source || !target) continue;
      // Lanes count both directions, so a→b and b→a never share a curve even when both bend the same way.
      const pair = source.index < target.index ? `${source.id}|${target.id}` : `${target.id}|${source.id}`;
      const lane = lanes.get(pair) ?? 0;
      lanes.set(pair, lane + 1);
      const frac = copy.phase === 'catchingUp' ? 1 : copy.sizeBytes > 0 ? Math.min(1, copy.bytesDone / copy.sizeBytes) : 0;
      const key = `${copy.shard}>${copy.target}`;
      sig += `${key}:${copy.source}#${lane}:${copy.phase}:${frac.toFixed(3)},`;
      data.push({ key, copy, curve: this.curves.get(layout, `copy:${source.id}>${target.id}#${lane}`, () => copyCurve(layout, source, target, lane)), frac });
    }
    if (layout === this.layout && sig === this.sig) return;
    this.layout = layout;
    this.sig = sig;
    this.drawArcs(data);
    this.drawLabels(layout, data.length <= MAX_LABELLED_COPIES ? data : []);
  }

  private drawArcs(data: CopyDatum[]): void {
    const arrow = `url(#${this.ids.arrowCopy})`;
    const groups = this.arcs
      .selectAll<SVGGElement, CopyDatum>('g.cv-copy')
      .data(data, (d) => d.key)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'cv-copy');
        g.append('path').attr('class', 'cv-copy-track').attr('marker-end', arrow);
        g.append('path').attr('class', 'cv-copy-progress').attr('pathLength', 1);
        return g;
      });
    attrEach(groups, 'data-shard', (d) => d.copy.shard);
    attrEach(groups, 'data-phase', (d) => d.copy.phase);
    groups.each(function (d) {
      const path = curvePath(d.curve);
      const track = this.children[0] as SVGPathElement;
      const progress = this.children[1] as SVGPathElement;
      setAttr(track, 'd', path);
      setAttr(progress, 'd', path);
      setAttr(progress, 'stroke-dasharray', `${d.frac.toFixed(3)} 1`);
      toggle(progress, 'cv-copy-progress--tail', d.copy.phase === 'catchingUp');
    });
  }

  /** Shard labels on copy streams, placed where they cover no node, cp, rack label or other label; else left out. */
  private drawLabels(layout: ClusterLayout, data: CopyDatum[]): void {
    const labels: CopyLabel[] = [];
    if (data.length > 0) {
      const obstacles: Box[] = [layout.cp, ...layout.nodes];
      for (const rack of layout.racks) obstacles.push({ x: rack.labelX - 2, y: rack.labelY - 11, w: 110, h: 14 });
      for (const d of data) {
        const text = `${d.copy.shard} ${d.copy.phase === 'catchingUp' ? 'catching up' : `${Math.floor(d.frac * 100)}%`}`;
        const w = Math.round(text.length * 6.1 + 10);
        for (const t of [0.5, 0.4, 0.6, 0.3, 0.7]) {
          const at = curvePoint(d.curve, t);
          const box = { x: at.x - w / 2, y: at.y - 7.5, w, h: 15 };
          if (box.x < 0 || box.x + w > layout.width) continue;
          if (obstacles.some((o) => boxesOverlap(box, o, 1))) continue;
          obstacles.push(box);
          labels.push({ key: d.key, text, box });
          break;
        }
      }
    }
    const groups = this.labels
      .selectAll<SVGGElement, CopyLabel>('g.cv-copy-label')
      .data(labels, (d) => d.key)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'cv-copy-label');
        g.append('rect').attr('rx', 4).attr('height', 15);
        g.append('text').attr('y', 11);
        return g;
      });
    attrEach(groups, 'transform', (d) => `translate(${d.box.x.toFixed(1)},${d.box.y.toFixed(1)})`);
    attrEach(groups.select<SVGRectElement>('rect'), 'width', (d) => d.box.w);
    const texts = groups.select<SVGTextElement>('text');
    attrEach(texts, 'x', (d) => d.box.w / 2);
    texts.each(function (d) {
      setText(this, d.text);
    });
  }
}
