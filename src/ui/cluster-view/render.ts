import { select, type Selection as D3Selection } from 'd3';
import type { ClusterState, Command, CopyView, FailoverStep, NodeView } from '../../engine/index';
import type { ConsoleViewState, Selection } from '../../store/view-model';
import {
  ALL_PAIR_LINKS_MAX_NODES,
  computeLayout,
  copyCurve,
  cpLink,
  cpLinkMidpoint,
  curvePath,
  curvePoint,
  layoutKey,
  pairCurve,
  boxesOverlap,
  type Box,
  type ClusterLayout,
  type Curve,
  type NodeBox,
  type Point,
} from './layout';
import {
  copiesText,
  cutSet,
  cutWord,
  gapNote,
  linkAriaLabel,
  linkState,
  nodeAriaLabel,
  nodeTitle,
  replicasText,
  truthLine,
  type LinkState,
} from './describe';
import { BELIEF_CLASS, BELIEF_GLYPH } from './icons';
import { PulseLayer } from './pulses';

/**
 * The imperative half of the cluster view. D3 owns the SVG inside one
 * container; React never re-renders per frame. Each store publish calls
 * `update`: layout is recomputed only when the node set, racks or size
 * change; otherwise only attributes that changed are touched (nodes keep a
 * signature of what they show and are skipped when it is unchanged).
 */

export interface ClusterActions {
  select(selection: Selection): void;
  dispatch(command: Command): void;
}

type Layer = D3Selection<SVGGElement, unknown, null, undefined>;

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Node–node cuts drawn individually; beyond this the view only counts them. */
const MAX_DRAWN_PAIR_CUTS = 60;
/** Copy streams get a shard label only when there are this few. */
const MAX_LABELLED_COPIES = 12;
/** Cut markers carry the word "cut" only when there are this few. */
const MAX_WORDED_CUT_MARKERS = 12;

let instanceSeq = 0;

interface NodeRefs {
  g: SVGGElement;
  title: SVGTitleElement;
  ring: SVGRectElement;
  body: SVGRectElement;
  hatch: SVGRectElement;
  glyph: SVGPathElement;
  pill: SVGRectElement | null;
  pillIcon: SVGGElement | null;
  word: SVGTextElement | null;
  truth: SVGTextElement | null;
  reps: SVGTextElement | null;
  note: SVGTextElement | null;
  role: SVGGElement;
  roleRect: SVGRectElement;
  roleText: SVGTextElement;
  sig: string;
}

interface PairDatum {
  key: string;
  a: string;
  b: string;
  state: LinkState;
  curve: Curve;
}

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

interface MarkerDatum {
  key: string;
  at: Point;
  /** Unit vector along the link in the cut direction, for one-way cuts. */
  dir: Point | null;
  word: string | null;
}

const FAILOVER_STEP_TEXT: Record<FailoverStep, string> = {
  idle: '',
  removingFromRouter: 'removing {n} from the router',
  removingFromCoordinator: 'removing {n} from the coordinator',
  waitingGrace: 'grace period before re-homing {n}',
  computingTargets: 'choosing new homes for {n}’s shards',
  migrating: 're-homing {n}’s shards',
  fallback: 'no migrator for {n}: shards stay under-replicated',
  callback: 'failover callback for {n}',
};

export class ClusterRenderer {
  private readonly uid = ++instanceSeq;
  private readonly svg: D3Selection<SVGSVGElement, unknown, null, undefined>;
  /**
   * Heartbeat pulses: HTML dots over the map, moved by compositor
   * animations (see pulses.ts), so a pulse in flight never repaints the map.
   */
  private readonly overlay: D3Selection<HTMLDivElement, unknown, null, undefined>;
  private readonly layers: Record<
    | 'cpLinks'
    | 'cpHits'
    | 'racks'
    | 'pairLinks'
    | 'pairHits'
    | 'copies'
    | 'markers'
    | 'cp'
    | 'nodes'
    | 'copyLabels'
    | 'info',
    Layer
  >;
  private readonly pulses: PulseLayer;
  private layout: ClusterLayout | null = null;
  private key = '';
  private width = 0;
  private height = 0;
  private state: ConsoleViewState | null = null;
  private cuts = new Set<string>();
  private nodeRefs = new Map<string, NodeRefs>();
  private cpLineByNode = new Map<string, SVGLineElement>();
  private cpHitByNode = new Map<string, SVGLineElement>();
  private cpLinkSig = new Map<string, string>();
  private textWidths = new Map<string, number>();
  /** Routed curves for this layout (routing avoids other nodes, so it is worth keeping). */
  private curves = new Map<string, Curve>();
  private infoSig = '';
  private rackSig = '';
  private selectionSig = '';

  constructor(
    private readonly host: HTMLElement,
    private readonly actions: ClusterActions,
  ) {
    this.svg = select(host)
      .append('svg')
      .attr('class', 'cv-svg')
      .attr('role', 'group')
      .attr('aria-label', 'Cluster map');
    this.buildDefs();
    const layer = (name: string): Layer => this.svg.append('g').attr('class', `cv-layer cv-layer-${name}`);
    this.layers = {
      cpLinks: layer('cp-links'),
      cpHits: layer('cp-hits'),
      racks: layer('racks'),
      pairLinks: layer('pair-links'),
      pairHits: layer('pair-hits'),
      copies: layer('copies'),
      markers: layer('markers'),
      cp: layer('cp'),
      nodes: layer('nodes'),
      copyLabels: layer('copy-labels'),
      info: layer('info'),
    };
    this.overlay = select(host).append('div').attr('class', 'cv-overlay').attr('aria-hidden', 'true');
    this.layers.markers.attr('aria-hidden', 'true');
    this.layers.copies.attr('aria-hidden', 'true');
    this.layers.copyLabels.attr('aria-hidden', 'true');
    this.layers.info.attr('aria-hidden', 'true');
    this.pulses = new PulseLayer(this.overlay.node()!, {
      route: (node) => this.pulseRoute(node),
      flash: (node, kind) => {
        const line = this.cpLineByNode.get(node);
        if (!line) return;
        line.classList.toggle('cv-flash', kind === 'sent');
        line.classList.toggle('cv-flash-dropped', kind === 'dropped');
      },
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

  // ------------------------------------------------------------ frame

  private render(): void {
    const state = this.state;
    if (!state || this.width <= 0 || this.height <= 0) return;
    const cluster = state.cluster;
    const input = { nodes: cluster.nodes, racks: cluster.racks, width: this.width, height: this.height };
    const key = layoutKey(input);
    if (key !== this.key || !this.layout) {
      const previous = this.layout;
      this.key = key;
      this.layout = computeLayout(input);
      this.relayout(this.layout, previous, cluster);
    }
    const layout = this.layout;
    this.cuts = cutSet(cluster.cuts);
    this.updateNodes(layout, state);
    this.updateCpLinks(cluster);
    const markers = this.cpCutMarkers(layout, cluster);
    const pairCutCount = this.updatePairLinks(layout, cluster, markers);
    this.updateMarkers(markers);
    this.updateCopies(layout, cluster);
    this.updateRacks(layout, cluster);
    this.updateInfo(layout, cluster, pairCutCount);
    this.pulses.ingest(state);
  }

  private relayout(layout: ClusterLayout, previous: ClusterLayout | null, cluster: ClusterState): void {
    this.svg
      .attr('width', layout.width)
      .attr('height', layout.height)
      .attr('viewBox', `0 0 ${layout.width} ${layout.height}`)
      .attr('class', `cv-svg cv-svg--${layout.mode}`)
      .call(() => this.overlay.style('width', `${layout.width}px`).style('height', `${layout.height}px`))
      .attr(
        'aria-label',
        `Cluster map: ${layout.nodes.length} nodes in ${layout.racks.length} racks, linked to the control plane cp. ` +
          'Each node is a button that opens it in the inspector; each link is a button that cuts or heals it.',
      );
    if (!previous || previous.mode !== layout.mode) {
      this.layers.nodes.selectAll('*').remove();
      this.nodeRefs.clear();
    }
    this.cpLinkSig.clear();
    this.curves.clear();
    this.infoSig = '';
    this.rackSig = '';
    this.pulses.clear();
    this.drawRacks(layout);
    this.drawCp(layout);
    this.drawCpLinks(layout);
    this.drawNodes(layout, cluster);
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

  private drawRacks(layout: ClusterLayout): void {
    this.layers.racks
      .selectAll<SVGGElement, ClusterLayout['racks'][number]>('g.cv-rack')
      .data(layout.racks, (d) => d.id)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'cv-rack');
        g.append('rect').attr('class', 'cv-rack-box');
        g.append('text').attr('class', 'cv-rack-label');
        return g;
      })
      .attr('data-rack-id', (d) => d.id)
      .call((g) =>
        g
          .select('rect')
          .attr('x', (d) => d.x)
          .attr('y', (d) => d.y)
          .attr('width', (d) => d.w)
          .attr('height', (d) => d.h)
          .attr('rx', layout.mode === 'full' ? 10 : 7),
      )
      .call((g) =>
        g
          .select('text')
          .attr('x', (d) => d.labelX)
          .attr('y', (d) => d.labelY)
          .text((d) => (layout.mode === 'full' ? `rack ${d.id}` : d.id)),
      );
  }

  private drawCp(layout: ClusterLayout): void {
    const { cp } = layout;
    const g = this.layers.cp
      .selectAll<SVGGElement, number>('g.cv-cp')
      .data([0])
      .join((enter) => {
        const e = enter.append('g').attr('class', 'cv-cp');
        e.append('title').text('cp — the control plane: the HealthMonitor, the router and the FailoverManager.');
        e.append('polygon').attr('class', 'cv-cp-shape');
        e.append('text').attr('class', 'cv-cp-name').text('cp');
        e.append('text').attr('class', 'cv-cp-sub').text('control plane');
        return e;
      });
    const k = 14;
    const pts = [
      [cp.x + k, cp.y],
      [cp.x + cp.w - k, cp.y],
      [cp.x + cp.w, cp.y + cp.h / 2],
      [cp.x + cp.w - k, cp.y + cp.h],
      [cp.x + k, cp.y + cp.h],
      [cp.x, cp.y + cp.h / 2],
    ];
    g.select('polygon').attr('points', pts.map((p) => p.join(',')).join(' '));
    g.select('.cv-cp-name').attr('x', cp.cx).attr('y', cp.y + 20);
    g.select('.cv-cp-sub').attr('x', cp.cx).attr('y', cp.y + 34);
  }

  private drawCpLinks(layout: ClusterLayout): void {
    const lines = this.layers.cpLinks
      .selectAll<SVGLineElement, NodeBox>('line.cv-link')
      .data(layout.nodes, (d) => d.id)
      .join('line')
      .attr('class', 'cv-link')
      .attr('data-node', (d) => d.id);
    const hits = this.layers.cpHits
      .selectAll<SVGLineElement, NodeBox>('line.cv-link-hit')
      .data(layout.nodes, (d) => d.id)
      .join((enter) =>
        enter
          .append('line')
          .attr('class', 'cv-link-hit')
          .attr('role', 'button')
          .attr('tabindex', 0)
          .call((l) => l.append('title')),
      )
      .attr('data-testid', (d) => `link-${d.id}-cp`)
      .attr('data-a', (d) => d.id)
      .attr('data-b', 'cp');
    for (const sel of [lines, hits]) {
      sel
        .attr('x1', (d) => cpLink(layout, d).from.x)
        .attr('y1', (d) => cpLink(layout, d).from.y)
        .attr('x2', (d) => cpLink(layout, d).to.x)
        .attr('y2', (d) => cpLink(layout, d).to.y);
    }
    this.cpLineByNode = new Map(lines.nodes().map((el) => [el.getAttribute('data-node')!, el]));
    this.cpHitByNode = new Map(hits.nodes().map((el) => [el.getAttribute('data-a')!, el]));
  }

  private drawNodes(layout: ClusterLayout, cluster: ClusterState): void {
    const full = layout.mode === 'full';
    const groups = this.layers.nodes
      .selectAll<SVGGElement, NodeBox>('g.cv-node')
      .data(layout.nodes, (d) => d.id)
      .join((enter) => enter.append('g').attr('class', 'cv-node').each((d, i, els) => this.buildNode(els[i], d, full)));
    groups.attr('transform', (d) => `translate(${d.x},${d.y})`);
    // Sizes may change on resize: refresh every size-dependent attribute and force a redraw of text.
    for (const box of layout.nodes) {
      const refs = this.nodeRefs.get(box.id);
      if (!refs) continue;
      refs.sig = '';
      sizeRect(refs.ring, -4, -4, box.w + 8, box.h + 8);
      sizeRect(refs.body, 0, 0, box.w, box.h);
      sizeRect(refs.hatch, 0, 0, box.w, box.h);
      refs.g.querySelector('.cv-node-cut')!.setAttribute('transform', `translate(${box.w / 2},0)`);
      if (!full) {
        refs.g.querySelector('.cv-node-icon')!.setAttribute('transform', `translate(${box.w - 9.5},${box.h / 2})`);
        refs.g.querySelector('.cv-node-id')!.setAttribute('y', String(box.h / 2 + layout.fontPx * 0.36));
        refs.g.querySelector<SVGTextElement>('.cv-node-id')!.style.fontSize = `${layout.fontPx}px`;
      }
    }
    const ids = new Set(cluster.nodes.map((n) => n.id));
    for (const id of [...this.nodeRefs.keys()]) if (!ids.has(id)) this.nodeRefs.delete(id);
  }

  private buildNode(g: SVGGElement, box: NodeBox, full: boolean): void {
    g.setAttribute('data-testid', `node-${box.id}`);
    g.setAttribute('data-node-id', box.id);
    g.setAttribute('role', 'button');
    g.setAttribute('tabindex', '0');
    const title = add(g, 'title');
    const ring = add(g, 'rect', 'cv-node-ring');
    const body = add(g, 'rect', 'cv-node-body');
    const hatch = add(g, 'rect', 'cv-node-hatch');
    hatch.setAttribute('fill', `url(#${this.id('hatch')})`);
    const id = add(g, 'text', 'cv-node-id');
    id.textContent = box.id;
    let pill: SVGRectElement | null = null;
    let word: SVGTextElement | null = null;
    let truth: SVGTextElement | null = null;
    let reps: SVGTextElement | null = null;
    let note: SVGTextElement | null = null;
    let pillIcon: SVGGElement;
    if (full) {
      setAttrs(id, { x: 8, y: 19 });
      pill = add(g, 'rect', 'cv-pill');
      pillIcon = add(g, 'g', 'cv-icon');
      word = add(g, 'text', 'cv-pill-word');
      truth = add(g, 'text', 'cv-node-truth');
      reps = add(g, 'text', 'cv-node-reps');
      note = add(g, 'text', 'cv-node-note');
      setAttrs(truth, { x: 8, y: 38 });
      setAttrs(reps, { x: 8, y: 53 });
      setAttrs(note, { x: 8, y: 68 });
    } else {
      setAttrs(id, { x: 6 });
      pillIcon = add(g, 'g', 'cv-icon cv-node-icon');
    }
    add(pillIcon, 'circle', 'cv-icon-bg').setAttribute('r', '6');
    const glyph = add(pillIcon, 'path', 'cv-icon-glyph');
    glyph.setAttribute('transform', 'scale(6)');
    // Where the node's link to cp leaves it: a small ✕ when that link is cut.
    const cutBadge = add(g, 'g', 'cv-node-cut');
    cutBadge.setAttribute('transform', `translate(${box.w / 2},0)`);
    add(cutBadge, 'circle', 'cv-cut-bg').setAttribute('r', full ? '6' : '5');
    add(cutBadge, 'path', 'cv-cut-x').setAttribute('d', full ? 'M-2.6,-2.6L2.6,2.6M2.6,-2.6L-2.6,2.6' : 'M-2.2,-2.2L2.2,2.2M2.2,-2.2L-2.2,2.2');
    const role = add(g, 'g', 'cv-role');
    const roleRect = add(role, 'rect', 'cv-role-box');
    const roleText = add(role, 'text', 'cv-role-text');
    this.nodeRefs.set(box.id, {
      g,
      title,
      ring,
      body,
      hatch,
      glyph,
      pill,
      pillIcon,
      word,
      truth,
      reps,
      note,
      role,
      roleRect,
      roleText,
      sig: '',
    });
  }

  // ------------------------------------------------------------ per frame

  private updateNodes(layout: ClusterLayout, state: ConsoleViewState): void {
    const cluster = state.cluster;
    const now = state.playback.timeMs;
    const selection = state.selection;
    const selectedNode = selection?.kind === 'node' ? selection.id : null;
    let holders: Map<string, 'primary' | 'replica'> | null = null;
    let shardId: string | null = null;
    if (selection?.kind === 'shard') {
      shardId = selection.id;
      const shard = cluster.shards.find((s) => s.id === selection.id);
      holders = new Map();
      if (shard) for (const n of shard.replicas) holders.set(n, n === shard.primary ? 'primary' : 'replica');
    }
    const selectionSig = `${selectedNode}|${shardId}`;
    if (selectionSig !== this.selectionSig) {
      this.selectionSig = selectionSig;
      for (const line of this.cpLineByNode.values()) line.classList.toggle('cv-link--selected', line.dataset.node === selectedNode);
    }
    const full = layout.mode === 'full';
    for (const node of cluster.nodes) {
      const refs = this.nodeRefs.get(node.id);
      const box = layout.nodeById.get(node.id);
      if (!refs || !box) continue;
      const cpCut = linkState(this.cuts, node.id, 'cp') !== 'up';
      const note = gapNote(node, now, linkState(this.cuts, node.id, 'cp') === 'cut-ba' ? false : cpCut);
      const role = holders?.get(node.id) ?? null;
      const sig = [
        node.health,
        node.lifecycle,
        node.replicaCount,
        node.copiesIn,
        node.copiesOut,
        node.registered,
        note,
        node.id === selectedNode,
        role,
        holders !== null,
        cpCut,
      ].join('|');
      if (sig === refs.sig) continue;
      refs.sig = sig;
      this.paintNode(refs, box, node, note, full, node.id === selectedNode, role, holders !== null, shardId, now, cpCut);
    }
  }

  private paintNode(
    refs: NodeRefs,
    box: NodeBox,
    node: NodeView,
    note: string,
    full: boolean,
    selected: boolean,
    role: 'primary' | 'replica' | null,
    shardSelected: boolean,
    shardId: string | null,
    now: number,
    cpCut: boolean,
  ): void {
    const g = refs.g;
    const belief = BELIEF_CLASS[node.health];
    g.setAttribute(
      'class',
      [
        'cv-node',
        `cv-belief-${belief}`,
        `cv-truth-${node.lifecycle}`,
        node.up ? '' : 'cv-node--down',
        selected ? 'cv-node--selected' : '',
        role ? 'cv-node--holds' : '',
        shardSelected && !role ? 'cv-node--faded' : '',
        !node.up && node.health === 'ACTIVE' ? 'cv-node--gap' : '',
        cpCut ? 'cv-node--cp-cut' : '',
      ]
        .filter(Boolean)
        .join(' '),
    );
    g.setAttribute('data-belief', node.health);
    g.setAttribute('data-truth', node.lifecycle);
    g.setAttribute('aria-label', nodeAriaLabel(node));
    g.setAttribute('aria-pressed', String(selected));
    refs.title.textContent = nodeTitle(node, now, role, shardId);
    refs.glyph.setAttribute('d', BELIEF_GLYPH[node.health]);

    if (full && refs.pill && refs.word && refs.pillIcon && refs.truth && refs.reps && refs.note) {
      const wordW = this.textWidth(node.health, 'cv-pill-word');
      const pillW = Math.round(21 + wordW + 7);
      const pillX = box.w - 6 - pillW;
      setAttrs(refs.pill, { x: pillX, y: 5, width: pillW, height: 18, rx: 9 });
      refs.pillIcon.setAttribute('transform', `translate(${pillX + 11},14)`);
      setAttrs(refs.word, { x: pillX + 21, y: 18 });
      refs.word.textContent = node.health;
      refs.truth.textContent = truthLine(node);
      const copies = copiesText(node);
      const compactCopies = [node.copiesIn > 0 ? `↓${node.copiesIn}` : '', node.copiesOut > 0 ? `↑${node.copiesOut}` : '']
        .filter(Boolean)
        .join(' ');
      refs.reps.textContent = replicasText(node.replicaCount) + (note && compactCopies ? ` · ${compactCopies}` : '');
      refs.note.textContent = note || copies;
      refs.note.setAttribute('class', note ? 'cv-node-note cv-node-note--lesson' : 'cv-node-note cv-node-note--copies');
    }

    if (role) {
      const label = full ? role : role === 'primary' ? 'P' : 'R';
      refs.roleText.textContent = label;
      const w = full ? (role === 'primary' ? 52 : 48) : 14;
      const x = box.w - w - (full ? 8 : -4);
      const y = full ? box.h - 7 : -7;
      setAttrs(refs.roleRect, { x, y, width: w, height: 14, rx: 7 });
      setAttrs(refs.roleText, { x: x + w / 2, y: y + 10.5 });
      refs.role.setAttribute('class', `cv-role cv-role--${role}`);
      refs.role.removeAttribute('display');
    } else {
      refs.role.setAttribute('display', 'none');
    }
  }

  private updateCpLinks(cluster: ClusterState): void {
    for (const node of cluster.nodes) {
      const state = linkState(this.cuts, node.id, 'cp');
      if (this.cpLinkSig.get(node.id) === state) continue;
      this.cpLinkSig.set(node.id, state);
      const line = this.cpLineByNode.get(node.id);
      if (line) {
        line.classList.toggle('cv-link--cut', state !== 'up');
        line.classList.toggle('cv-link--oneway', state === 'cut-ab' || state === 'cut-ba');
      }
      const hit = this.cpHitByNode.get(node.id);
      if (hit) {
        const label = linkAriaLabel(state, node.id, 'cp');
        hit.setAttribute('aria-label', label);
        hit.setAttribute('data-link-state', state);
        hit.querySelector('title')!.textContent = label.replace('Press', 'Click');
      }
    }
  }

  private cpCutMarkers(layout: ClusterLayout, cluster: ClusterState): MarkerDatum[] {
    const markers: MarkerDatum[] = [];
    if (this.cuts.size === 0) return markers;
    for (const node of cluster.nodes) {
      const state = linkState(this.cuts, node.id, 'cp');
      if (state === 'up') continue;
      const box = layout.nodeById.get(node.id);
      if (!box) continue;
      const { from, to } = cpLink(layout, box);
      markers.push({
        key: `${node.id}|cp`,
        at: cpLinkMidpoint(layout, box),
        dir: oneWayDir(state, from, to),
        word: cutWord(state, node.id, 'cp'),
      });
    }
    return markers;
  }

  /** Node–node links: all pairs for small clusters, only the cut ones otherwise. Returns how many pairs are cut. */
  private updatePairLinks(layout: ClusterLayout, cluster: ClusterState, markers: MarkerDatum[]): number {
    const pairs: PairDatum[] = [];
    let cutPairs = 0;
    const nodes = cluster.nodes;
    if (nodes.length <= ALL_PAIR_LINKS_MAX_NODES) {
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const a = layout.nodeById.get(nodes[i].id);
          const b = layout.nodeById.get(nodes[j].id);
          if (!a || !b) continue;
          const state = linkState(this.cuts, a.id, b.id);
          if (state !== 'up') cutPairs++;
          pairs.push({ key: `${a.id}|${b.id}`, a: a.id, b: b.id, state, curve: this.pairCurveCached(layout, a, b) });
        }
      }
    } else if (this.cuts.size > 0) {
      const index = new Map(nodes.map((n, i) => [n.id, i]));
      const seen = new Set<string>();
      for (const key of this.cuts) {
        const [from, to] = key.split('>');
        if (from === 'cp' || to === 'cp') continue;
        const [a, b] = (index.get(from) ?? 0) <= (index.get(to) ?? 0) ? [from, to] : [to, from];
        const pairKey = `${a}|${b}`;
        if (seen.has(pairKey)) continue;
        seen.add(pairKey);
        cutPairs++;
        const boxA = layout.nodeById.get(a);
        const boxB = layout.nodeById.get(b);
        if (!boxA || !boxB || pairs.length >= MAX_DRAWN_PAIR_CUTS) continue;
        pairs.push({ key: pairKey, a, b, state: linkState(this.cuts, a, b), curve: this.pairCurveCached(layout, boxA, boxB) });
      }
    }
    for (const p of pairs) {
      if (p.state === 'up') continue;
      const mid = curvePoint(p.curve, 0.5);
      const ahead = curvePoint(p.curve, 0.52);
      markers.push({
        key: p.key,
        at: mid,
        dir: oneWayDir(p.state, mid, ahead),
        word: cutWord(p.state, p.a, p.b),
      });
    }
    this.layers.pairLinks
      .selectAll<SVGPathElement, PairDatum>('path.cv-pair')
      .data(pairs, (d) => d.key)
      .join('path')
      .attr('class', (d) => (d.state === 'up' ? 'cv-pair' : 'cv-pair cv-link--cut'))
      .attr('d', (d) => curvePath(d.curve));
    this.layers.pairHits
      .selectAll<SVGPathElement, PairDatum>('path.cv-pair-hit')
      .data(pairs, (d) => d.key)
      .join((enter) =>
        enter
          .append('path')
          .attr('class', 'cv-pair-hit')
          .attr('role', 'button')
          .attr('tabindex', 0)
          .call((p) => p.append('title')),
      )
      .attr('data-testid', (d) => `link-${d.a}-${d.b}`)
      .attr('data-a', (d) => d.a)
      .attr('data-b', (d) => d.b)
      .attr('data-link-state', (d) => d.state)
      .attr('aria-label', (d) => linkAriaLabel(d.state, d.a, d.b))
      .attr('d', (d) => curvePath(d.curve))
      .select('title')
      .text((d) => linkAriaLabel(d.state, d.a, d.b).replace('Press', 'Click'));
    return cutPairs;
  }

  private updateMarkers(markers: MarkerDatum[]): void {
    const worded = markers.length <= MAX_WORDED_CUT_MARKERS;
    this.layers.markers
      .selectAll<SVGGElement, MarkerDatum>('g.cv-cut')
      .data(markers, (d) => d.key)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'cv-cut');
        g.append('circle').attr('class', 'cv-cut-bg').attr('r', 7.5);
        g.append('path').attr('class', 'cv-cut-x').attr('d', 'M-3.4,-3.4L3.4,3.4M3.4,-3.4L-3.4,3.4');
        g.append('path').attr('class', 'cv-cut-dir');
        g.append('text').attr('class', 'cv-cut-word').attr('x', 11).attr('y', 4);
        return g;
      })
      .attr('transform', (d) => `translate(${d.at.x.toFixed(1)},${d.at.y.toFixed(1)})`)
      .call((g) =>
        g.select<SVGPathElement>('.cv-cut-dir').attr('d', (d) => {
          if (!d.dir) return null;
          // A small arrowhead just past the marker, pointing the way messages are dropped.
          const { x, y } = d.dir;
          const tip = { x: x * 16, y: y * 16 };
          const base = { x: x * 10, y: y * 10 };
          const n = { x: -y * 4, y: x * 4 };
          return `M${tip.x},${tip.y}L${base.x + n.x},${base.y + n.y}L${base.x - n.x},${base.y - n.y}Z`;
        }),
      )
      .call((g) => g.select('text').text((d) => (worded || d.dir ? d.word : null)));
  }

  private updateCopies(layout: ClusterLayout, cluster: ClusterState): void {
    const lanes = new Map<string, number>();
    const data: CopyDatum[] = [];
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
      const curveKey = `copy:${source.id}>${target.id}#${lane}`;
      let curve = this.curves.get(curveKey);
      if (!curve) {
        curve = copyCurve(layout, source, target, lane);
        this.curves.set(curveKey, curve);
      }
      data.push({ key: `${copy.shard}>${copy.target}`, copy, curve, frac });
    }
    const arrow = `url(#${this.id('arrow-copy')})`;
    this.layers.copies
      .selectAll<SVGGElement, CopyDatum>('g.cv-copy')
      .data(data, (d) => d.key)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'cv-copy');
        g.append('path').attr('class', 'cv-copy-track').attr('marker-end', arrow);
        g.append('path').attr('class', 'cv-copy-progress').attr('pathLength', 1);
        return g;
      })
      .attr('data-shard', (d) => d.copy.shard)
      .attr('data-phase', (d) => d.copy.phase)
      .each((d, i, els) => {
        const g = els[i];
        const path = curvePath(d.curve);
        const track = g.children[0] as SVGPathElement;
        const progress = g.children[1] as SVGPathElement;
        if (track.getAttribute('d') !== path) {
          track.setAttribute('d', path);
          progress.setAttribute('d', path);
        }
        progress.setAttribute('stroke-dasharray', `${d.frac.toFixed(3)} 1`);
        progress.classList.toggle('cv-copy-progress--tail', d.copy.phase === 'catchingUp');
      });
    this.updateCopyLabels(layout, data.length <= MAX_LABELLED_COPIES ? data : []);
  }

  /** Shard labels on copy streams, placed where they cover no node, cp, rack label or other label; else left out. */
  private updateCopyLabels(layout: ClusterLayout, data: CopyDatum[]): void {
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
    this.layers.copyLabels
      .selectAll<SVGGElement, CopyLabel>('g.cv-copy-label')
      .data(labels, (d) => d.key)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'cv-copy-label');
        g.append('rect').attr('rx', 4).attr('height', 15);
        g.append('text').attr('y', 11);
        return g;
      })
      .attr('transform', (d) => `translate(${d.box.x.toFixed(1)},${d.box.y.toFixed(1)})`)
      .call((g) => g.select('rect').attr('width', (d) => d.box.w))
      .call((g) =>
        g
          .select('text')
          .attr('x', (d) => d.box.w / 2)
          .text((d) => d.text),
      );
  }

  private updateRacks(layout: ClusterLayout, cluster: ClusterState): void {
    const down = new Map<string, boolean>();
    // "All down" matters for racks of several nodes (a rack failure); a one-node rack says it on the node.
    for (const rack of layout.racks) down.set(rack.id, rack.nodeIds.length > 1);
    for (const node of cluster.nodes) if (node.up) down.set(node.rack, false);
    const sig = [...down].map(([id, d]) => `${id}:${d}`).join(',');
    if (sig === this.rackSig) return;
    this.rackSig = sig;
    this.layers.racks
      .selectAll<SVGGElement, ClusterLayout['racks'][number]>('g.cv-rack')
      .classed('cv-rack--down', (d) => down.get(d.id) === true)
      .select('text')
      .text((d) => {
        const base = layout.mode === 'full' ? `rack ${d.id}` : d.id;
        return down.get(d.id) ? `${base} · all down` : base;
      });
  }

  /** Small words beside cp: the monitor's thresholds and cuts on the left, failover and copies on the right. */
  private updateInfo(layout: ClusterLayout, cluster: ClusterState, pairCuts: number): void {
    const p = cluster.params;
    let cpCuts = 0;
    for (const node of cluster.nodes) if (linkState(this.cuts, node.id, 'cp') !== 'up') cpCuts++;
    const fm = cluster.failoverManager;
    const left = [
      `heartbeat every ${seconds(p.heartbeatIntervalMs)}`,
      `SUSPECT after ${seconds(p.suspectAfterMs)} · DEAD after ${seconds(p.deadAfterMs)}`,
    ];
    const cutsLine = [cpCuts > 0 ? `${cpCuts} cp link${cpCuts === 1 ? '' : 's'} cut` : '', pairCuts > 0 ? `${pairCuts} node link${pairCuts === 1 ? '' : 's'} cut` : '']
      .filter(Boolean)
      .join(' · ');
    const failover = fm.step === 'idle' || !fm.currentNode ? '' : `failover: ${FAILOVER_STEP_TEXT[fm.step].replace('{n}', fm.currentNode)}`;
    const inFlight = cluster.copies.filter((c) => c.phase !== 'queued').length;
    const queued = cluster.copies.length - inFlight;
    const copiesLine = cluster.copies.length > 0 ? `${inFlight} cop${inFlight === 1 ? 'y' : 'ies'} in flight${queued > 0 ? `, ${queued} queued` : ''}` : '';
    const sig = [layout.width, ...left, cutsLine, failover, copiesLine].join('|');
    if (sig === this.infoSig) return;
    this.infoSig = sig;

    const { cp } = layout;
    const leftRoom = cp.x - 16;
    const rightRoom = layout.width - (cp.x + cp.w) - 16;
    // Each side shows what fits (at ~6 px a character), never overlapping cp.
    const fit = (text: string, room: number) => (text.length * 6 <= room ? text : '');
    const rows: { key: string; x: number; y: number; anchor: string; cls: string; text: string }[] = [];
    const leftX = cp.x - 12;
    const rightX = cp.x + cp.w + 12;
    rows.push({ key: 'l0', x: leftX, y: cp.y + 14, anchor: 'end', cls: 'cv-info', text: fit(left[0], leftRoom) });
    rows.push({ key: 'l1', x: leftX, y: cp.y + 28, anchor: 'end', cls: 'cv-info', text: fit(left[1], leftRoom) });
    rows.push({ key: 'l2', x: leftX, y: cp.y + 42, anchor: 'end', cls: 'cv-info cv-info--cut', text: fit(cutsLine, leftRoom) });
    rows.push({ key: 'r0', x: rightX, y: cp.y + 14, anchor: 'start', cls: 'cv-info cv-info--failover', text: fit(failover, rightRoom) });
    rows.push({ key: 'r1', x: rightX, y: cp.y + 28, anchor: 'start', cls: 'cv-info cv-info--copy', text: fit(copiesLine, rightRoom) });
    this.layers.info
      .selectAll<SVGTextElement, (typeof rows)[number]>('text')
      .data(rows, (d) => d.key)
      .join('text')
      .attr('class', (d) => d.cls)
      .attr('x', (d) => d.x)
      .attr('y', (d) => d.y)
      .attr('text-anchor', (d) => d.anchor)
      .text((d) => d.text);
  }

  // ------------------------------------------------------------ helpers

  private pairCurveCached(layout: ClusterLayout, a: NodeBox, b: NodeBox): Curve {
    const key = `pair:${a.id}|${b.id}`;
    let curve = this.curves.get(key);
    if (!curve) {
      curve = pairCurve(layout, a, b);
      this.curves.set(key, curve);
    }
    return curve;
  }

  private pulseRoute(node: string): { from: Point; to: Point; cut: Point } | null {
    const layout = this.layout;
    const box = layout?.nodeById.get(node);
    if (!layout || !box) return null;
    const { from, to } = cpLink(layout, box);
    // Pulses start where the link leaves the node's rack, so they never cross node text.
    const rack = layout.racks.find((r) => r.id === box.rack);
    const startY = rack ? rack.y : from.y;
    const t = from.y === to.y ? 0 : (from.y - startY) / (from.y - to.y);
    const start = { x: from.x + (to.x - from.x) * t, y: startY };
    return { from: start, to, cut: cpLinkMidpoint(layout, box) };
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
    const node = target.closest('[data-node-id]');
    if (node) {
      this.actions.select({ kind: 'node', id: node.getAttribute('data-node-id')! });
      return;
    }
    const link = target.closest('[data-a][data-b]');
    if (link && link.getAttribute('role') === 'button') {
      const a = link.getAttribute('data-a')!;
      const b = link.getAttribute('data-b')!;
      const state = linkState(this.cuts, a, b);
      this.actions.dispatch(state === 'up' ? { type: 'link.cut', a, b } : { type: 'link.heal', a, b });
    }
  }
}

// ---------------------------------------------------------------- small DOM helpers

function add<K extends keyof SVGElementTagNameMap>(parent: Element, tag: K, cls?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag) as SVGElementTagNameMap[K];
  if (cls) el.setAttribute('class', cls);
  parent.appendChild(el);
  return el;
}

function setAttrs(el: Element, attrs: Record<string, number | string>): void {
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, typeof v === 'number' ? String(Math.round(v * 10) / 10) : v);
}

function sizeRect(el: SVGRectElement, x: number, y: number, w: number, h: number): void {
  setAttrs(el, { x, y, width: w, height: h });
}

function oneWayDir(state: LinkState, from: Point, to: Point): Point | null {
  if (state !== 'cut-ab' && state !== 'cut-ba') return null;
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const len = Math.hypot(dx, dy) || 1;
  const sign = state === 'cut-ab' ? 1 : -1;
  return { x: (sign * dx) / len, y: (sign * dy) / len };
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
