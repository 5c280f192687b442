import { useState } from 'react';
import { REPAIR_MODES, type RepairMode, type ReplicaRole, type ShardView } from '../../engine/index';
import { QUORUM_GLYPH, QUORUM_WORD } from '../placement/quorum-summary';
import { useConsole, useSession } from '../session-context';

const ROLE_WORD: Record<ReplicaRole, string> = {
  primary: 'primary',
  waitingForQuorum: 'primary, waiting for quorum',
  secondary: 'secondary, caught up',
  catchingUp: 'catching up',
  waitingForPrimary: 'waiting for a primary',
  disconnected: 'disconnected',
};

/** The shard's primary, term, voters and each replica's role: who takes its writes, and if nobody, why. */
export function ShardQuorum({ shard }: { shard: ShardView }) {
  const session = useSession();
  const majority = Math.floor(shard.voters.length / 2) + 1;
  return (
    <div className="inspector-section" data-testid="shard-quorum">
      <h3>Writes and quorum</h3>
      <p data-testid="inspector-shard-quorum" className={`quorum-line quorum-line-${shard.quorum}`}>
        <span className={`quorum-badge quorum-${shard.quorum}`} aria-hidden="true">
          {QUORUM_GLYPH[shard.quorum] || '✓'}
        </span>{' '}
        <strong>{QUORUM_WORD[shard.quorum]}</strong>
        {shard.quorumReason && <> — {shard.quorumReason}</>}
      </p>
      <p className="inspector-muted">
        Primary {shard.primary ?? 'none'} · term {shard.term}
        {shard.configuredPrimary && shard.configuredPrimary !== shard.primary && ` · configured primary ${shard.configuredPrimary}`} · a write
        needs {majority} of {shard.voters.length} voters · acknowledged up to LSN {shard.lsn}
      </p>
      <table className="role-table">
        <thead>
          <tr>
            <th scope="col">Replica</th>
            <th scope="col">Role</th>
            <th scope="col">Votes</th>
            <th scope="col">LSN</th>
          </tr>
        </thead>
        <tbody>
          {shard.replicaRoles.map((r) => (
            <tr key={r.node} data-testid={`role-${r.node}`} data-role={r.role}>
              <td>
                <button type="button" className="link-button" onClick={() => session.select({ kind: 'node', id: r.node })}>
                  {r.node}
                </button>
              </td>
              <td>{ROLE_WORD[r.role]}</td>
              <td>{r.voting ? 'yes' : 'no'}</td>
              <td className="mono">
                {r.lsn}
                {r.lsn < shard.lsn && <span className="inspector-muted"> (−{shard.lsn - r.lsn})</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <EmergencyRepair shard={shard} />
      <LostWrites shardId={shard.id} />
    </div>
  );
}

const MODE_WORD: Record<RepairMode, string> = {
  unsafe_rollback: 'unsafe_rollback — keep what reachable replicas hold',
  unsafe_rollback_or_erase: 'unsafe_rollback_or_erase — recreate empty if no replica is reachable',
};

/**
 * The operator's last resort, with its price stated first: the preview comes
 * from the engine (the same code the command runs), so what it says it will
 * lose is exactly what it loses.
 */
function EmergencyRepair({ shard }: { shard: ShardView }) {
  const session = useSession();
  const [mode, setMode] = useState<RepairMode>('unsafe_rollback');
  // Read in the engine's worker for the selected shard on every frame (reachability changes with time).
  const preview = useConsole((s) => (s.selectedShard?.id === shard.id ? (s.selectedShard.repair?.[mode] ?? null) : null));
  if (shard.writable || preview === null) return null;
  return (
    <div className="repair" role="group" aria-labelledby={`repair-${shard.id}`} data-testid="emergency-repair">
      <h4 id={`repair-${shard.id}`}>Emergency repair</h4>
      <fieldset className="repair-modes">
        <legend className="visually-hidden">Repair mode</legend>
        {REPAIR_MODES.map((m) => (
          <label key={m}>
            <input type="radio" name={`repair-mode-${shard.id}`} value={m} checked={mode === m} onChange={() => setMode(m)} />{' '}
            <span className="mono">{MODE_WORD[m]}</span>
          </label>
        ))}
      </fieldset>
      <p data-testid="repair-preview" className={preview.writesLost > 0 ? 'repair-cost' : undefined}>
        {preview.problem ?? preview.summary}
      </p>
      <button
        type="button"
        className="danger"
        disabled={preview.problem !== null}
        onClick={() => session.dispatch({ type: 'shard.emergencyRepair', shard: shard.id, mode })}
      >
        {preview.writesLost > 0 ? `Repair ${shard.id} and lose ${preview.writesLost} writes` : `Repair ${shard.id}`}
      </button>
    </div>
  );
}

function LostWrites({ shardId }: { shardId: string }) {
  const lost = useConsole((s) => s.cluster.lostWrites);
  const mine = lost.filter((l) => l.shard === shardId);
  if (mine.length === 0) return null;
  return (
    <ul className="lost-writes" data-testid="lost-writes" aria-label={`Acknowledged writes lost on ${shardId}`}>
      {mine.map((l) => (
        <li key={`${l.atMs}-${l.firstLsn}`}>
          Lost {l.count} acknowledged write{l.count === 1 ? '' : 's'}: LSN {l.firstLsn}–{l.lastLsn} — {l.cause}.
        </li>
      ))}
    </ul>
  );
}
