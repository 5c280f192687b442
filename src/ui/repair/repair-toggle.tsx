import { useEffect, useState } from 'react';
import { useConsole, useSession } from '../session-context';

type SectionModule = typeof import('./repair-section');

/** The Merkle drawing loads on first use, so the console starts without it (the start-up budget). */
let sectionModule: Promise<SectionModule> | null = null;
const loadSection = () => (sectionModule ??= import('./repair-section'));

/**
 * In the shard inspector: a button that opens the Repair panel (Merkle trees, the anti-entropy session, the stale
 * keys). Open or closed is the session's, so it stays open as the learner selects one shard after another; only
 * while open does the worker read the selected shard's repair view.
 */
export function RepairToggle({ shardId }: { shardId: string }) {
  const session = useSession();
  const open = useConsole((s) => s.repairPanel.open);
  const leaderless = useConsole((s) => s.cluster.params.replication === 'leaderless');
  const [Section, setSection] = useState<SectionModule['RepairSection'] | null>(null);
  /** Set by a click on Show: the panel then scrolls into view once (the side column is short on a desktop). */
  const [reveal, setReveal] = useState(false);
  useEffect(() => {
    if (!open || Section) return;
    let live = true;
    void loadSection().then((m) => live && setSection(() => m.RepairSection));
    return () => {
      live = false;
    };
  }, [open, Section]);
  return (
    <div className="repair-slot">
      <button
        type="button"
        className="repair-toggle"
        aria-expanded={open}
        data-testid="repair-toggle"
        onClick={() => {
          setReveal(!open);
          void session.showRepair(!open, null);
        }}
      >
        {open ? 'Hide' : 'Show'} {leaderless ? 'its Merkle trees and repair' : 'why it has no Merkle repair'}
      </button>
      {open && (Section ? <Section shardId={shardId} reveal={reveal} /> : <p className="inspector-muted">Loading the Repair panel…</p>)}
    </div>
  );
}
