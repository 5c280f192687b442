import type { NodeRecoveryView, NodeView, RecoveryPhase, ShardView } from '../../engine/index';

/**
 * The "Recovery" overlay of the placement grid (design §12): does a shard have a replica whose node is replaying
 * its log (R), one catching up from peers (⇣), or one known corrupt (⚠)? Known = the engine's belief (a checksum
 * failed on read, a scrub or a restart's verify found it), never the planted truth.
 */
export type RecoveryGridState = 'none' | 'recovering' | 'catchingUp' | 'corrupt' | 'inconsistent';

export const RECOVERY_STATES: readonly RecoveryGridState[] = ['none', 'recovering', 'catchingUp', 'corrupt', 'inconsistent'];

export const RECOVERY_WORD: Record<RecoveryGridState, string> = {
  none: 'no replica recovering',
  recovering: 'a replica is replaying its log',
  catchingUp: 'a replica is catching up',
  corrupt: 'a replica is known corrupt',
  inconsistent: 'inconsistent: waits for shard.repair',
};

export const RECOVERY_GLYPH: Record<RecoveryGridState, string> = {
  none: '',
  recovering: 'R',
  catchingUp: '⇣',
  corrupt: '⚠',
  inconsistent: 'I',
};

/** Phases in which a node serves nothing: its replicas are "recovering". */
const RECOVERING: ReadonlySet<RecoveryPhase> = new Set(['loadingSnapshot', 'replaying', 'verifying']);

/** Each node's recovery view (null while the engine has none for it). */
export function recoveryByNode(nodes: readonly NodeView[]): Map<string, NodeRecoveryView | null> {
  return new Map(nodes.map((n) => [n.id, n.recovery ?? null]));
}

export function shardRecoveryState(
  shard: Pick<ShardView, 'replicas' | 'replicaRoles' | 'inconsistent' | 'corruptKnown'>,
  byNode: ReadonlyMap<string, NodeRecoveryView | null>,
): RecoveryGridState {
  if (shard.inconsistent) return 'inconsistent';
  // Belief only: a corruption no detector has found yet stays invisible here, as it is to cp.
  if (shard.corruptKnown.length > 0 || shard.replicaRoles.some((r) => r.corrupt === 'known')) return 'corrupt';
  let catchingUp = shard.replicaRoles.some((r) => r.role === 'catchingUp');
  for (const id of shard.replicas) {
    const recovery = byNode.get(id);
    if (!recovery) continue;
    if (RECOVERING.has(recovery.phase)) return 'recovering';
    if (recovery.phase === 'catchingUp' || recovery.amnesiac) catchingUp = true;
  }
  return catchingUp ? 'catchingUp' : 'none';
}

export function countByRecovery(shards: readonly ShardView[], byNode: ReadonlyMap<string, NodeRecoveryView | null>): Record<RecoveryGridState, number> {
  const counts: Record<RecoveryGridState, number> = { none: 0, recovering: 0, catchingUp: 0, corrupt: 0, inconsistent: 0 };
  for (const shard of shards) counts[shardRecoveryState(shard, byNode)]++;
  return counts;
}

/** One string that changes exactly when some node's recovery phase or amnesia does (the grid re-renders on it). */
export function recoverySignature(nodes: readonly NodeView[]): string {
  let signature = '';
  for (const [id, r] of recoveryByNode(nodes)) signature += r ? `${id}:${r.phase}${r.amnesiac ? 'a' : ''}${r.corruptKnown};` : '';
  return signature;
}
