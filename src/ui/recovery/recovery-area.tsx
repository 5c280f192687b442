import { useEffect, useState } from 'react';
import { useConsole } from '../session-context';

type SectionModule = typeof import('./recovery-section');

/**
 * On a wide screen the row is short (the event log and the cluster view share the height): two rows of cells
 * around the cursor leave the focused record's fields in view under the strip.
 */
const WIDE_ROW_CELLS = 14;
const isWide = () => typeof window !== 'undefined' && window.matchMedia('(min-width: 1101px)').matches;

/** The Log view and Recovery panel load on first use, so the console starts without them (the start-up budget). */
let sectionModule: Promise<SectionModule> | null = null;
const loadSection = () => (sectionModule ??= import('./recovery-section'));

/** Set by a click on "Show its log and recovery": the area then brings itself into view once (on a phone). */
let revealOnMount = false;
export function revealNextOpen(): void {
  revealOnMount = true;
}

/** The node whose log is open (the Log view stays open across selections; a shard or nothing shows none). */
export function useOpenLogNode(): string | null {
  return useConsole((s) => (s.log.open && s.selection?.kind === 'node' ? s.selection.id : null));
}

/**
 * The selected node's Log view and Recovery panel in a row of their own, under the cluster view: stepping a replay
 * record by record needs the strip, the cursor, the record's fields, the phases and the formula in view together,
 * which the side column's inspector has no height for. Opened and closed from the node inspector.
 */
export function RecoveryArea({ nodeId }: { nodeId: string }) {
  const [Section, setSection] = useState<SectionModule['RecoverySection'] | null>(null);
  const [maxCells] = useState(() => (isWide() ? WIDE_ROW_CELLS : undefined));
  const [reveal] = useState(() => {
    const r = revealOnMount;
    revealOnMount = false;
    return r;
  });
  useEffect(() => {
    // Wide: the row is already in view, but the side column just got shorter; keep the button that closes it in view.
    if (reveal && maxCells !== undefined) document.querySelector('[data-testid="recovery-toggle"]')?.scrollIntoView({ block: 'nearest' });
    let live = true;
    void loadSection().then((m) => live && setSection(() => m.RecoverySection));
    return () => {
      live = false;
    };
  }, [reveal, maxCells]); // both fixed at mount: this runs once
  return (
    <section className="panel recovery-area" id="recovery-area" aria-label={`Log and recovery of ${nodeId}`} data-testid="recovery-area">
      {Section ? <Section nodeId={nodeId} reveal={reveal && maxCells === undefined} maxCells={maxCells} /> : <p className="inspector-muted">Loading the log…</p>}
    </section>
  );
}
