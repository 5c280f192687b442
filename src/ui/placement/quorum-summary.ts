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

/** What decides a shard's writability: the replication mode and, when leaderless, the write consistency level. */
export interface WriteRule {
  replication: 'primary' | 'leaderless';
  writeConsistency: string;
}

/**
 * The legend's words. Leaderless (design recovery-repair.md §7.1): no primary and no voters, so a shard takes writes
 * at the write consistency level or has too few replicas for it (the engine's quorumOf says which).
 */
export function quorumWordsFor(rule: WriteRule): Record<QuorumState, string> {
  if (rule.replication !== 'leaderless') return QUORUM_WORD;
  const cl = rule.writeConsistency;
  // The two primary states never occur here; should one show, it still names no primary.
  const refuses = `refuses writes at CL ${cl}`;
  return { writable: `takes writes (CL ${cl})`, primaryUnreachable: refuses, noPrimary: refuses, noQuorum: `too few replicas for CL ${cl}`, lost: QUORUM_WORD.lost };
}

/** The states worth a legend entry: a leaderless shard is never without a primary or unable to reach one. */
export function quorumStatesFor(rule: WriteRule): readonly QuorumState[] {
  return rule.replication === 'leaderless' ? QUORUM_STATES.filter((s) => s !== 'primaryUnreachable' && s !== 'noPrimary') : QUORUM_STATES;
}
