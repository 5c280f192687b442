import type { ControlPlaneView, JournalEntryView } from '../../engine/index';
import { formatSimTime } from '../format';
import { cpFailoverSteps, type CpStepStatus } from './cp-steps';
import { cpMemberWords, CP_ROLE_GLYPH } from './cp-words';

const STEP_MARK: Record<CpStepStatus, string> = { done: '✓', current: '▶', pending: '○' };
const STEP_WORD: Record<CpStepStatus, string> = { done: 'done', current: 'next', pending: 'not yet' };

type Group = Omit<ControlPlaneView, 'entries'>;

/**
 * The control plane's journal (design §8.2, §12): its members, the newest entries newest first — committed (held by
 * a majority, in effect) or not (held by fewer: not in effect, lost if its holders die) — and the leader failover
 * under way or last as §8.3's steps with their times.
 */
export function JournalView({ group, entries }: { group: Group; entries: readonly JournalEntryView[] }) {
  const newestFirst = [...entries].reverse();
  return (
    <div className="journal-view" data-testid="journal-view">
      <div className="journal-left">
        <ul className="cp-member-list" aria-label="Members">
          {group.members.map((m) => (
            <li key={m.id} className={`cp-member-row role-${m.role}`}>
              <span aria-hidden="true">{CP_ROLE_GLYPH[m.role]}</span> {cpMemberWords(m, group.journal)}
            </li>
          ))}
        </ul>
        {group.failover ? <FailoverSteps failover={group.failover} /> : <p className="cp-muted">No leader failover yet.</p>}
      </div>
      <div className="journal-right">
        <h3 className="cp-subtitle">Journal</h3>
        <p className="cp-muted">
          {group.journal
            ? `Committed up to index ${group.commitIndex}: a change takes effect only once a majority of members hold it. ${
                group.standby === 'hot' ? 'Hot standby: followers apply entries as they commit.' : `Cold standby: a new leader replays from the journal snapshot at index ${group.snapshotIndex}.`
              }`
            : `The journal is off: changes take effect on the leader alone, and a new leader starts from the last snapshot of placement (index ${group.snapshotIndex}).`}
        </p>
        {newestFirst.length === 0 ? (
          <p className="cp-muted">No entries yet.</p>
        ) : (
          <div className="journal-scroll" tabIndex={0} aria-label="Journal entries, newest first">
            <table className="journal-table">
              <caption className="visually-hidden">The newest journal entries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Term</th>
                  <th scope="col">Entry</th>
                  <th scope="col">State</th>
                  <th scope="col">Held by</th>
                </tr>
              </thead>
              <tbody>
                {newestFirst.map((e) => (
                  <tr key={`${e.index}-${e.term}`} data-testid={`journal-entry-${e.index}`} data-committed={e.committed} className={e.committed ? 'committed' : 'uncommitted'}>
                    <td className="mono">{e.index}</td>
                    <td className="mono">{e.term}</td>
                    <td>
                      <span className="mono journal-kind">{e.kind}</span> <span className="journal-text">{e.text}</span>
                    </td>
                    <td className="journal-state">{e.committed ? '✓ committed' : '… not committed'}</td>
                    <td className="mono journal-held">{e.heldBy.join(', ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}

function FailoverSteps({ failover }: { failover: NonNullable<Group['failover']> }) {
  const steps = cpFailoverSteps(failover);
  return (
    <div className="cp-failover" data-testid="cp-failover-steps">
      <h3 className="cp-subtitle">
        Leader failover {failover.from} → {failover.to ?? 'no leader yet'} · term {failover.term} {failover.done ? '· finished' : '· under way'}
      </h3>
      <ol className="cp-steps">
        {steps.map((s) => (
          <li key={s.step} className={`cp-step step-${s.status}`} aria-current={s.status === 'current' ? 'step' : undefined}>
            <span className="cp-step-mark" aria-hidden="true">
              {STEP_MARK[s.status]}
            </span>
            <span className="cp-step-body">
              <span className="cp-step-title">{s.title}</span>
              <span className="visually-hidden"> ({STEP_WORD[s.status]})</span>
              {s.atMs !== null ? <span className="cp-step-time mono"> {formatSimTime(s.atMs)}</span> : s.status === 'pending' ? <span className="cp-muted"> not yet</span> : null}
              <span className="cp-step-text">{s.text}</span>
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
