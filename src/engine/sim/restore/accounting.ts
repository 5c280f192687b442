import type { ShardRow, World } from '../world';

/**
 * RPO, exactly (design recovery-repair.md §10, §15): the acknowledged writes a restore does not bring back.
 *
 * A shard's acknowledged writes since the backup are its LSN now plus every write listed lost since the backup
 * (a destroyed disk, a power loss, an earlier restore): those LostWrites entries are taken back, because the restore
 * decides their fate — the ones it reloads exist again, and the rest are lost *to the restore*, listed once with its
 * cause. So every acknowledged write stays either present or in exactly one LostWrites entry:
 * `writesAcked = Σ shard LSN + writesLost` holds across a restore.
 */
export function settleShardWrites(w: World, shard: ShardRow, backupAtMs: number, restoredLsn: number, cause: string): number {
  const wl = w.workload;
  let taken = 0;
  wl.lostWrites = wl.lostWrites.filter((l) => {
    if (l.shard !== shard.id || l.atMs < backupAtMs) return true;
    taken += l.count;
    return false;
  });
  wl.writesLost -= taken;
  // Never negative: every write the backup (or archive) holds was acknowledged since, or is still present.
  const lost = Math.max(0, shard.lsn + taken - restoredLsn);
  if (lost > 0) {
    wl.writesLost += lost;
    wl.lostWrites.push({ shard: shard.id, firstLsn: restoredLsn + 1, lastLsn: restoredLsn + lost, count: lost, atMs: w.nowMs, cause });
  }
  return lost;
}
