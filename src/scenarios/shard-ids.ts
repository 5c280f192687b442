import type { ShardId } from '../engine/index';

/**
 * Shard ids are `s` plus a 1-based number padded to at least three digits,
 * and to the digit count of the total, so ids sort as text in number order:
 * s001…s400, or s0001…s1000 for a thousand shards.
 */

function width(total: number): number {
  return Math.max(3, String(total).length);
}

/** The id of the shard at 0-based `index0` among `total` shards. */
export function shardIdOf(index0: number, total: number): ShardId {
  return `s${String(index0 + 1).padStart(width(total), '0')}`;
}

/** The 0-based index of `id` among `total` shards, or null when no such shard exists. */
export function shardIndexOf(id: string, total: number): number | null {
  const match = /^s(\d+)$/.exec(id);
  if (!match || match[1].length !== width(total)) return null;
  const index0 = Number(match[1]) - 1;
  return index0 >= 0 && index0 < total ? index0 : null;
}

/** The canonical id a loosely written one (`s1`, `S01`) probably means, or null. */
export function canonicalShardId(id: string, total: number): ShardId | null {
  const match = /^s0*(\d+)$/i.exec(id.trim());
  if (!match) return null;
  const index0 = Number(match[1]) - 1;
  return index0 >= 0 && index0 < total ? shardIdOf(index0, total) : null;
}
