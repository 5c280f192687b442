import { select, type Selection as D3Selection } from 'd3';
import type { Command, LinkCut } from '../../engine/index';
import type { ConsoleViewState, Selection } from '../../store/view-model';
import { cutSet, linkState } from './describe';
import { computeLayout, cpLink, cpLinkMidpoint, layoutKey, type ClusterLayout, type Point } from './layout';
import { ControlPlaneLayer } from './layers/control-plane';
import { CopyLayer } from './layers/copies';
import { CpLinkLayer } from './layers/cp-links';
import { CutLinkLayer } from './layers/cut-links';
import { add, setAttr } from './layers/dom';
import { CurveCache, type DefIds, type Focus, type Frame } from './layers/frame';
import { InfoLayer } from './layers/info';
import { NodeLayer } from './layers/nodes';
import { RackLayer } from './layers/racks';
import { PulseLayer } from './pulses';

/**
 * The imperative half of the cluster view, and the coordinator of its layers.
 * D3 owns the SVG inside one container; React never re-renders per frame.
 * The map is drawn only when the store publishes (or the box is resized),
 * never on a timer: between publishes the only motion is heartbeat pulses,
 * which run on the compositor (pulses.ts).
 *
 * Each pass hands every layer the same Frame. The layout, the cut set and
 * the selection focus keep their identity while unchanged, so each layer
 * compares its last inputs and skips its work, and within a layer an
 * attribute is written only when its value changes (layers/dom.ts).
 *
 * Layers, back to front: cp links, their hit lines, racks, node–node links
 * and their hit paths, copy arcs, cut markers, cp, nodes, copy labels, the
 * words beside cp; heartbeat pulses as HTML dots over it all.
 */

export interface ClusterActions {
  select(selection: Selection): void;
  dispatch(command: Command): void;
  /** A control plane member's chip was pressed: open the journal view (absent: the chips do nothing). */
  openJournal?(member: string): void;
}

/** What cluster-view.tsx needs from a map renderer, so it can pick this detailed map or another (an aggregate view at scale). */
export interface ClusterMapRenderer {
  update(state: ConsoleViewState): void;
  resize(width: number, height: number): void;
  destroy(): void;
}

type Group = D3Selection<SVGGElement, unknown, null, undefined>;

let instanceSeq = 0;

export class ClusterRenderer implements ClusterMapRenderer {
  private readonly uid = ++instanceSeq;
  private readonly svg: D3Selection<SVGSVGElement, unknown, null, undefined>;
  /**
   * Heartbeat pulses: HTML dots over the map, moved by compositor
   * animations (see pulses.ts), so a pulse in flight never repaints the map.
   */
  private readonly overlay: D3Selection<HTMLDivElement, unknown, null, undefined>;
  private readonly ids: DefIds;
  private readonly curves = new CurveCache();
  private readonly racks: RackLayer;
  private readonly cp: ControlPlaneLayer;
  private readonly cpLinks: CpLinkLayer;
  private readonly cutLinks: CutLinkLayer;
  private readonly copies: CopyLayer;
  private readonly nodes: NodeLayer;
  private readonly info: InfoLayer;
  private readonly pulses: PulseLayer;
  private layout: ClusterLayout | null = null;
  private key = '';
  private width = 0;
  private height = 0;
  private state: ConsoleViewState | null = null;
  /** The state last drawn at the size last drawn: a second publish of the same object is not drawn again. */
  private drawn: { state: ConsoleViewState; layout: ClusterLayout } | null = null;
  private cuts: { list: readonly LinkCut[] | null; sig: string; set: ReadonlySet<string> } = { list: null, sig: '', set: new Set() };
  private focus: Focus = { selectedNode: null, shardId: null, holders: null, sig: 'null|null|' };
  /** The control plane member the links and heartbeat pulses run to (a group's leader), or null. */
  private cpLeader: string | null = null;
  private cpEnd = 'cp';
  private textWidths = new Map<string, number>();

  constructor(
    private readonly host: HTMLElement,
    private readonly actions: ClusterActions,
  ) {
    this.ids = { hatch: this.id('hatch'), arrowCopy: this.id('arrow-copy') };
    this.svg = select(host)
      .append('svg')
      .attr('class', 'cv-svg')
      .attr('role', 'group')
      .attr('aria-label', 'Cluster map');
    this.buildDefs();
    const layer = (name: string): Group => this.svg.append('g').attr('class', `cv-layer cv-layer-${name}`);
    const cpLinks = layer('cp-links');
    const cpHits = layer('cp-hits');
    const racks = layer('racks');
    const pairLinks = layer('pair-links');
    const pairHits = layer('pair-hits');
    const copies = layer('copies');
    const markers = layer('markers');
    const cp = layer('cp');
    const nodes = layer('nodes');
    const copyLabels = layer('copy-labels');
    const info = layer('info');
    for (const quiet of [markers, copies, copyLabels, info]) quiet.attr('aria-hidden', 'true');
    this.overlay = select(host).append('div').attr('class', 'cv-overlay').attr('aria-hidden', 'true');

    this.racks = new RackLayer(racks);
    this.cp = new ControlPlaneLayer(cp);
    this.cpLinks = new CpLinkLayer(cpLinks, cpHits);
    this.cutLinks = new CutLinkLayer(pairLinks, pairHits, markers, this.curves);
    this.copies = new CopyLayer(copies, copyLabels, this.curves, this.ids);
    this.nodes = new NodeLayer(nodes, this.ids, (text, cls) => this.textWidth(text, cls));
    this.info = new InfoLayer(info);
    this.pulses = new PulseLayer(this.overlay.node()!, {
      route: (node) => this.pulseRoute(node),
      flash: (node, kind) => this.cpLinks.flash(node, kind),
    });
    const svgNode = this.svg.node()!;
    svgNode.addEventListener('click', this.onClick);
    svgNode.addEventListener('keydown', this.onKeyDown);
  }

  update(state: ConsoleViewState): void {
    this.state = state;
    this.render();
  }

  resize(width: number, height: number): void {
    if (width === this.width && height === this.height) return;
    this.width = width;
    this.height = height;
    this.render();
  }

  destroy(): void {
    this.pulses.destroy();
    const svgNode = this.svg.node()!;
    svgNode.removeEventListener('click', this.onClick);
    svgNode.removeEventListener('keydown', this.onKeyDown);
    this.svg.remove();
    this.overlay.remove();
  }

  // ------------------------------------------------------------ one pass

  private render(): void {
    const state = this.state;
    if (!state || this.width <= 0 || this.height <= 0) return;
    const cluster = state.cluster;
    const group = state.controlPlane.view?.group ?? null;
    const cpMembers = group?.members.map((m) => m.id);
    const input = { nodes: cluster.nodes, racks: cluster.racks, width: this.width, height: this.height, cpMembers };
    const key = layoutKey(input);
    if (key !== this.key || !this.layout) {
      this.key = key;
      this.layout = computeLayout(input);
      this.relayout(this.layout);
    }
    const layout = this.layout;
    if (this.drawn && this.drawn.state === state && this.drawn.layout === layout) return;
    this.drawn = { state, layout };
    this.cpLeader = group?.leader ?? null;
    this.cpEnd = group === null ? 'cp' : (group.leader ?? group.members.find((m) => m.up)?.id ?? group.members[0].id);
    const frame: Frame = { state, cluster, layout, cuts: this.cutsOf(cluster.cuts), focus: this.focusOf(state), cpLeader: this.cpLeader, cpEnd: this.cpEnd };
    this.nodes.update(frame);
    this.cpLinks.update(frame);
    this.cutLinks.update(frame);
    this.copies.update(frame);
    this.racks.update(frame);
    this.cp.update(layout, group, frame.cuts);
    this.info.update(frame, this.cutLinks.pairCuts);
    this.pulses.ingest(state);
  }

  /** The SVG's own size and name, and a fresh start for pulses: only when the layout changes. */
  private relayout(layout: ClusterLayout): void {
    const svg = this.svg.node()!;
    setAttr(svg, 'width', layout.width);
    setAttr(svg, 'height', layout.height);
    setAttr(svg, 'viewBox', `0 0 ${layout.width} ${layout.height}`);
    setAttr(svg, 'class', `cv-svg cv-svg--${layout.mode}`);
    const overlay = this.overlay.node()!;
    if (overlay.style.width !== `${layout.width}px`) overlay.style.width = `${layout.width}px`;
    if (overlay.style.height !== `${layout.height}px`) overlay.style.height = `${layout.height}px`;
    setAttr(
      svg,
      'aria-label',
      `Cluster map: ${layout.nodes.length} nodes in ${layout.racks.length} racks, linked to the control plane cp. ` +
        'Each node is a button that opens it in the inspector; each link is a button that cuts or heals it.',
    );
    this.pulses.clear();
  }

  /** The cut set, the same object while the cuts are the same (compared by a signature: the list is new every publish). */
  private cutsOf(list: readonly LinkCut[]): ReadonlySet<string> {
    if (list === this.cuts.list) return this.cuts.set;
    let sig = '';
    for (const c of list) sig += `${c.from}>${c.to},`;
    if (sig !== this.cuts.sig) this.cuts = { list, sig, set: cutSet(list) };
    else this.cuts.list = list;
    return this.cuts.set;
  }

  /** The selection with the nodes holding a selected shard; the same object while they are unchanged. */
  private focusOf(state: ConsoleViewState): Focus {
    const selection = state.selection;
    const selectedNode = selection?.kind === 'node' ? selection.id : null;
    let shardId: string | null = null;
    let holders: Map<string, 'primary' | 'replica'> | null = null;
    let sig = `${selectedNode}|`;
    if (selection?.kind === 'shard') {
      shardId = selection.id;
      holders = new Map();
      const shard = state.cluster.shards.find((s) => s.id === selection.id);
      if (shard) for (const n of shard.replicas) holders.set(n, n === shard.primary ? 'primary' : 'replica');
      sig += shardId;
      for (const [n, role] of holders) sig += `|${n}:${role}`;
    } else {
      sig += 'null|';
    }
    if (sig !== this.focus.sig) this.focus = { selectedNode, shardId, holders, sig };
    return this.focus;
  }

  // ------------------------------------------------------------ static parts

  private buildDefs(): void {
    const defs = this.svg.append('defs');
    const hatch = defs
      .append('pattern')
      .attr('id', this.id('hatch'))
      .attr('width', 7)
      .attr('height', 7)
      .attr('patternUnits', 'userSpaceOnUse')
      .attr('patternTransform', 'rotate(45)');
    hatch.append('line').attr('class', 'cv-hatch-line').attr('x1', 0).attr('y1', 0).attr('x2', 0).attr('y2', 7);
    defs
      .append('marker')
      .attr('id', this.id('arrow-copy'))
      .attr('viewBox', '0 0 10 10')
      .attr('refX', 8)
      .attr('refY', 5)
      .attr('markerWidth', 7)
      .attr('markerHeight', 7)
      .attr('markerUnits', 'userSpaceOnUse')
      .attr('orient', 'auto')
      .append('path')
      .attr('class', 'cv-arrow-copy')
      .attr('d', 'M0,0L10,5L0,10z');
  }

  private id(name: string): string {
    return `cv${this.uid}-${name}`;
  }

  // ------------------------------------------------------------ helpers

  private pulseRoute(node: string): { from: Point; to: Point; cut: Point } | null {
    const layout = this.layout;
    const box = layout?.nodeById.get(node);
    if (!layout || !box) return null;
    const { from, to } = cpLink(layout, box, this.cpLeader);
    // Pulses start where the link leaves the node's rack, so they never cross node text.
    const rack = layout.racks.find((r) => r.id === box.rack);
    const startY = rack ? rack.y : from.y;
    const t = from.y === to.y ? 0 : (from.y - startY) / (from.y - to.y);
    const start = { x: from.x + (to.x - from.x) * t, y: startY };
    return { from: start, to, cut: cpLinkMidpoint(layout, box, this.cpLeader) };
  }

  private textWidth(text: string, cls: string): number {
    const key = `${cls}|${text}`;
    const cached = this.textWidths.get(key);
    if (cached !== undefined) return cached;
    const probe = add(this.svg.node()!, 'text', cls);
    probe.textContent = text;
    let width = 0;
    try {
      width = probe.getComputedTextLength();
    } catch {
      width = 0;
    }
    probe.remove();
    if (!(width > 0)) return text.length * 6.6;
    this.textWidths.set(key, width);
    return width;
  }

  private onClick = (event: MouseEvent): void => {
    this.activate(event.target);
  };

  private onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' && event.key !== ' ' && event.key !== 'Spacebar') return;
    if (!(event.target instanceof Element) || event.target.getAttribute('role') !== 'button') return;
    event.preventDefault();
    event.stopPropagation();
    this.activate(event.target);
  };

  private activate(target: EventTarget | null): void {
    if (!(target instanceof Element)) return;
    const member = target.closest('[data-cp-member]');
    if (member) {
      this.actions.openJournal?.(member.getAttribute('data-cp-member')!);
      return;
    }
    const node = target.closest('[data-node-id]');
    if (node) {
      this.actions.select({ kind: 'node', id: node.getAttribute('data-node-id')! });
      return;
    }
    const link = target.closest('[data-a][data-b]');
    if (link && link.getAttribute('role') === 'button') {
      const a = link.getAttribute('data-a')!;
      const b = link.getAttribute('data-b')!;
      // A node's cp link shows (and toggles by) its state toward the leader; `cp` in the command means every member.
      const state = linkState(this.cuts.set, a, b === 'cp' ? this.cpEnd : b);
      this.actions.dispatch(state === 'up' ? { type: 'link.cut', a, b } : { type: 'link.heal', a, b });
    }
  }
}
