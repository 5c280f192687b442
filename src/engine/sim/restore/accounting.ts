import type { World } from '../world';

/**
 * RPO, exactly (design recovery-repair.md §10, §15): the acknowledged writes a restore does not bring back.
 *
 * A shard's acknowledged writes since the backup are its LSN now plus every write listed lost since the backup
 * (a destroyed disk, a power loss, an earlier restore): those LostWrites entries are taken back, because the restore
 * decides their fate — the ones it reloads exist again, and the rest are lost *to the restore*, listed once per shard
 * with its cause. So every acknowledged write stays either present or in exactly one LostWrites entry:
 * `writesAcked = Σ shard LSN + writesLost` holds across a restore. Call before the shards' LSNs are set to what the
 * restore brings back. Returns the writes lost, per shard ("s004 23") and in all.
 */
export function settleRestoredWrites(w: World, backupAtMs: number, restoredLsn: Int32Array, cause: string): { total: number; perShard: string[] } {
  const wl = w.workload;
  const taken = new Map<string, number>();
  wl.lostWrites = wl.lostWrites.filter((l) => {
    if (l.atMs < backupAtMs) return true;
    taken.set(l.shard, (taken.get(l.shard) ?? 0) + l.count);
    wl.writesLost -= l.count;
    return false;
  });
  let total = 0;
  const perShard: string[] = [];
  for (const shard of w.shards) {
    const restored = restoredLsn[shard.index];
    // Never negative: every write the backup (or archive) holds was acknowledged since, or is still present.
    const lost = Math.max(0, shard.lsn + (taken.get(shard.id) ?? 0) - restored);
    if (lost === 0) continue;
    wl.writesLost += lost;
    wl.lostWrites.push({ shard: shard.id, firstLsn: restored + 1, lastLsn: restored + lost, count: lost, atMs: w.nowMs, cause });
    total += lost;
    perShard.push(`${shard.id} ${lost}`);
  }
  return { total, perShard };
}
