import type { RecoveryPhase } from '../recovery-types';
import type { QuorumState, ShardState, ShardView } from '../types';

/**
 * One small number per shard that says everything the placement view distinguishes, so a view of 100,000 shards
 * can take a `Uint8Array` instead of 100,000 `ShardView` objects (Simulation.getShardStateCodes()).
 *
 * A code packs three facts, each one of five values (5 × 5 × 5 = 125 codes, fits a byte):
 *   code = replica + 5 × write + 25 × recovery
 * - replica: the "Replicas" overlay — healthy, under-replicated (queued or waiting, with a reason), re-homing (a copy
 *   is running), last copy (at most one copy on a running node: the truth, like "process down"), lost.
 * - write: the "Writes" overlay — takes writes, primary unreachable, no primary, no quorum (read-only), lost.
 * - recovery: the "Recovery" overlay — none, a replica replaying its log, one catching up (or amnesiac), one known
 *   corrupt (belief, never the planted truth), inconsistent (waits for shard.repair).
 * Code 0 is a healthy, writable shard with nothing recovering: the common case, and a zeroed array's meaning.
 */
export type ShardReplicaState = ShardState | 'lastCopy';
export type ShardRecoveryState = 'none' | 'recovering' | 'catchingUp' | 'corrupt' | 'inconsistent';

export const SHARD_REPLICA_STATES: readonly ShardReplicaState[] = ['healthy', 'underReplicated', 'rehoming', 'lastCopy', 'lost'];
export const SHARD_WRITE_STATES: readonly QuorumState[] = ['writable', 'primaryUnreachable', 'noPrimary', 'noQuorum', 'lost'];
export const SHARD_RECOVERY_STATES: readonly ShardRecoveryState[] = ['none', 'recovering', 'catchingUp', 'corrupt', 'inconsistent'];

/** How many distinct codes there are (codes run 0…SHARD_CODE_COUNT − 1). */
export const SHARD_CODE_COUNT = 125;
export const SHARD_CODE_HEALTHY = 0;

export const SHARD_REPLICA_LABEL: Record<ShardReplicaState, string> = {
  healthy: 'healthy',
  underReplicated: 'under-replicated',
  rehoming: 're-homing',
  lastCopy: 'last copy',
  lost: 'lost',
};

export const SHARD_WRITE_LABEL: Record<QuorumState, string> = {
  writable: 'takes writes',
  primaryUnreachable: 'primary unreachable',
  noPrimary: 'no primary',
  noQuorum: 'no quorum (read-only)',
  lost: 'lost',
};

export const SHARD_RECOVERY_LABEL: Record<ShardRecoveryState, string> = {
  none: 'no replica recovering',
  recovering: 'a replica is replaying its log',
  catchingUp: 'a replica is catching up',
  corrupt: 'a replica is known corrupt',
  inconsistent: 'inconsistent: waits for shard.repair',
};

const REPLICA_INDEX = indexOf(SHARD_REPLICA_STATES);
const WRITE_INDEX = indexOf(SHARD_WRITE_STATES);
const RECOVERY_INDEX = indexOf(SHARD_RECOVERY_STATES);

export function shardCode(replica: ShardReplicaState, write: QuorumState, recovery: ShardRecoveryState): number {
  return REPLICA_INDEX[replica] + 5 * WRITE_INDEX[write] + 25 * RECOVERY_INDEX[recovery];
}

export function replicaStateOfCode(code: number): ShardReplicaState {
  return SHARD_REPLICA_STATES[code % 5];
}

export function writeStateOfCode(code: number): QuorumState {
  return SHARD_WRITE_STATES[Math.floor(code / 5) % 5];
}

export function recoveryStateOfCode(code: number): ShardRecoveryState {
  return SHARD_RECOVERY_STATES[Math.floor(code / 25) % 5];
}

/** The code in words, for a tooltip or a screen reader: "under-replicated, takes writes, a replica is catching up". */
export function describeShardCode(code: number): string {
  const recovery = recoveryStateOfCode(code);
  const words = [SHARD_REPLICA_LABEL[replicaStateOfCode(code)], SHARD_WRITE_LABEL[writeStateOfCode(code)]];
  if (recovery !== 'none') words.push(SHARD_RECOVERY_LABEL[recovery]);
  return words.join(', ');
}

/** Down to its last running copy (or none) without being lost: a risk of its own, which the copy queue serves first. */
export function replicaStateOf(state: ShardState, liveCopies: number, replicationFactor: number): ShardReplicaState {
  if (state !== 'lost' && liveCopies <= 1 && liveCopies < replicationFactor) return 'lastCopy';
  return state;
}

/** Node phases in which a node serves nothing: its replicas are "recovering". */
export const RECOVERING_PHASES: ReadonlySet<RecoveryPhase> = new Set(['loadingSnapshot', 'replaying', 'verifying']);

/** What a node contributes to the recovery state of the shards it holds. */
export type NodeRecoveryMark = 'none' | 'recovering' | 'catchingUp';

export function nodeRecoveryMark(recovery: { phase: RecoveryPhase; amnesiac: boolean } | null | undefined): NodeRecoveryMark {
  if (!recovery) return 'none';
  if (RECOVERING_PHASES.has(recovery.phase)) return 'recovering';
  return recovery.phase === 'catchingUp' || recovery.amnesiac ? 'catchingUp' : 'none';
}

/** The recovery state from a shard's view and its replicas' nodes' marks (the definition the engine's codes follow). */
export function recoveryStateOfView(
  shard: Pick<ShardView, 'replicas' | 'replicaRoles' | 'inconsistent' | 'corruptKnown'>,
  markOf: (node: string) => NodeRecoveryMark,
): ShardRecoveryState {
  if (shard.inconsistent) return 'inconsistent';
  // Belief only: a corruption no detector has found yet stays invisible here, as it is to cp.
  if (shard.corruptKnown.length > 0 || shard.replicaRoles.some((r) => r.corrupt === 'known')) return 'corrupt';
  let catchingUp = shard.replicaRoles.some((r) => r.role === 'catchingUp');
  for (const id of shard.replicas) {
    const mark = markOf(id);
    if (mark === 'recovering') return 'recovering';
    if (mark === 'catchingUp') catchingUp = true;
  }
  return catchingUp ? 'catchingUp' : 'none';
}

/** A shard's code from its full view: what getShardStateCodes() must agree with, and the UI's fallback below 2,000 shards. */
export function shardCodeOfView(shard: ShardView, replicationFactor: number, markOf: (node: string) => NodeRecoveryMark): number {
  return shardCode(replicaStateOf(shard.state, shard.liveCopies, replicationFactor), shard.quorum, recoveryStateOfView(shard, markOf));
}

function indexOf<T extends string>(values: readonly T[]): Record<T, number> {
  return Object.fromEntries(values.map((v, i) => [v, i])) as Record<T, number>;
}
