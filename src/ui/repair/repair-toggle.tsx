import { useConsole, useSession } from '../session-context';
import { revealRepairNextOpen } from './repair-area';

/**
 * In the shard inspector: a button that opens the Repair panel (Merkle trees, the anti-entropy session, the stale
 * keys) in a row of its own (RepairArea, loaded on demand). Open or closed is the session's, so it stays open as the
 * learner selects one shard after another; only while open does the worker read the selected shard's repair view.
 */
export function RepairToggle() {
  const session = useSession();
  const open = useConsole((s) => s.repairPanel.open);
  const leaderless = useConsole((s) => s.cluster.params.replication === 'leaderless');
  return (
    <div className="repair-slot">
      <button
        type="button"
        className="repair-toggle"
        aria-expanded={open}
        aria-controls={open ? 'repair-area' : undefined}
        data-testid="repair-toggle"
        onClick={() => {
          if (!open) revealRepairNextOpen();
          void session.showRepair(!open, null);
        }}
      >
        {open ? 'Hide' : 'Show'} {leaderless ? 'its Merkle trees and repair' : 'why it has no Merkle repair'}
      </button>
    </div>
  );
}
