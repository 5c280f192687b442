import type { ReadConsistency, ShardView, SimParams, WriteConsistency } from '../../engine/index';
import { QUORUM_GLYPH, quorumWordsFor } from '../placement/quorum-summary';
import { useConsole, useSession } from '../session-context';

/** How many replicas a consistency level asks for (ANY: one answer, a stored hint included). */
function replicasFor(level: WriteConsistency | ReadConsistency, rf: number): number {
  if (level === 'ALL') return rf;
  if (level === 'QUORUM') return Math.floor(rf / 2) + 1;
  return 1;
}

/**
 * The shard's write path when replication is leaderless (Cassandra, Dynamo): no primary and no voters, so this
 * replaces "Writes and quorum". It says what a coordinator needs for a write and a read, and which replicas a
 * coordinator reaches now and which hold keys differently (truth, from the shard's divergence).
 */
export function ShardLeaderless({ shard, rf }: { shard: ShardView; rf: number }) {
  const session = useSession();
  const params = useConsole((s) => s.cluster.params) as SimParams;
  const w = params.writeConsistency;
  const r = params.readConsistency;
  const stale = new Set(shard.divergence?.divergentReplicas ?? []);
  return (
    <div className="inspector-section" data-testid="shard-leaderless">
      <h3>Writes and reads (leaderless)</h3>
      <p data-testid="inspector-shard-writable" className={`quorum-line quorum-line-${shard.quorum}`}>
        <span className={`quorum-badge quorum-${shard.quorum}`} aria-hidden="true">
          {QUORUM_GLYPH[shard.quorum] || '✓'}
        </span>{' '}
        <strong>{quorumWordsFor({ replication: 'leaderless', writeConsistency: w })[shard.quorum]}</strong>
        {shard.quorumReason && <> — {shard.quorumReason}</>}
      </p>
      <p data-testid="inspector-shard-leaderless">
        No primary: a coordinator sends each write to all {rf} replicas and acknowledges it once{' '}
        {w === 'ANY' ? 'any node holds it, a hint included' : `${replicasFor(w, rf)} of ${rf} answer`} (CL {w}). A read asks{' '}
        {replicasFor(r, rf)} of {rf} (CL {r})
        {params.readRepair === 'BLOCKING' && r !== 'ONE' ? ' and writes the newest version back to those it asked when they disagree.' : '.'}
        {params.hintedHandoff || params.sloppyQuorum ? ' A replica that misses a write gets it later as a hint.' : ''}
      </p>
      <p className="inspector-muted">
        {shard.lsn} writes to this shard so far · {shard.divergence ? `${shard.divergence.staleKeys} stale key(s) on ${shard.divergence.staleReplicas} replica(s)` : 'every replica holds every key alike'}
      </p>
      <table className="role-table">
        <thead>
          <tr>
            <th scope="col">Replica</th>
            <th scope="col">Reached</th>
            <th scope="col">Keys</th>
          </tr>
        </thead>
        <tbody>
          {shard.replicaRoles.map((replica) => (
            <tr key={replica.node} data-testid={`leaderless-${replica.node}`}>
              <td>
                <button type="button" className="link-button" onClick={() => session.select({ kind: 'node', id: replica.node })}>
                  {replica.node}
                </button>
              </td>
              <td>{replica.role === 'disconnected' ? 'no: down or cut off' : 'yes'}</td>
              <td>{stale.has(replica.node) ? '≠ holds stale keys' : 'all current'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
