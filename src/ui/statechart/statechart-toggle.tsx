import { useEffect, useState } from 'react';
import type { MachineRef } from '../../engine/index';
import { useConsole, useSession } from '../session-context';

type PanelModule = typeof import('./statechart-panel');

/** The drawing code loads on first use, so the console starts without it (the start-up budget). */
let panelModule: Promise<PanelModule> | null = null;
const loadPanel = () => (panelModule ??= import('./statechart-panel'));

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
  /** Set by a click on Show: the panel then scrolls into view (the side column is short on a desktop). */
  const [reveal, setReveal] = useState(false);
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
  return (
    <div className="statechart-slot">
      <button
        type="button"
        className="statechart-toggle"
        aria-expanded={open}
        data-testid={`statechart-toggle-${place}`}
        onClick={() => {
          setReveal(!open);
          session.showMachines(place, open ? null : refs);
        }}
      >
        {open ? 'Hide' : 'Show'} {what}
      </button>
      {open && (Panel ? <Panel place={place} reveal={reveal} /> : <p className="inspector-muted">Loading the statechart…</p>)}
    </div>
  );
}
