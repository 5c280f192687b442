import { useEffect, useState } from 'react';
import { useConsole } from '../session-context';

type SectionModule = typeof import('./repair-section');

/** The Repair panel loads on first use, so the console starts without it (the start-up budget). */
let sectionModule: Promise<SectionModule> | null = null;
const loadSection = () => (sectionModule ??= import('./repair-section'));

/** Set by a click on the inspector's Repair button: the area then brings itself into view once (on a phone). */
let revealOnMount = false;
export function revealRepairNextOpen(): void {
  revealOnMount = true;
}

/** The shard whose Repair panel is open (it stays open across selections; a node or nothing shows none). */
export function useOpenRepairShard(): string | null {
  return useConsole((s) => (s.repairPanel.open && s.selection?.kind === 'shard' ? s.selection.id : null));
}

/**
 * The selected shard's Repair panel in a row of its own under the cluster view (as a node's Log view is): stepping
 * an anti-entropy session needs the phases, the counters, both Merkle trees and the event log in view together,
 * which the side column's inspector has no height for. Opened and closed from the shard inspector.
 */
export function RepairArea({ shardId }: { shardId: string }) {
  const [Section, setSection] = useState<SectionModule['RepairSection'] | null>(null);
  const [reveal] = useState(() => {
    const r = revealOnMount;
    revealOnMount = false;
    return r;
  });
  useEffect(() => {
    let live = true;
    void loadSection().then((m) => live && setSection(() => m.RepairSection));
    return () => {
      live = false;
    };
  }, []);
  return (
    <section className="panel repair-area" id="repair-area" aria-label={`Repair of ${shardId}`} data-testid="repair-area">
      {Section ? <Section shardId={shardId} reveal={reveal} /> : <p className="inspector-muted">Loading the Repair panel…</p>}
    </section>
  );
}
