import { PROFILES, type FailoverEvent } from '../../engine/index';
import { FailoverLeaderLine } from '../control-plane/failover-leader-line';
import { formatDuration, formatSimTime } from '../format';
import { useConsole, useSession } from '../session-context';
import { FAILOVER_MANAGER_REFS } from '../statechart/machine-refs';
import { StatechartToggle } from '../statechart/statechart-toggle';
import { FailoverSettings } from './failover-settings';
import { backgroundRebuild, failoverPath, type BackgroundRebuild, type StepStatus } from './failover-steps';
import './failover.css';

const STATUS_MARK: Record<StepStatus, string> = { done: '✓', current: '▶', pending: '○', skipped: '–' };
const STATUS_WORD: Record<StepStatus, string> = { done: 'done', current: 'now', pending: 'not yet', skipped: 'skipped' };

/**
 * The FailoverManager: the path a dead node's shards take (with the current
 * step lit), the FailoverEvent record of every failover so far, and its switches.
 */
export function FailoverPanel() {
  const manager = useConsole((s) => s.cluster.failoverManager);
  const graceMs = useConsole((s) => s.cluster.params.rehomeGraceMs);
  const events = useConsole((s) => s.cluster.failoverEvents);
  const copiesInFlight = useConsole((s) => s.cluster.metrics.copiesInFlight);
  const copiesQueued = useConsole((s) => s.cluster.metrics.copiesQueued);
  const rebuild = backgroundRebuild(events, { copiesInFlight, copiesQueued });
  const steps = failoverPath(manager, graceMs, rebuild);

  return (
    <section className="panel failover-panel" aria-labelledby="failover-title" data-testid="failover-panel">
      <h2 id="failover-title">FailoverManager</h2>
      <ProfileLine />
      <FailoverLeaderLine />
      <p className="failover-status" data-testid="failover-status">
        {manager.currentNode ? (
          <>
            Failing over <strong className="mono">{manager.currentNode}</strong>
          </>
        ) : rebuild ? (
          <BackgroundStatus rebuild={rebuild} />
        ) : (
          'Idle: waiting for the monitor to declare a node DEAD.'
        )}
        {manager.queuedNodes.length > 0 && <> · queued next: {manager.queuedNodes.join(', ')}</>}
      </p>
      <ol className="failover-path">
        {steps.map((step) => (
          <li key={step.key} className={`failover-step step-${step.status}`} aria-current={step.status === 'current' ? 'step' : undefined}>
            <span className="failover-mark" aria-hidden="true">
              {STATUS_MARK[step.status]}
            </span>
            <span>
              <span className="failover-step-title">{step.title}</span>
              <span className="visually-hidden"> ({STATUS_WORD[step.status]})</span>
              {step.status === 'current' && <span className="failover-step-detail">{step.detail}</span>}
            </span>
          </li>
        ))}
      </ol>
      <StatechartToggle place="failover" refs={FAILOVER_MANAGER_REFS} what="the failover manager's state machine" />
      <FailoverEvents events={events} />
      <FailoverSettings />
    </section>
  );
}

/** The path finished but the copies it started have not: the failover is still under way. */
function BackgroundStatus({ rebuild }: { rebuild: BackgroundRebuild }) {
  return (
    <>
      Failing over{' '}
      {rebuild.nodes.map((node, i) => (
        <span key={node}>
          {i > 0 && (i === rebuild.nodes.length - 1 ? ' and ' : ', ')}
          <strong className="mono">{node}</strong>
        </span>
      ))}
      : re-replicating in the background ({rebuild.inFlight} in flight, {rebuild.queued} queued)
    </>
  );
}

function FailoverEvents({ events }: { events: readonly FailoverEvent[] }) {
  const session = useSession();
  if (events.length === 0) return <p className="failover-none">No FailoverEvents yet.</p>;
  return (
    <div className="failover-events">
      <h3>FailoverEvents</h3>
      <ul>
        {events.map((e, i) => (
          <li key={i} data-testid={`failover-event-${e.failedNode}`}>
            <button type="button" className="failover-event-time mono" onClick={() => session.seek(e.declaredDeadAtMs)} title="Go to this moment">
              {formatSimTime(e.declaredDeadAtMs)}
            </button>{' '}
            <strong className="mono">{e.failedNode}</strong> · {e.affectedShards} shards, {e.targets} targets · detected after{' '}
            {formatDuration(e.detectionDelayMs)} ·{' '}
            {e.reReplicationAttempted ? (
              <span className={e.reReplicationSucceeded ? 'ok' : e.completedAtMs === null ? '' : 'bad'}>
                re-replication {e.reReplicationSucceeded ? 'succeeded' : e.completedAtMs === null ? 'in progress' : 'failed'}
              </span>
            ) : (
              <span className="bad">not attempted{e.fallbackReason ? `: ${e.fallbackReason}` : ''}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Which real system's rules this run follows (a scenario's `profile`), in one line. */
function ProfileLine() {
  const profile = useConsole((s) => s.cluster.profile);
  const text = profile ? `${PROFILES[profile].title}: ${PROFILES[profile].summary}.` : 'Default rules (ZeptoDB-style): re-homes at once.';
  return (
    <p className="failover-profile" data-testid="profile" title={text}>
      {profile ? (
        <>
          <strong>{PROFILES[profile].title}</strong>: {PROFILES[profile].summary}.
        </>
      ) : (
        text
      )}
    </p>
  );
}
