import { nodeRecoveryMark, recoveryStateOfView, SHARD_RECOVERY_STATES, type NodeRecoveryView, type NodeView, type ShardRecoveryState, type ShardView } from '../../engine/index';

/**
 * The "Recovery" overlay of the placement grid (design §12): does a shard have a replica whose node is replaying
 * its log (R), one catching up from peers (⇣), or one known corrupt (⚠)? Known = the engine's belief (a checksum
 * failed on read, a scrub or a restart's verify found it), never the planted truth.
 */
export type RecoveryGridState = ShardRecoveryState;

export const RECOVERY_STATES: readonly RecoveryGridState[] = SHARD_RECOVERY_STATES;

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

/** Each node's recovery view (null while the engine has none for it). */
export function recoveryByNode(nodes: readonly NodeView[]): Map<string, NodeRecoveryView | null> {
  return new Map(nodes.map((n) => [n.id, n.recovery ?? null]));
}

/** The engine's definition (model/shard-codes.ts), so the grid and the heat map's codes never disagree. */
export function shardRecoveryState(
  shard: Pick<ShardView, 'replicas' | 'replicaRoles' | 'inconsistent' | 'corruptKnown'>,
  byNode: ReadonlyMap<string, NodeRecoveryView | null>,
): RecoveryGridState {
  return recoveryStateOfView(shard, (id) => nodeRecoveryMark(byNode.get(id)));
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
