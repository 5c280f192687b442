// @vitest-environment happy-dom
// Goal: with a three-member control plane the map shows each member as a chip a learner can read without colour
// (name, role glyph and word, term, journal index), the nodes' links run to the leader, and a click or Enter on a
// chip opens the journal view. With no leader the links run to the group and the map says an election is on.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readControlPlane } from '../../store/control-plane-panel';
import { manualFrames } from '../../store/frame-scheduler';
import { ConsoleSession } from '../../store/session';
import type { ConsoleViewState } from '../../store/view-model';
import type { ControlPlaneView, Simulation } from '../../engine/index';
import { midFailoverView } from '../../testing/control-plane-fixture';
import { builtIn } from '../../testing/load-scenario';
import { ClusterRenderer } from './render';

beforeAll(() => {
  Element.prototype.animate = function () {
    return { cancel() {}, onfinish: null, finish() {} } as unknown as Animation;
  };
});

let mounted: { host: HTMLElement; renderer: ClusterRenderer }[] = [];
afterEach(() => {
  for (const m of mounted) {
    m.renderer.destroy();
    m.host.remove();
  }
  mounted = [];
});

function stateWith(view: ControlPlaneView | null): ConsoleViewState {
  const s = builtIn('rehome-worked-example');
  const session = new ConsoleSession(s, s.seed, manualFrames());
  session.advanceBy(2_000);
  session.flush();
  const state = session.store.getState();
  const sim = { getControlPlaneView: () => view } as unknown as Simulation;
  return { ...state, controlPlane: { journalOpen: false, view: view === null ? null : readControlPlane(sim, false) } };
}

function mount(state: ConsoleViewState, width = 1000) {
  const host = document.createElement('div');
  document.body.appendChild(host);
  const opened: string[] = [];
  const renderer = new ClusterRenderer(host, { select() {}, dispatch() {}, openJournal: (member) => opened.push(member) });
  renderer.resize(width, 620);
  renderer.update(state);
  mounted.push({ host, renderer });
  return { host, renderer, opened };
}

const chipText = (host: HTMLElement, id: string) => host.querySelector(`[data-testid="cp-member-${id}"]`)!.textContent!.replace(/\s+/g, ' ').trim();

function box(el: Element) {
  const r = el.querySelector('rect')!;
  const n = (a: string) => Number(r.getAttribute(a));
  return { x: n('x'), y: n('y'), w: n('width'), h: n('height') };
}

describe('control plane members in the cluster map', () => {
  it('draws three chips with role, term and journal index as words and glyphs', () => {
    const { host } = mount(stateWith(midFailoverView()));
    const group = host.querySelector('[data-testid="cp-members"]')!;
    expect(group).not.toBeNull();
    expect(group.querySelectorAll('[data-testid^="cp-member-"]')).toHaveLength(3);
    expect(chipText(host, 'cp1')).toMatch(/cp1.*✕ down.*term 1.*journal 9/);
    expect(chipText(host, 'cp2')).toMatch(/cp2.*★ leader.*term 2.*journal 8/);
    expect(chipText(host, 'cp3')).toMatch(/cp3.*○ follower.*term 2.*journal 8/);
    expect(group.getAttribute('aria-label')).toMatch(/leader cp2, term 2/);
    // The one-member hexagon is not drawn beside them.
    expect(host.querySelector('.cv-cp-shape')).toBeNull();
  });

  it('runs every node’s link to the leader, and to the group with an election note while there is none', () => {
    const { host, renderer } = mount(stateWith(midFailoverView()));
    const leader = box(host.querySelector('[data-testid="cp-member-cp2"]')!);
    const ends = [...host.querySelectorAll('line.cv-link')].map((l) => ({ x: Number(l.getAttribute('x2')), y: Number(l.getAttribute('y2')) }));
    expect(ends).toHaveLength(6);
    for (const end of ends) {
      expect(end.x).toBeGreaterThanOrEqual(leader.x);
      expect(end.x).toBeLessThanOrEqual(leader.x + leader.w);
      expect(end.y).toBe(leader.y + leader.h);
    }

    const leaderless = midFailoverView();
    leaderless.leader = null;
    leaderless.members[1].role = 'candidate';
    renderer.update(stateWith(leaderless));
    expect(chipText(host, 'cp2')).toMatch(/cp2.*◎ candidate/);
    const xs = [...host.querySelectorAll('line.cv-link')].map((l) => Number(l.getAttribute('x2')));
    // Spread over the whole group, wider than one chip.
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(leader.w);
    expect(host.querySelector('.cv-layer-info')!.textContent).toMatch(/no cp leader/);
  });

  it('opens the journal view from a chip by click or Enter', () => {
    const { host, opened } = mount(stateWith(midFailoverView()));
    const chip = host.querySelector('[data-testid="cp-member-cp3"]') as SVGGElement;
    expect(chip.getAttribute('role')).toBe('button');
    expect(chip.getAttribute('aria-label')).toMatch(/cp3: follower, term 2, journal index 8/);
    chip.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    chip.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(opened).toEqual(['cp3', 'cp3']);
  });

  it('shows a node’s link as cut when its link to the leader is, and a click heals it for every member', () => {
    const base = stateWith(midFailoverView());
    const all = ['cp1', 'cp2', 'cp3'].flatMap((m) => [
      { from: m, to: 'n4' },
      { from: 'n4', to: m },
    ]);
    const state = { ...base, cluster: { ...base.cluster, cuts: [...all, { from: 'cp2', to: 'n5' }, { from: 'n5', to: 'cp2' }] } };
    const host = document.createElement('div');
    document.body.appendChild(host);
    const sent: unknown[] = [];
    const renderer = new ClusterRenderer(host, { select() {}, dispatch: (c) => sent.push(c) });
    mounted.push({ host, renderer });
    renderer.resize(1000, 620);
    renderer.update(state);
    const hit = (node: string) => host.querySelector(`[data-testid="link-${node}-cp"]`)!;
    expect(hit('n4').getAttribute('data-link-state')).toBe('cut');
    // n5 is cut from cp2, the leader: the link the map draws (to the leader) is cut.
    expect(hit('n5').getAttribute('data-link-state')).toBe('cut');
    expect(hit('n1').getAttribute('data-link-state')).toBe('up');
    hit('n4').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    hit('n1').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(sent).toEqual([
      { type: 'link.heal', a: 'n4', b: 'cp' },
      { type: 'link.cut', a: 'n1', b: 'cp' },
    ]);
    expect(host.querySelector('.cv-layer-info')!.textContent).toMatch(/2 cp links cut/);
  });

  it('says "no journal" on the chips when the group keeps none', () => {
    const view = midFailoverView();
    view.journal = false;
    const { host } = mount(stateWith(view));
    expect(chipText(host, 'cp2')).toMatch(/cp2.*★ leader.*term 2.*no journal/);
    expect(host.querySelector('[data-testid="cp-member-cp2"]')!.getAttribute('aria-label')).toMatch(/cp2: leader, term 2, no journal/);
  });

  it('keeps the one-member hexagon when the group is absent', () => {
    const { host } = mount(stateWith(null));
    expect(host.querySelector('[data-testid="cp-members"]')).toBeNull();
    expect(host.querySelector('.cv-cp-shape')).not.toBeNull();
  });

  it('fits three chips in a phone-wide map without overlapping', () => {
    const { host } = mount(stateWith(midFailoverView()), 360);
    const boxes = ['cp1', 'cp2', 'cp3'].map((id) => box(host.querySelector(`[data-testid="cp-member-${id}"]`)!));
    for (const b of boxes) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.w).toBeLessThanOrEqual(360);
    }
    expect(boxes[0].x + boxes[0].w).toBeLessThan(boxes[1].x);
    expect(boxes[1].x + boxes[1].w).toBeLessThan(boxes[2].x);
  });

  it('draws the links between members, and a cut one dashed with ✕ and in words on both chips', () => {
    const state = stateWith(midFailoverView());
    const cut = { ...state, cluster: { ...state.cluster, cuts: [{ from: 'cp1', to: 'cp3' }, { from: 'cp3', to: 'cp1' }] } } as ConsoleViewState;
    const { host, renderer } = mount(state);
    const peer = (a: string, b: string) => host.querySelector(`[data-testid="cp-peer-${a}-${b}"]`)!;
    expect(['cp1-cp2', 'cp1-cp3', 'cp2-cp3'].map((p) => peer(...(p.split('-') as [string, string])).getAttribute('data-state'))).toEqual(['up', 'up', 'up']);
    expect(peer('cp1', 'cp3').textContent).toBe('cp1 and cp3 are linked');
    renderer.update(cut);
    expect(peer('cp1', 'cp3').getAttribute('data-state')).toBe('cut');
    expect(peer('cp1', 'cp3').querySelector('text')!.textContent).toBe('✕');
    expect(peer('cp1', 'cp3').querySelector('title')!.textContent).toMatch(/cp1 and cp3 cannot hear each other \(cut both ways\)/);
    expect(peer('cp1', 'cp2').getAttribute('data-state')).toBe('up');
    expect(host.querySelector('[data-testid="cp-member-cp3"]')!.getAttribute('aria-label')).toMatch(/link to cp1 cut/);
    expect(host.querySelector('[data-testid="cp-member-cp2"]')!.getAttribute('aria-label')).not.toMatch(/cut/);
  });
});
