import type { Selection as D3Selection } from 'd3';
import type { ClusterLayout } from '../layout';
import { setAttr } from './dom';

/** The control plane `cp`: a hexagon with its name. Drawn once per layout; nothing on it changes while the run plays. */
export class ControlPlaneLayer {
  private layout: ClusterLayout | null = null;

  constructor(private readonly g: D3Selection<SVGGElement, unknown, null, undefined>) {}

  update(layout: ClusterLayout): void {
    if (layout === this.layout) return;
    this.layout = layout;
    const { cp } = layout;
    const g = this.g
      .selectAll<SVGGElement, number>('g.cv-cp')
      .data([0])
      .join((enter) => {
        const e = enter.append('g').attr('class', 'cv-cp');
        e.append('title').text('cp — the control plane: the HealthMonitor, the router and the FailoverManager.');
        e.append('polygon').attr('class', 'cv-cp-shape');
        e.append('text').attr('class', 'cv-cp-name').text('cp');
        e.append('text').attr('class', 'cv-cp-sub').text('control plane');
        return e;
      })
      .node()!;
    const k = 14;
    const pts = [
      [cp.x + k, cp.y],
      [cp.x + cp.w - k, cp.y],
      [cp.x + cp.w, cp.y + cp.h / 2],
      [cp.x + cp.w - k, cp.y + cp.h],
      [cp.x + k, cp.y + cp.h],
      [cp.x, cp.y + cp.h / 2],
    ];
    setAttr(g.querySelector('polygon')!, 'points', pts.map((p) => p.join(',')).join(' '));
    const name = g.querySelector('.cv-cp-name')!;
    setAttr(name, 'x', cp.cx);
    setAttr(name, 'y', cp.y + 20);
    const sub = g.querySelector('.cv-cp-sub')!;
    setAttr(sub, 'x', cp.cx);
    setAttr(sub, 'y', cp.y + 34);
  }
}
