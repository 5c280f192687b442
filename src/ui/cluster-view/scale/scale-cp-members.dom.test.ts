// @vitest-environment happy-dom
// Goal: past 40 nodes the map zooms out to racks, and a three-member control plane is still drawn as its members —
// one button each with its role as a glyph and a word, its term and journal index — opening the journal view.
import { afterEach, describe, expect, it } from 'vitest';
import { readControlPlane } from '../../../store/control-plane-panel';
import { manualFrames } from '../../../store/frame-scheduler';
import { ConsoleSession } from '../../../store/session';
import type { ConsoleViewState } from '../../../store/view-model';
import type { ControlPlaneView, Simulation } from '../../../engine/index';
import { midFailoverView } from '../../../testing/control-plane-fixture';
import { builtIn } from '../../../testing/load-scenario';
import { ScaleRenderer } from './scale-renderer';

let mounted: { host: HTMLElement; renderer: ScaleRenderer }[] = [];
afterEach(() => {
  for (const m of mounted) {
    m.renderer.destroy();
    m.host.remove();
  }
  mounted = [];
});

function fleetWith(view: ControlPlaneView | null): ConsoleViewState {
  const s = builtIn('fleet-100-nodes');
  const session = new ConsoleSession(s, s.seed, manualFrames());
  session.advanceBy(1_000);
  session.flush();
  const state = session.store.getState();
  const sim = { getControlPlaneView: () => view } as unknown as Simulation;
  return { ...state, controlPlane: { journalOpen: false, view: view === null ? null : readControlPlane(sim, false) } };
}

function mount(state: ConsoleViewState) {
  const host = document.createElement('div');
  document.body.appendChild(host);
  const opened: string[] = [];
  const renderer = new ScaleRenderer(host, { select() {}, dispatch() {}, openJournal: (member) => opened.push(member) });
  renderer.resize(1200, 700);
  renderer.update(state);
  mounted.push({ host, renderer });
  return { host, opened };
}

describe('control-plane members in the big-cluster map', () => {
  it('draws one chip per member with role glyph and word, term and journal index; a press opens the journal', () => {
    const { host, opened } = mount(fleetWith(midFailoverView()));
    const chips = [...host.querySelectorAll('[data-testid="cp-members"] [data-testid^="cp-member-"]')] as HTMLButtonElement[];
    expect(chips.map((c) => c.getAttribute('data-role'))).toEqual(['down', 'leader', 'follower']);
    expect(chips[1].textContent).toMatch(/^★ cp2 leader · t2 · #\d+$/);
    expect(chips[0].textContent).toMatch(/^✕ cp1 down/);
    expect(chips[1].getAttribute('aria-label')).toMatch(/^cp2: leader, term 2, journal index \d+/);
    chips[1].click();
    expect(opened).toEqual(['cp2']);
  });

  it('with one control-plane member shows no chips', () => {
    const { host } = mount(fleetWith(null));
    expect((host.querySelector('[data-testid="cp-members"]') as HTMLElement).hidden).toBe(true);
  });
});
