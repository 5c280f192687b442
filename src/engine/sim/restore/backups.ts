import { record, schedule, formatBytes, fmtMs, type World } from '../world';
import { backupById, type BackupManifest } from './state';

/**
 * backup.take and the backup schedule (design recovery-repair.md §10). A backup is 🅂 instantaneous: a consistent cut
 * of every shard's acknowledged writes at one instant (a real one is fuzzy and relies on WAL to become consistent).
 * The schedule is one event per interval for the whole cluster, never a timer per shard.
 */

export function takeBackup(w: World, id: string, scheduled: boolean): BackupManifest {
  const lsn = new Int32Array(w.shards.length);
  let writesHeld = 0;
  let placements = 0;
  let termSum = 0;
  for (const shard of w.shards) {
    lsn[shard.index] = shard.lsn;
    writesHeld += shard.lsn;
    placements += shard.replicas.length;
    termSum += shard.term;
  }
  const bytes = w.shards.length * w.shardSizeBytes;
  const manifest: BackupManifest = {
    id,
    atMs: w.nowMs,
    lsn,
    bytes,
    writesHeld,
    controlPlane: { placements, termSum },
    archiveAt: w.backups.archive.shard.length,
    discardedBy: null,
  };
  w.backups.list.push(manifest);
  record(
    w,
    scheduled ? 'cp' : 'operator',
    'backup.taken',
    `Backup ${id} is taken${scheduled ? ` (every ${fmtMs(w.params.backupIntervalMs)})` : ''}: a copy of all ${w.shards.length} shard(s), ` +
      `${formatBytes(bytes)}, holding ${writesHeld} acknowledged write(s), with the control plane's placement of them. ` +
      `It is one consistent instant (a simplification: a real backup is copied over minutes and made consistent by the log). ` +
      `Writes acknowledged after it are in no backup yet.`,
    'info',
    { backup: id, shards: w.shards.length, bytes, writesHeld },
  );
  return manifest;
}

/** With backupIntervalMs > 0, the first scheduled backup; nothing is scheduled otherwise. */
export function startBackups(w: World): void {
  if (w.params.backupIntervalMs > 0) w.backups.timer = schedule(w, w.nowMs + w.params.backupIntervalMs, { type: 'backup.tick' });
}

/** The schedule's tick: the next free id b1, b2… (skipping ids an operator used), then the next tick. */
export function onBackupTick(w: World): void {
  w.backups.timer = null;
  if (w.params.backupIntervalMs <= 0) return;
  let id = `b${w.backups.nextAutoNo++}`;
  while (backupById(w.backups, id)) id = `b${w.backups.nextAutoNo++}`;
  // A restore under way holds every shard at an old point: a backup then would copy nothing new.
  if (w.backups.restore === null || w.backups.restore.finishedAtMs !== null) takeBackup(w, id, true);
  else w.backups.nextAutoNo--;
  startBackups(w);
}
