import type { Selection as D3Selection } from 'd3';
import type { ClusterLayout, RackBox } from '../layout';
import { attrEach, setAttr, setText } from './dom';
import type { Frame } from './frame';

/**
 * Racks, the failure domains: a box and a label each, and "· all down" when
 * every node of a multi-node rack is down. Redrawn on a new layout; otherwise
 * only when which racks are all down changes.
 */
export class RackLayer {
  private layout: ClusterLayout | null = null;
  private sig = '';

  constructor(private readonly g: D3Selection<SVGGElement, unknown, null, undefined>) {}

  update(frame: Frame): void {
    const { layout, cluster } = frame;
    const relaid = layout !== this.layout;
    if (relaid) {
      this.layout = layout;
      this.draw(layout);
    }
    const down = new Map<string, boolean>();
    // "All down" matters for racks of several nodes (a rack failure); a one-node rack says it on the node.
    for (const rack of layout.racks) down.set(rack.id, rack.nodeIds.length > 1);
    for (const node of cluster.nodes) if (node.up) down.set(node.rack, false);
    let sig = '';
    for (const [id, d] of down) sig += `${id}:${d},`;
    if (!relaid && sig === this.sig) return;
    this.sig = sig;
    const full = layout.mode === 'full';
    this.groups().each(function (d) {
      const isDown = down.get(d.id) === true;
      if (this.classList.contains('cv-rack--down') !== isDown) this.classList.toggle('cv-rack--down', isDown);
      const base = full ? `rack ${d.id}` : d.id;
      setText(this.querySelector('text')!, isDown ? `${base} · all down` : base);
    });
  }

  private groups() {
    return this.g.selectAll<SVGGElement, RackBox>('g.cv-rack');
  }

  private draw(layout: ClusterLayout): void {
    const groups = this.groups()
      .data(layout.racks, (d) => d.id)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'cv-rack');
        g.append('rect').attr('class', 'cv-rack-box');
        g.append('text').attr('class', 'cv-rack-label');
        return g;
      });
    groups.each(function (d) {
      setAttr(this, 'data-rack-id', d.id);
    });
    const rects = groups.select<SVGRectElement>('rect');
    attrEach(rects, 'x', (d) => d.x);
    attrEach(rects, 'y', (d) => d.y);
    attrEach(rects, 'width', (d) => d.w);
    attrEach(rects, 'height', (d) => d.h);
    attrEach(rects, 'rx', () => (layout.mode === 'full' ? 10 : 7));
    const labels = groups.select<SVGTextElement>('text');
    attrEach(labels, 'x', (d) => d.labelX);
    attrEach(labels, 'y', (d) => d.labelY);
  }
}
