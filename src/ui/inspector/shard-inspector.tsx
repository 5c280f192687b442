import { useMemo } from 'react';
import type { ShardState } from '../../engine/index';
import { formatBytes, formatSimTime } from '../format';
import { RepairToggle } from '../repair/repair-toggle';
import { useConsole, useSession } from '../session-context';
import { shardMachineRefs } from '../statechart/machine-refs';
import { StatechartToggle } from '../statechart/statechart-toggle';
import { shardHistory } from './shard-history';
import { ShardLeaderless } from './shard-leaderless';
import { ShardQuorum } from './shard-quorum';

const STATE_WORDS: Record<ShardState, string> = {
  healthy: 'healthy — every replica in place',
  underReplicated: 'under-replicated — missing a replica',
  rehoming: 're-homing — a new replica is being copied',
  lost: 'LOST — no replica left in the placement',
};

export function ShardInspector({ id }: { id: string }) {
  const session = useSession();
  const shard = useConsole((s) => s.cluster.shards.find((sh) => sh.id === id));
  const rf = useConsole((s) => s.cluster.replicationFactor);
  const nodes = useConsole((s) => s.cluster.nodes);
  const copies = useConsole((s) => s.cluster.copies);
  const leaderless = useConsole((s) => s.cluster.params.replication === 'leaderless');
  const trace = useConsole((s) => s.trace);
  const history = useMemo(() => shardHistory(trace, id), [trace, id]);
  // The explanation lives in the engine; the worker reads it for the selected shard with every frame.
  const choice = useConsole((s) => (s.selectedShard?.id === id ? s.selectedShard.choice : null));

  if (!shard) return <p className="inspector-hint">There is no shard {id} in this scenario.</p>;
  const health = new Map(nodes.map((n) => [n.id, n]));
  const inFlight = copies.filter((c) => c.shard === id);

  return (
    <div className="inspector-body">
      <dl className="inspector-facts">
        <dt>State</dt>
        <dd data-testid="inspector-shard-state" className={`shard-state shard-state-${shard.state}`}>
          {STATE_WORDS[shard.state]}
        </dd>
        <dt>Replicas</dt>
        <dd>
          <ul className="inspector-replicas">
            {shard.replicas.map((nodeId) => {
              const node = health.get(nodeId);
              return (
                <li key={nodeId}>
                  <button type="button" className="link-button" onClick={() => session.select({ kind: 'node', id: nodeId })}>
                    {nodeId}
                  </button>
                  {nodeId === shard.primary && <span className="inspector-tag">primary</span>}
                  {node && (
                    <span className="inspector-muted">
                      {' '}
                      {node.health}
                      {node.up ? '' : ', process down'}
                    </span>
                  )}
                </li>
              );
            })}
            {shard.replicas.length === 0 && <li>none</li>}
          </ul>
        </dd>
        <dt>Copies</dt>
        <dd>
          {shard.replicas.length} of {rf} placed · {shard.liveCopies} on running nodes · LSN {shard.lsn}
          {shard.state !== 'lost' && shard.liveCopies === 1 && rf > 1 && (
            <strong className="last-copy-note"> · the last copy: losing its node loses the data</strong>
          )}
        </dd>
        {shard.waitingReason && (
          <>
            <dt>Waiting</dt>
            <dd>{shard.waitingReason}</dd>
          </>
        )}
      </dl>

      <div className="inspector-section">
        <h3>Why this target</h3>
        {choice ? (
          <>
            <p data-testid="why-target-summary">
              {choice.summary}
              {choice.rackRuleRelaxed && <strong> The rack rule was relaxed: no rack-diverse candidate was left.</strong>}
            </p>
            {choice.rejected.length > 0 && (
              // The reasons are what cp believed when it chose; a node may have changed since.
              <ul className="inspector-rejections" aria-label={`Rejected candidates at ${formatSimTime(choice.atMs)}`}>
                <li className="inspector-muted">Passed over at {formatSimTime(choice.atMs)}, as cp saw them then:</li>
                {choice.rejected.map((r) => (
                  <li key={r.node}>
                    <span className="mono">{r.node}</span> — {r.reason}
                  </li>
                ))}
                {Object.entries(choice.rejectedMore).map(([reason, count]) => (
                  <li key={reason}>
                    {count} more — {reason}
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <p className="inspector-muted" data-testid="why-target-summary">
            No replica of {id} has been placed by the migrator yet: its replicas are where the scenario began.
          </p>
        )}
      </div>

      {inFlight.length > 0 && (
        <div className="inspector-section">
          <h3>{inFlight.every((c) => c.phase === 'queued') ? 'Copy queued' : 'Copy in flight'}</h3>
          {inFlight.map((c) => {
            const pct = c.sizeBytes > 0 ? Math.floor((100 * c.bytesDone) / c.sizeBytes) : 0;
            return (
              <div key={c.target} className="inspector-copy">
                <span>
                  {c.phase === 'queued'
                    ? `to ${c.target}, waiting for a free copy slot (the source is picked when it starts)`
                    : `${c.source ?? '?'} → ${c.target}: ${c.phase === 'snapshot' ? 'snapshot' : 'catching up on the log'}, ${formatBytes(c.bytesDone)} of ${formatBytes(c.sizeBytes)}`}
                </span>
                <progress max={100} value={pct} aria-label={`Copy of ${id} to ${c.target}: ${pct}%`} />
              </div>
            );
          })}
        </div>
      )}

      {/* After "Why this target" and the copies: those answer the first question about a shard. */}
      <StatechartToggle place="inspector" refs={shardMachineRefs(id, copies)} what="its state machines" />

      <RepairToggle />

      {leaderless ? <ShardLeaderless shard={shard} rf={rf} /> : <ShardQuorum shard={shard} />}

      <div className="inspector-section">
        <h3>History</h3>
        {history.length === 0 ? (
          <p className="inspector-muted">No trace entry names {id} yet.</p>
        ) : (
          <ol className="inspector-history">
            {history.map((entry) => (
              <li key={entry.seq}>
                <button type="button" className="history-entry" onClick={() => session.seekToEvent(entry.event)}>
                  <span className="mono">{formatSimTime(entry.timeMs)}</span> {entry.text}
                </button>
              </li>
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}
