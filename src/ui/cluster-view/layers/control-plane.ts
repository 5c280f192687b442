import type { Selection as D3Selection } from 'd3';
import type { CpMemberView } from '../../../engine/index';
import type { ControlPlanePanelView } from '../../../store/control-plane-panel';
import type { ClusterLayout, CpMemberBox } from '../layout';
import { cpMemberWords, CP_ROLE_GLYPH } from '../../control-plane/cp-words';
import { linkState, type LinkState } from '../describe';
import { attrEach, setAttr, setText, toggle } from './dom';

type Layer = D3Selection<SVGGElement, unknown, null, undefined>;

/** Below this chip width (px) the term and the journal index go on lines of their own. */
const CP_CHIP_FULL_W = 118;

/**
 * The control plane. One `cp`: a hexagon with its name, drawn once per layout (nothing on it changes while the run
 * plays). A group (design §8): one chip per member with its name, role (glyph and word), term and journal index,
 * each a button that opens the journal view; redrawn only when a member's words change.
 */
export class ControlPlaneLayer {
  private layout: ClusterLayout | null = null;
  private sig = '';

  constructor(private readonly g: Layer) {}

  update(layout: ClusterLayout, group: ControlPlanePanelView['group'] | null, cuts: ReadonlySet<string> = new Set()): void {
    if (layout.cpMembers.length === 0 || group === null) {
      this.drawGroup(null, layout, cuts);
      this.drawHexagon(layout);
      return;
    }
    this.drawHexagon(null);
    this.drawGroup(group, layout, cuts);
  }

  private drawHexagon(layout: ClusterLayout | null): void {
    if (layout === null) {
      this.g.selectAll('g.cv-cp').remove();
      this.layout = null;
      return;
    }
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

  private drawGroup(group: ControlPlanePanelView['group'] | null, layout: ClusterLayout, cuts: ReadonlySet<string>): void {
    if (group === null) {
      if (this.sig !== '') this.g.selectAll('g.cv-cp-members').remove();
      this.sig = '';
      return;
    }
    const byId = new Map(group.members.map((m) => [m.id, m]));
    const peers = peerLinks(layout.cpMembers, cuts);
    const sig = [
      layout.width,
      group.leader,
      group.term,
      group.journal,
      ...group.members.map((m) => `${m.id}:${m.role}:${m.term}:${m.journalIndex}:${m.appliedIndex}`),
      ...peers.map((p) => `${p.a}-${p.b}:${p.state}`),
    ].join('|');
    if (sig === this.sig) return;
    this.sig = sig;
    const outer = this.g
      .selectAll<SVGGElement, number>('g.cv-cp-members')
      .data([0])
      .join((enter) =>
        enter.append('g').attr('class', 'cv-cp-members').attr('data-testid', 'cp-members').attr('role', 'group'),
      );
    drawPeerLinks(outer.node()!, peers);
    const leaderWords = group.leader === null ? 'no leader (election under way)' : `leader ${group.leader}, term ${group.term}`;
    setAttr(outer.node()!, 'aria-label', `Control plane: ${group.members.length} members, ${leaderWords}. Each member is a button that opens the journal.`);
    const chips = outer
      .selectAll<SVGGElement, CpMemberBox>('g.cv-cp-member')
      .data(layout.cpMembers, (d) => d.id)
      .join((enter) => {
        const e = enter.append('g').attr('class', 'cv-cp-member').attr('role', 'button').attr('tabindex', 0);
        e.append('title');
        e.append('rect').attr('rx', 6);
        e.append('text').attr('class', 'cv-cpm-name');
        e.append('text').attr('class', 'cv-cpm-role');
        e.append('text').attr('class', 'cv-cpm-term');
        e.append('text').attr('class', 'cv-cpm-journal');
        return e;
      });
    attrEach(chips, 'data-testid', (d) => `cp-member-${d.id}`);
    attrEach(chips, 'data-cp-member', (d) => d.id);
    chips.each(function (box) {
      const member: CpMemberView = byId.get(box.id) ?? { id: box.id, up: false, role: 'down', term: 0, journalIndex: 0, appliedIndex: 0 };
      const cutOff = peers.filter((p) => p.state !== 'up' && (p.a === box.id || p.b === box.id)).map((p) => (p.a === box.id ? p.b : p.a));
      const words = cpMemberWords(member, group.journal) + (cutOff.length ? `; link to ${cutOff.join(' and ')} cut` : '');
      setAttr(this, 'data-role', member.role);
      setAttr(this, 'aria-label', `${words}. Press to open the journal.`);
      for (const role of ['leader', 'follower', 'candidate', 'down'] as const) toggle(this, `cv-cp-member--${role}`, member.role === role);
      setText(this.querySelector('title')!, `${words}. Click to open the journal.`);
      const rect = this.querySelector('rect')!;
      setAttr(rect, 'x', box.x);
      setAttr(rect, 'y', box.y);
      setAttr(rect, 'width', box.w);
      setAttr(rect, 'height', box.h);
      const left = box.x + 7;
      const right = box.x + box.w - 7;
      const place = (cls: string, x: number, y: number, text: string) => {
        const el = this.querySelector(`.${cls}`)!;
        setAttr(el, 'x', x);
        setAttr(el, 'y', y);
        setText(el, text);
      };
      // A chip narrower than its full width (a phone) has no room for term and journal side by side: one line each.
      const narrow = box.w < CP_CHIP_FULL_W;
      toggle(this, 'cv-cp-member--narrow', narrow);
      place('cv-cpm-name', left, box.y + (narrow ? 14 : 17), member.id);
      place('cv-cpm-role', right, box.y + (narrow ? 14 : 17), `${CP_ROLE_GLYPH[member.role]} ${member.role}`);
      place('cv-cpm-term', left, box.y + (narrow ? 28 : 35), `term ${member.term}`);
      place('cv-cpm-journal', narrow ? left : right, box.y + (narrow ? 40 : 35), group.journal ? `journal ${member.journalIndex}` : 'no journal');
    });
  }
}

/** One link between two control-plane members, and whether it is cut (either way). */
interface PeerLink {
  a: string;
  b: string;
  state: LinkState;
  /** The SVG path: a short bar across the gap between neighbours, an arc under the chips between the two ends. */
  d: string;
  /** Where its cut mark goes. */
  mark: { x: number; y: number };
}

/** The links between members, in member order: neighbours across their gap, the outer pair by an arc below. */
export function peerLinks(boxes: readonly CpMemberBox[], cuts: ReadonlySet<string>): PeerLink[] {
  const links: PeerLink[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const state = linkState(cuts, a.id, b.id);
      if (j === i + 1) {
        const y = a.cy;
        links.push({ a: a.id, b: b.id, state, d: `M${a.x + a.w},${y}H${b.x}`, mark: { x: (a.x + a.w + b.x) / 2, y: a.y - 5 } });
      } else {
        const y0 = a.y + a.h;
        const dip = 10 + 4 * (j - i - 1);
        links.push({ a: a.id, b: b.id, state, d: `M${a.cx},${y0}C${a.cx},${y0 + dip} ${b.cx},${y0 + dip} ${b.cx},${y0}`, mark: { x: (a.cx + b.cx) / 2, y: y0 + dip + 9 } });
      }
    }
  }
  return links;
}

/** The peer links, under the chips: a line when up, dashed with ✕ and words in its title when cut. */
function drawPeerLinks(outer: SVGGElement, peers: readonly PeerLink[]): void {
  let layer = outer.querySelector<SVGGElement>(':scope > g.cv-cp-peers');
  if (!layer) {
    layer = document.createElementNS('http://www.w3.org/2000/svg', 'g');
    layer.setAttribute('class', 'cv-cp-peers');
    outer.insertBefore(layer, outer.firstChild);
  }
  while (layer.childElementCount > peers.length) layer.lastElementChild!.remove();
  peers.forEach((peer, i) => {
    let g = layer.children[i] as SVGGElement | undefined;
    if (!g) {
      g = document.createElementNS('http://www.w3.org/2000/svg', 'g');
      for (const tag of ['title', 'path', 'text']) g.appendChild(document.createElementNS('http://www.w3.org/2000/svg', tag));
      layer.appendChild(g);
    }
    const cut = peer.state !== 'up';
    setAttr(g, 'class', cut ? 'cv-cp-peer cv-cp-peer--cut' : 'cv-cp-peer');
    setAttr(g, 'data-testid', `cp-peer-${peer.a}-${peer.b}`);
    setAttr(g, 'data-state', peer.state);
    const words = cut ? `${peer.a} and ${peer.b} cannot hear each other (${peer.state === 'cut' ? 'cut both ways' : peer.state === 'cut-ab' ? `${peer.a}→${peer.b} cut` : `${peer.b}→${peer.a} cut`})` : `${peer.a} and ${peer.b} are linked`;
    setText(g.querySelector('title')!, words);
    setAttr(g.querySelector('path')!, 'd', peer.d);
    const mark = g.querySelector('text')!;
    setAttr(mark, 'x', peer.mark.x);
    setAttr(mark, 'y', peer.mark.y);
    setText(mark, cut ? '✕' : '');
  });
}
