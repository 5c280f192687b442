import { SHARD_WRITE_STATES, type QuorumState, type ShardView } from '../../engine/index';

/** The "writes" overlay of the placement grid: can each shard take a write right now? */
export const QUORUM_STATES: readonly QuorumState[] = SHARD_WRITE_STATES;

export const QUORUM_WORD: Record<QuorumState, string> = {
  writable: 'takes writes',
  primaryUnreachable: 'primary unreachable',
  noPrimary: 'no primary',
  noQuorum: 'no quorum (read-only)',
  lost: 'lost',
};

/** A glyph per state, so colour is never the only signal. */
export const QUORUM_GLYPH: Record<QuorumState, string> = {
  writable: '',
  primaryUnreachable: '?',
  noPrimary: '∅',
  noQuorum: 'Q',
  lost: '✕',
};

export function countByQuorum(shards: readonly ShardView[]): Record<QuorumState, number> {
  const counts = { writable: 0, primaryUnreachable: 0, noPrimary: 0, noQuorum: 0, lost: 0 };
  for (const shard of shards) counts[shard.quorum]++;
  return counts;
}
