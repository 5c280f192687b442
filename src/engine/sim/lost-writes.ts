import type { ShardRow, World } from './world';

/**
 * Acknowledged writes of `shard` above `held` no longer exist anywhere: count them, list them as a LostWrites
 * entry with the cause in words, and end the shard's history at what survives (counting them again later, on a
 * repair or an erase, would double the loss). Returns the words for the trace ("s004 writes 12–15") and the count,
 * or null when nothing above `held` was acknowledged.
 */
export function loseWritesAbove(w: World, shard: ShardRow, held: number, cause: string): { words: string; count: number } | null {
  if (held >= shard.lsn) return null;
  const count = shard.lsn - held;
  w.workload.writesLost += count;
  w.workload.lostWrites.push({ shard: shard.id, firstLsn: held + 1, lastLsn: shard.lsn, count, atMs: w.nowMs, cause });
  const words = `${shard.id} ${count === 1 ? `write ${shard.lsn}` : `writes ${held + 1}–${shard.lsn}`}`;
  shard.lsn = held;
  return { words, count };
}
