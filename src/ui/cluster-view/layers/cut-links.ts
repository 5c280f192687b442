import type { Selection as D3Selection } from 'd3';
import type { ClusterState } from '../../../engine/index';
import { cutWord, linkAriaLabel, linkState, type LinkState } from '../describe';
import { ALL_PAIR_LINKS_MAX_NODES, cpLink, cpLinkMidpoint, curvePath, curvePoint, pairCurve, type ClusterLayout, type Curve } from '../layout';
import { attrEach, oneWayDir, setText } from './dom';
import type { CurveCache, Frame, MarkerDatum } from './frame';

type Layer = D3Selection<SVGGElement, unknown, null, undefined>;

/** Node–node cuts drawn individually; beyond this the view only counts them. */
const MAX_DRAWN_PAIR_CUTS = 60;
/** Cut markers carry the word "cut" only when there are this few. */
const MAX_WORDED_CUT_MARKERS = 12;

interface PairDatum {
  key: string;
  a: string;
  b: string;
  state: LinkState;
  curve: Curve;
}

/**
 * Node–node links (every pair in a small cluster, only the cut ones in a big
 * one) with their hit paths, and the markers crossing out every cut link,
 * cp links included. All of it depends on the layout and the cuts alone, so
 * the layer is skipped while both are the same objects as last time.
 */
export class CutLinkLayer {
  private layout: ClusterLayout | null = null;
  private cuts: ReadonlySet<string> | null = null;
  private leader: string | null = null;
  private end = 'cp';
  /** Node–node pairs cut, for the words beside cp. */
  pairCuts = 0;

  constructor(
    private readonly links: Layer,
    private readonly hits: Layer,
    private readonly markers: Layer,
    private readonly curves: CurveCache,
  ) {}

  update(frame: Frame): void {
    const { layout, cuts, cluster, cpLeader, cpEnd } = frame;
    if (layout === this.layout && cuts === this.cuts && cpLeader === this.leader && cpEnd === this.end) return;
    this.layout = layout;
    this.cuts = cuts;
    this.leader = cpLeader;
    this.end = cpEnd;
    const markers = cpCutMarkers(layout, cluster, cuts, cpLeader, cpEnd);
    const pairs = this.pairs(layout, cluster, cuts);
    for (const p of pairs.drawn) {
      if (p.state === 'up') continue;
      const mid = curvePoint(p.curve, 0.5);
      const ahead = curvePoint(p.curve, 0.52);
      markers.push({ key: p.key, at: mid, dir: oneWayDir(p.state, mid, ahead), word: cutWord(p.state, p.a, p.b) });
    }
    this.pairCuts = pairs.cut;
    this.drawPairs(pairs.drawn);
    this.drawMarkers(markers);
  }

  /** Node–node links: all pairs for small clusters, only the cut ones otherwise; and how many pairs are cut. */
  private pairs(layout: ClusterLayout, cluster: ClusterState, cuts: ReadonlySet<string>): { drawn: PairDatum[]; cut: number } {
    const drawn: PairDatum[] = [];
    let cut = 0;
    const nodes = cluster.nodes;
    const curve = (a: string, b: string) =>
      this.curves.get(layout, `pair:${a}|${b}`, () => pairCurve(layout, layout.nodeById.get(a)!, layout.nodeById.get(b)!));
    if (nodes.length <= ALL_PAIR_LINKS_MAX_NODES) {
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const a = layout.nodeById.get(nodes[i].id);
          const b = layout.nodeById.get(nodes[j].id);
          if (!a || !b) continue;
          const state = linkState(cuts, a.id, b.id);
          if (state !== 'up') cut++;
          drawn.push({ key: `${a.id}|${b.id}`, a: a.id, b: b.id, state, curve: curve(a.id, b.id) });
        }
      }
    } else if (cuts.size > 0) {
      const index = new Map(nodes.map((n, i) => [n.id, i]));
      const seen = new Set<string>();
      for (const key of cuts) {
        const [from, to] = key.split('>');
        if (from === 'cp' || to === 'cp') continue;
        const [a, b] = (index.get(from) ?? 0) <= (index.get(to) ?? 0) ? [from, to] : [to, from];
        const pairKey = `${a}|${b}`;
        if (seen.has(pairKey)) continue;
        seen.add(pairKey);
        cut++;
        if (!layout.nodeById.has(a) || !layout.nodeById.has(b) || drawn.length >= MAX_DRAWN_PAIR_CUTS) continue;
        drawn.push({ key: pairKey, a, b, state: linkState(cuts, a, b), curve: curve(a, b) });
      }
    }
    return { drawn, cut };
  }

  private drawPairs(pairs: PairDatum[]): void {
    const paths = this.links
      .selectAll<SVGPathElement, PairDatum>('path.cv-pair')
      .data(pairs, (d) => d.key)
      .join('path');
    attrEach(paths, 'class', (d) => (d.state === 'up' ? 'cv-pair' : 'cv-pair cv-link--cut'));
    attrEach(paths, 'd', (d) => curvePath(d.curve));
    const hits = this.hits
      .selectAll<SVGPathElement, PairDatum>('path.cv-pair-hit')
      .data(pairs, (d) => d.key)
      .join((enter) =>
        enter
          .append('path')
          .attr('class', 'cv-pair-hit')
          .attr('role', 'button')
          .attr('tabindex', 0)
          .call((p) => p.append('title')),
      );
    attrEach(hits, 'data-testid', (d) => `link-${d.a}-${d.b}`);
    attrEach(hits, 'data-a', (d) => d.a);
    attrEach(hits, 'data-b', (d) => d.b);
    attrEach(hits, 'data-link-state', (d) => d.state);
    attrEach(hits, 'aria-label', (d) => linkAriaLabel(d.state, d.a, d.b));
    attrEach(hits, 'd', (d) => curvePath(d.curve));
    hits.each(function (d) {
      setText(this.querySelector('title')!, linkAriaLabel(d.state, d.a, d.b).replace('Press', 'Click'));
    });
  }

  private drawMarkers(markers: MarkerDatum[]): void {
    const worded = markers.length <= MAX_WORDED_CUT_MARKERS;
    const groups = this.markers
      .selectAll<SVGGElement, MarkerDatum>('g.cv-cut')
      .data(markers, (d) => d.key)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'cv-cut');
        g.append('circle').attr('class', 'cv-cut-bg').attr('r', 7.5);
        g.append('path').attr('class', 'cv-cut-x').attr('d', 'M-3.4,-3.4L3.4,3.4M3.4,-3.4L-3.4,3.4');
        g.append('path').attr('class', 'cv-cut-dir');
        g.append('text').attr('class', 'cv-cut-word').attr('x', 11).attr('y', 4);
        return g;
      });
    attrEach(groups, 'transform', (d) => `translate(${d.at.x.toFixed(1)},${d.at.y.toFixed(1)})`);
    attrEach(groups.select<SVGPathElement>('.cv-cut-dir'), 'd', (d) => {
      if (!d.dir) return null;
      // A small arrowhead just past the marker, pointing the way messages are dropped.
      const { x, y } = d.dir;
      const tip = { x: x * 16, y: y * 16 };
      const base = { x: x * 10, y: y * 10 };
      const n = { x: -y * 4, y: x * 4 };
      return `M${tip.x},${tip.y}L${base.x + n.x},${base.y + n.y}L${base.x - n.x},${base.y - n.y}Z`;
    });
    groups.select<SVGTextElement>('text').each(function (d) {
      setText(this, (worded || d.dir ? d.word : null) ?? '');
    });
  }
}

function cpCutMarkers(layout: ClusterLayout, cluster: ClusterState, cuts: ReadonlySet<string>, leader: string | null, end: string): MarkerDatum[] {
  const markers: MarkerDatum[] = [];
  if (cuts.size === 0) return markers;
  for (const node of cluster.nodes) {
    const state = linkState(cuts, node.id, end);
    if (state === 'up') continue;
    const box = layout.nodeById.get(node.id);
    if (!box) continue;
    const { from, to } = cpLink(layout, box, leader);
    markers.push({ key: `${node.id}|cp`, at: cpLinkMidpoint(layout, box, leader), dir: oneWayDir(state, from, to), word: cutWord(state, node.id, 'cp') });
  }
  return markers;
}
