import type { ReadConsistency, WriteConsistency } from '../../recovery-types';

/**
 * Consistency-level arithmetic (design recovery-repair.md §7.1, Cassandra's CL): how many replicas must answer.
 * ONE = 1, QUORUM = floor(RF/2) + 1, ALL = RF; ANY = 1 where a stored hint counts as an answer.
 */
export function replicasNeeded(cl: WriteConsistency | ReadConsistency, rf: number): number {
  switch (cl) {
    case 'ONE':
    case 'ANY':
      return 1;
    case 'QUORUM':
      return Math.floor(rf / 2) + 1;
    case 'ALL':
      return rf;
  }
}

/** "CL QUORUM needs 2 of 3 replicas; only n1 answered" — the reason a write or read fails, in plain words. */
export function shortfallWords(cl: WriteConsistency | ReadConsistency, rf: number, answered: readonly string[]): string {
  const need = replicasNeeded(cl, rf);
  const who =
    answered.length === 0 ? 'no replica answered' : `only ${answered.join(', ')} answered`;
  return `CL ${cl} needs ${need} of ${rf} replica${rf === 1 ? '' : 's'}; ${who}`;
}
