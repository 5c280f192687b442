import { CORRUPT, versionOf, type ShardDivergence } from '../model/divergence';

/**
 * No replica holds a key's newest write any more (its only holders, or the hints that carried it, are gone): the
 * newest version a remaining replica holds becomes the newest, and the replicas holding it are no longer stale.
 * Returns the change in stale keys. Pure over one shard's maps; callers record the LostWrites entry.
 */
export function forgetLostWrite(div: ShardDivergence, key: number, replicas: readonly number[]): number {
  let newest = 0;
  for (const r of replicas) {
    const v = versionOf(div, r, key);
    if (v !== CORRUPT && v > newest) newest = v;
  }
  let delta = 0;
  div.latest.set(key, newest);
  for (const r of replicas) {
    const held = div.stale.get(r);
    if (held?.get(key) === newest) {
      held.delete(key);
      delta--;
      if (held.size === 0) div.stale.delete(r);
    }
  }
  let stillStale = false;
  for (const keys of div.stale.values()) if (keys.has(key)) stillStale = true;
  if (!stillStale) div.latest.delete(key);
  return delta;
}

