import { useConsole } from '../session-context';
import { failoverLeaderWords } from './cp-steps';
import { useJournalShown, useOpenJournal } from './journal-area';

/**
 * In the FailoverManager panel, with a control plane group: which member leads the failover path (the leader, an old
 * leader that started it, or none while an election runs), and the button that opens the journal view.
 */
export function FailoverLeaderLine() {
  const group = useConsole((s) => s.controlPlane.view?.group ?? null);
  // The node failover under way began at its DEAD declaration: the last FailoverEvent not yet complete.
  const startedAtMs = useConsole((s) => {
    const last = s.cluster.failoverEvents.at(-1);
    return last && last.completedAtMs === null ? last.declaredDeadAtMs : null;
  });
  const shown = useJournalShown();
  const open = useOpenJournal();
  if (group === null) return null;
  return (
    <p className="failover-leader" data-testid="failover-leader">
      <span aria-hidden="true">{group.leader === null ? '◎' : '★'}</span> {failoverLeaderWords(group, startedAtMs)}{' '}
      <button type="button" className="link-button" data-testid="journal-toggle" aria-expanded={shown} aria-controls={shown ? 'journal-area' : undefined} onClick={() => open(!shown)}>
        {shown ? 'Hide the journal' : 'Show the journal'}
      </button>
    </p>
  );
}
