import type { Selection as D3Selection } from 'd3';
import { linkAriaLabel, linkState, type LinkState } from '../describe';
import { cpLink, type ClusterLayout, type NodeBox } from '../layout';
import { attrEach, setAttr, setText, toggle } from './dom';
import type { Frame } from './frame';

type Layer = D3Selection<SVGGElement, unknown, null, undefined>;

/**
 * Each node's link to cp: a visible line and a wider invisible hit line that
 * is the button (cut / heal). Geometry is drawn per layout; a link's state
 * words only when its cut state changes; the selected node's line is marked.
 */
export class CpLinkLayer {
  private layout: ClusterLayout | null = null;
  private leader: string | null = null;
  private end = 'cp';
  private cuts: ReadonlySet<string> | null = null;
  private selected: string | null | undefined = undefined;
  private lineByNode = new Map<string, SVGLineElement>();
  private hitByNode = new Map<string, SVGLineElement>();
  private stateByNode = new Map<string, LinkState>();

  constructor(
    private readonly lines: Layer,
    private readonly hits: Layer,
  ) {}

  update(frame: Frame): void {
    const { layout, cuts, cluster, cpLeader, cpEnd } = frame;
    const relaid = layout !== this.layout;
    if (relaid || cpLeader !== this.leader) {
      this.layout = layout;
      this.leader = cpLeader;
      this.draw(layout, cpLeader);
      this.stateByNode.clear();
      this.selected = undefined;
    }
    if (relaid || cuts !== this.cuts || cpEnd !== this.end) {
      this.cuts = cuts;
      this.end = cpEnd;
      for (const node of cluster.nodes) {
        const state = linkState(cuts, node.id, cpEnd);
        if (this.stateByNode.get(node.id) === state) continue;
        this.stateByNode.set(node.id, state);
        const line = this.lineByNode.get(node.id);
        if (line) {
          toggle(line, 'cv-link--cut', state !== 'up');
          toggle(line, 'cv-link--oneway', state === 'cut-ab' || state === 'cut-ba');
        }
        const hit = this.hitByNode.get(node.id);
        if (hit) {
          const label = linkAriaLabel(state, node.id, 'cp');
          setAttr(hit, 'aria-label', label);
          setAttr(hit, 'data-link-state', state);
          setText(hit.querySelector('title')!, label.replace('Press', 'Click'));
        }
      }
    }
    const selected = frame.focus.selectedNode;
    if (selected !== this.selected) {
      this.selected = selected;
      for (const line of this.lineByNode.values()) toggle(line, 'cv-link--selected', line.dataset.node === selected);
    }
  }

  /** A heartbeat's link flashes instead of a moving dot (reduced motion). */
  flash(node: string, kind: 'sent' | 'dropped' | null): void {
    const line = this.lineByNode.get(node);
    if (!line) return;
    toggle(line, 'cv-flash', kind === 'sent');
    toggle(line, 'cv-flash-dropped', kind === 'dropped');
  }

  /** Each node's line ends on cp, or on a group's leader (on the whole group while it has none). */
  private draw(layout: ClusterLayout, leader: string | null): void {
    const lines = this.lines
      .selectAll<SVGLineElement, NodeBox>('line.cv-link')
      .data(layout.nodes, (d) => d.id)
      .join((enter) => enter.append('line').attr('class', 'cv-link'));
    attrEach(lines, 'data-node', (d) => d.id);
    const hits = this.hits
      .selectAll<SVGLineElement, NodeBox>('line.cv-link-hit')
      .data(layout.nodes, (d) => d.id)
      .join((enter) =>
        enter
          .append('line')
          .attr('class', 'cv-link-hit')
          .attr('role', 'button')
          .attr('tabindex', 0)
          .call((l) => l.append('title')),
      );
    attrEach(hits, 'data-testid', (d) => `link-${d.id}-cp`);
    attrEach(hits, 'data-a', (d) => d.id);
    attrEach(hits, 'data-b', () => 'cp');
    for (const sel of [lines, hits]) {
      attrEach(sel, 'x1', (d) => cpLink(layout, d, leader).from.x);
      attrEach(sel, 'y1', (d) => cpLink(layout, d, leader).from.y);
      attrEach(sel, 'x2', (d) => cpLink(layout, d, leader).to.x);
      attrEach(sel, 'y2', (d) => cpLink(layout, d, leader).to.y);
    }
    this.lineByNode = new Map(lines.nodes().map((el) => [el.getAttribute('data-node')!, el]));
    this.hitByNode = new Map(hits.nodes().map((el) => [el.getAttribute('data-a')!, el]));
  }
}
