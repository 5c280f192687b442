import type { SimParams } from '../../types';
import type { RandomStream } from '../random';

/**
 * Which key of a shard a client touches (design recovery-repair.md §2 🅂 Keys): a hot set of `hotKeyFraction` of the
 * keys (keys 0 … hot−1) takes `hotTrafficFraction` of the traffic, so reads find and repair hot keys first (§7.5).
 * Two draws per key from the caller's stream (`workload:keys` for writes, `workload:readKeys` for reads); nothing
 * is drawn in primary mode, so existing digests hold.
 */
export function hotKeyCount(p: Pick<SimParams, 'keysPerShard' | 'hotKeyFraction'>): number {
  const keys = Math.max(1, Math.floor(p.keysPerShard));
  return Math.min(keys, Math.max(1, Math.round(p.hotKeyFraction * keys)));
}

export function drawKey(stream: RandomStream, p: Pick<SimParams, 'keysPerShard' | 'hotKeyFraction' | 'hotTrafficFraction'>): number {
  const keys = Math.max(1, Math.floor(p.keysPerShard));
  const hot = hotKeyCount(p);
  const toHot = stream.next() < p.hotTrafficFraction;
  const pick = stream.next();
  if (toHot || hot === keys) return Math.floor(pick * hot);
  return hot + Math.floor(pick * (keys - hot));
}

export function isHotKey(key: number, p: Pick<SimParams, 'keysPerShard' | 'hotKeyFraction'>): boolean {
  return key < hotKeyCount(p);
}
