/**
 * The control plane's metadata journal (design recovery-repair.md §8.2), the pure part: its entries, their words,
 * and Raft's two comparisons — which member's journal is at least as up to date, and which index a majority holds.
 * The world's use of it (who holds what, when an entry commits) is sim/control-plane/.
 */

export type MetaEntry =
  | { type: 'noop' }
  | { type: 'node.declaredDead'; node: string }
  | { type: 'failover.started'; failover: number; node: string }
  | { type: 'copy.planned'; job: number; shard: string; target: string; failover: number }
  | { type: 'copy.committed'; job: number; shard: string; target: string; lsn: number }
  | { type: 'copy.abandoned'; job: number; shard: string; reason: string }
  | { type: 'replica.removed'; shard: string; node: string; reason: 'dead' | 'corrupt' | 'stale' | 'gc' }
  | { type: 'primary.appointed'; shard: string; node: string; term: number }
  | { type: 'voters.changed'; shard: string; voters: string[] }
  /** A two-phase commit's decision by its coordinator, the cp leader (§9.3); `txn` is the transaction's id (t5). */
  | { type: 'txn.decided'; txn: string; decision: 'commit' | 'abort' };

export interface JournalRecord {
  /** 1-based position in the journal. */
  index: number;
  /** The leader's term when it appended the entry. */
  term: number;
  /** A simulated 32-bit checksum over index, term and entry (as a WAL record's, §3.2). */
  crc: number;
  entry: MetaEntry;
}

export function makeRecord(index: number, term: number, entry: MetaEntry): JournalRecord {
  return { index, term, crc: checksum(`${index}|${term}|${JSON.stringify(entry)}`), entry };
}

/** FNV-1a over the text: deterministic, and enough to tell a record from another. */
function checksum(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The last record's index and term (0, 0 for an empty journal). */
export function lastOf(log: readonly JournalRecord[]): { index: number; term: number } {
  const last = log[log.length - 1];
  return last ? { index: last.index, term: last.term } : { index: 0, term: 0 };
}

/**
 * Raft's election restriction: a voter grants its vote only to a candidate whose journal is at least as up to date
 * as its own — a later last term, or the same last term and at least as long. So no committed entry is lost.
 */
export function atLeastAsUpToDate(candidate: readonly JournalRecord[], voter: readonly JournalRecord[]): boolean {
  const c = lastOf(candidate);
  const v = lastOf(voter);
  return c.term > v.term || (c.term === v.term && c.index >= v.index);
}

/**
 * The highest index a majority of the members hold with the leader's current term at that index or later (Raft
 * commits only entries of its own term by counting; earlier ones commit with them). `held` is each member's last
 * index matching the leader.
 */
export function majorityIndex(held: readonly number[], memberCount: number): number {
  const sorted = [...held].sort((a, b) => b - a);
  const need = Math.floor(memberCount / 2) + 1;
  return sorted[need - 1] ?? 0;
}

/** What a record says, in plain words for the journal view. */
export function describeEntry(entry: MetaEntry): string {
  switch (entry.type) {
    case 'noop':
      return 'the new leader’s empty entry: once a majority holds it, everything before it is committed';
    case 'node.declaredDead':
      return `${entry.node} is declared DEAD`;
    case 'failover.started':
      return `the failover path for ${entry.node} starts`;
    case 'copy.planned':
      return `copy ${entry.shard} to ${entry.target} (job ${entry.job})`;
    case 'copy.committed':
      return `${entry.target} holds ${entry.shard} up to LSN ${entry.lsn}: the router lists it`;
    case 'copy.abandoned':
      return `the copy of ${entry.shard} (job ${entry.job}) is abandoned: ${entry.reason}`;
    case 'replica.removed':
      return `${entry.node}'s replica of ${entry.shard} is removed (${entry.reason})`;
    case 'primary.appointed':
      return `${entry.node} leads ${entry.shard} in term ${entry.term}`;
    case 'voters.changed':
      return `${entry.shard}'s voters are ${entry.voters.join(', ')}`;
    case 'txn.decided':
      return `the coordinator decides ${entry.txn}: ${entry.decision}`;
  }
}
