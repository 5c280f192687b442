import { useEffect, useRef, useState } from 'react';
import type { MachineRef } from '../../engine/index';
import { useConsole, useSession } from '../session-context';

type PanelModule = typeof import('./statechart-panel');

/** The drawing code loads on first use, so the console starts without it (the start-up budget). */
let panelModule: Promise<PanelModule> | null = null;
const loadPanel = () => (panelModule ??= import('./statechart-panel'));

/**
 * On a phone the page scrolls: bring the machines up (clear of the sticky bar, by CSS scroll-margin). On a wide
 * screen only the side column scrolls, and scrolling the page too would shift the whole console.
 */
function bringIntoView(el: HTMLElement) {
  if (window.matchMedia('(max-width: 1100px)').matches) return el.scrollIntoView({ block: 'start' });
  for (let box = el.parentElement; box; box = box.parentElement) {
    if (box.scrollHeight > box.clientHeight && /auto|scroll/.test(getComputedStyle(box).overflowY)) {
      box.scrollTop += el.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
      return;
    }
  }
}

/**
 * A button that opens the statechart panel for some machines at one place (`inspector`, `failover`). Open or
 * closed is the session's (so it stays open as the learner selects one node after another); while open the
 * panel follows `refs`.
 */
export function StatechartToggle({ place, refs, what }: { place: string; refs: readonly MachineRef[]; what: string }) {
  const session = useSession();
  const open = useConsole((s) => s.machines.open[place] !== undefined);
  const [Panel, setPanel] = useState<PanelModule['StatechartPanel'] | null>(null);
  const key = refs.map((r) => `${r.kind}:${r.id}`).join(' ');
  const slot = useRef<HTMLDivElement>(null);
  /** Set by a click on Show: the machines then scroll into view (the side column is short on a desktop). */
  const reveal = useRef(false);
  useEffect(() => {
    if (open) session.showMachines(place, refs);
    // `key` stands for `refs`: a new array with the same machines needs no update.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, place, open, key]);
  useEffect(() => {
    if (!open || Panel) return;
    let live = true;
    void loadPanel().then((m) => live && setPanel(() => m.StatechartPanel));
    return () => {
      live = false;
    };
  }, [open, Panel]);
  useEffect(() => {
    if (!open || !Panel || !reveal.current) return;
    reveal.current = false;
    if (slot.current) bringIntoView(slot.current);
  }, [open, Panel]);
  return (
    <div className="statechart-slot" ref={slot}>
      <button
        type="button"
        className="statechart-toggle"
        aria-expanded={open}
        data-testid={`statechart-toggle-${place}`}
        onClick={() => {
          reveal.current = !open;
          session.showMachines(place, open ? null : refs);
        }}
      >
        {open ? 'Hide' : 'Show'} {what}
      </button>
      {open && (Panel ? <Panel place={place} /> : <p className="inspector-muted">Loading the statechart…</p>)}
    </div>
  );
}
