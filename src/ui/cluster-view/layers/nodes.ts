import type { Selection as D3Selection } from 'd3';
import type { NodeView } from '../../../engine/index';
import { copiesText, gapNote, linkState, nodeAriaLabel, nodeTitle, replicasText, truthLine } from '../describe';
import { BELIEF_CLASS, BELIEF_GLYPH } from '../icons';
import type { ClusterLayout, NodeBox } from '../layout';
import { add, setAttr, setAttrs, setText, sizeRect } from './dom';
import type { DefIds, Frame } from './frame';

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
  /** What the node last showed; a node whose signature is unchanged is not touched. */
  sig: string;
}

/**
 * The node boxes: belief (word and icon), truth, replicas, copies, the lesson
 * line when belief and truth disagree, the selection ring and the role of a
 * node holding the selected shard. Each node keeps a signature of what it
 * shows and is skipped while it is unchanged.
 */
export class NodeLayer {
  private layout: ClusterLayout | null = null;
  private refs = new Map<string, NodeRefs>();

  constructor(
    private readonly g: D3Selection<SVGGElement, unknown, null, undefined>,
    private readonly ids: DefIds,
    /** Rendered width of a text in a class (px), for the belief pill. */
    private readonly textWidth: (text: string, cls: string) => number,
  ) {}

  update(frame: Frame): void {
    const { layout, cluster, cuts, focus } = frame;
    if (layout !== this.layout) {
      const previous = this.layout;
      this.layout = layout;
      this.draw(layout, previous, frame);
    }
    const now = frame.state.playback.timeMs;
    const full = layout.mode === 'full';
    for (const node of cluster.nodes) {
      const refs = this.refs.get(node.id);
      const box = layout.nodeById.get(node.id);
      if (!refs || !box) continue;
      const cpState = linkState(cuts, node.id, 'cp');
      const cpCut = cpState !== 'up';
      const note = gapNote(node, now, cpState === 'cut-ba' ? false : cpCut);
      const role = focus.holders?.get(node.id) ?? null;
      const selected = node.id === focus.selectedNode;
      const sig = [
        node.health,
        node.lifecycle,
        node.replicaCount,
        node.copiesIn,
        node.copiesOut,
        node.registered,
        note,
        selected,
        role,
        focus.holders !== null,
        focus.shardId,
        cpCut,
      ].join('|');
      if (sig === refs.sig) continue;
      refs.sig = sig;
      this.paint(refs, box, node, note, full, selected, role, focus.holders !== null, focus.shardId, now, cpCut);
    }
  }

  private draw(layout: ClusterLayout, previous: ClusterLayout | null, frame: Frame): void {
    const full = layout.mode === 'full';
    if (!previous || previous.mode !== layout.mode) {
      this.g.selectAll('*').remove();
      this.refs.clear();
    }
    const groups = this.g
      .selectAll<SVGGElement, NodeBox>('g.cv-node')
      .data(layout.nodes, (d) => d.id)
      .join((enter) => enter.append('g').attr('class', 'cv-node').each((d, i, els) => this.build(els[i], d, full)));
    groups.each(function (d) {
      setAttr(this, 'transform', `translate(${d.x},${d.y})`);
    });
    // Sizes may change on resize: refresh every size-dependent attribute and repaint every node.
    for (const box of layout.nodes) {
      const refs = this.refs.get(box.id);
      if (!refs) continue;
      refs.sig = '';
      sizeRect(refs.ring, -4, -4, box.w + 8, box.h + 8);
      sizeRect(refs.body, 0, 0, box.w, box.h);
      sizeRect(refs.hatch, 0, 0, box.w, box.h);
      setAttr(refs.g.querySelector('.cv-node-cut')!, 'transform', `translate(${box.w / 2},0)`);
      if (!full) {
        setAttr(refs.g.querySelector('.cv-node-icon')!, 'transform', `translate(${box.w - 9.5},${box.h / 2})`);
        const id = refs.g.querySelector<SVGTextElement>('.cv-node-id')!;
        setAttr(id, 'y', String(box.h / 2 + layout.fontPx * 0.36));
        if (id.style.fontSize !== `${layout.fontPx}px`) id.style.fontSize = `${layout.fontPx}px`;
      }
    }
    const ids = new Set(frame.cluster.nodes.map((n) => n.id));
    for (const id of [...this.refs.keys()]) if (!ids.has(id)) this.refs.delete(id);
  }

  private build(g: SVGGElement, box: NodeBox, full: boolean): void {
    g.setAttribute('data-testid', `node-${box.id}`);
    g.setAttribute('data-node-id', box.id);
    g.setAttribute('role', 'button');
    g.setAttribute('tabindex', '0');
    const title = add(g, 'title');
    const ring = add(g, 'rect', 'cv-node-ring');
    const body = add(g, 'rect', 'cv-node-body');
    const hatch = add(g, 'rect', 'cv-node-hatch');
    hatch.setAttribute('fill', `url(#${this.ids.hatch})`);
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
    this.refs.set(box.id, { g, title, ring, body, hatch, glyph, pill, pillIcon, word, truth, reps, note, role, roleRect, roleText, sig: '' });
  }

  private paint(
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
    setAttr(
      g,
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
    setAttr(g, 'data-belief', node.health);
    setAttr(g, 'data-truth', node.lifecycle);
    setAttr(g, 'aria-label', nodeAriaLabel(node));
    setAttr(g, 'aria-pressed', String(selected));
    setText(refs.title, nodeTitle(node, now, role, shardId));
    setAttr(refs.glyph, 'd', BELIEF_GLYPH[node.health]);

    if (full && refs.pill && refs.word && refs.pillIcon && refs.truth && refs.reps && refs.note) {
      const wordW = this.textWidth(node.health, 'cv-pill-word');
      const pillW = Math.round(21 + wordW + 7);
      const pillX = box.w - 6 - pillW;
      setAttrs(refs.pill, { x: pillX, y: 5, width: pillW, height: 18, rx: 9 });
      setAttr(refs.pillIcon, 'transform', `translate(${pillX + 11},14)`);
      setAttrs(refs.word, { x: pillX + 21, y: 18 });
      setText(refs.word, node.health);
      setText(refs.truth, truthLine(node));
      const copies = copiesText(node);
      const compactCopies = [node.copiesIn > 0 ? `↓${node.copiesIn}` : '', node.copiesOut > 0 ? `↑${node.copiesOut}` : '']
        .filter(Boolean)
        .join(' ');
      setText(refs.reps, replicasText(node.replicaCount) + (note && compactCopies ? ` · ${compactCopies}` : ''));
      setText(refs.note, note || copies);
      setAttr(refs.note, 'class', note ? 'cv-node-note cv-node-note--lesson' : 'cv-node-note cv-node-note--copies');
    }

    if (role) {
      const label = full ? role : role === 'primary' ? 'P' : 'R';
      setText(refs.roleText, label);
      const w = full ? (role === 'primary' ? 52 : 48) : 14;
      const x = box.w - w - (full ? 8 : -4);
      const y = full ? box.h - 7 : -7;
      setAttrs(refs.roleRect, { x, y, width: w, height: 14, rx: 7 });
      setAttrs(refs.roleText, { x: x + w / 2, y: y + 10.5 });
      setAttr(refs.role, 'class', `cv-role cv-role--${role}`);
      setAttr(refs.role, 'display', null);
    } else {
      setAttr(refs.role, 'display', 'none');
    }
  }
}
