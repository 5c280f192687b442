import { knownCorruptionAt } from '../corruption-state';
import { isUp, type ShardRow, type World } from '../world';

/**
 * Isolation (design recovery-repair.md §5.1, invariant 5 of §11.6): a replica that is recovering, catching up
 * after it came back, amnesiac (§5.2), divergent (holds writes the shard's history does not) or corrupt neither
 * votes, nor serves a fresh read, nor acts as a copy or catch-up source. Each reason is something the replica
 * knows of itself and says when asked, so the coordinator and the migrator may act on it.
 */
export type IsolationReason = 'recovering' | 'catchingUp' | 'amnesiac' | 'divergent' | 'corrupt';

/** Why this replica may not serve its shard right now, or null if it may. */
export function isolationOf(w: World, shard: ShardRow, node: number): IsolationReason | null {
  if (!isUp(w.nodes[node]) && w.nodes[node].life.value !== 'crashed' && w.nodes[node].life.value !== 'destroyed') return 'recovering';
  return sourceRefusal(w, shard, node);
}

/**
 * The reasons a replica gives for refusing to act as a source or voter, leaving out whether its process runs
 * (the migrator learns that from a stream that does not move, as it always has).
 */
export function sourceRefusal(w: World, shard: ShardRow, node: number): Exclude<IsolationReason, 'recovering'> | null {
  if (shard.divergent?.has(node)) return 'divergent';
  // Known corrupt: what cp and the replica itself act on (a corruption nobody has found yet cannot be acted on).
  if (w.corruption.known.size > 0 && knownCorruptionAt(w.corruption, node, shard.index)) return 'corrupt';
  const c = w.catchUp;
  if (c.amnesiac.size === 0 && c.pending.size === 0) return null;
  // Both flags hold only while the replica is behind the shard's history: an operator's rollback to its LSN, or a
  // loss of the writes it forgot, settles them as surely as a catch-up does.
  const lsn = w.nodes[node].disk.get(shard.index) ?? 0;
  if (lsn === shard.lsn) return null;
  const bar = c.amnesiac.get(node)?.get(shard.index);
  if (bar !== undefined && lsn < Math.min(bar, shard.lsn)) return 'amnesiac';
  if (c.pending.get(node)?.has(shard.index)) return 'catchingUp';
  return null;
}

/** The replica came back below what it had acknowledged and has not caught up past it yet (§5.2). */
export function isAmnesiacReplica(w: World, shard: ShardRow, node: number): boolean {
  const bar = w.catchUp.amnesiac.size > 0 ? w.catchUp.amnesiac.get(node)?.get(shard.index) : undefined;
  return bar !== undefined && (w.nodes[node].disk.get(shard.index) ?? 0) < Math.min(bar, shard.lsn);
}

/** In words, for trace text: "amnesiac", "still catching up". */
export function isolationWords(reason: IsolationReason): string {
  switch (reason) {
    case 'recovering':
      return 'still recovering';
    case 'catchingUp':
      return 'still catching up';
    case 'amnesiac':
      return 'amnesiac (it came back behind what it had acknowledged)';
    case 'divergent':
      return 'divergent (it holds writes the shard’s history does not)';
    case 'corrupt':
      return 'known corrupt';
  }
}
