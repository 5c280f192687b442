import type { Scheduled } from '../event-queue';
import type { SimEvent } from '../rows';
import type { RestoreMachineSnapshot } from '../../machines/restore.machine';

/**
 * The world's backup and restore record (`w.backups`, design recovery-repair.md §10), owned by sim/restore/:
 * the backups taken (each a manifest: per shard the LSN it holds), the archive of acknowledged writes (only with
 * `params.walArchive`), and the restore under way or last. A record file: it imports only rows, types and machines.
 */

/** One backup: 🅂 an instantaneous, consistent snapshot of every shard (real ones are fuzzy and made consistent by WAL). */
export interface BackupManifest {
  id: string;
  atMs: number;
  /** Shard index → the LSN (acknowledged writes) the backup holds. */
  lsn: Int32Array;
  /** Bytes of one copy of every shard (shards × shardSizeBytes). */
  bytes: number;
  /** Acknowledged writes it holds, summed over shards. */
  writesHeld: number;
  /** The control plane's metadata it carries: how many shards each node was placed on, and the shards' terms summed. */
  controlPlane: { placements: number; termSum: number };
  /** The archive's length when it was taken: a point-in-time replay starts there (a write in the same ms may follow it). */
  archiveAt: number;
  /** Set when a restore discarded the history this backup was taken on (it was taken after that restore's point). */
  discardedBy: string | null;
}

/**
 * Every write acknowledged while `walArchive` is on, in order (🅂 one cluster-wide archive stream, cut into segments of
 * walSegmentBytes; a segment is archived when it fills). Parallel arrays: shard index, its LSN, when it was acknowledged.
 */
export interface WriteArchive {
  shard: number[];
  lsn: number[];
  atMs: number[];
}

/** One cluster.restore: its plan (fixed when it starts: writes pause) and its machine. */
export interface RestoreRun {
  backup: string;
  /** Point-in-time target, or null (the backup only). */
  targetMs: number | null;
  startedAtMs: number;
  finishedAtMs: number | null;
  machine: RestoreMachineSnapshot;
  /** Shard index → the LSN it comes back at. */
  restoredLsn: Int32Array;
  /** Shard index → the nodes it is reloaded on (restore/placement.ts); emptied once installed. */
  placement: number[][];
  /** Writes acknowledged after the backup and by the target that sat in the open (unarchived) segment. */
  unarchivedBeforeTarget: number;
  /** Running nodes the shards load onto, and each one's rate. */
  liveNodes: number;
  bytesPerSecPerNode: number;
  /** Every replica's bytes: shards × copies placed. */
  totalBytes: number;
  loadMs: number;
  /** Archived records replayed after the backup, their bytes, and the time to scan and apply them. */
  archivedRecords: number;
  archivedBytes: number;
  scanMs: number;
  applyMs: number;
  /** The archive's last archived write at or before the target (ms), or null with none. */
  archivedUpToMs: number | null;
  /** loadMs + scanMs + applyMs. */
  rtoMs: number;
  /** Acknowledged writes it does not bring back (LostWrites with its cause), set when it finishes. */
  rpoWrites: number | null;
  /** The cause its LostWrites entries carry. */
  cause: string;
}

export interface BackupRecord {
  list: BackupManifest[];
  /** The scheduled backups' next number (b1, b2…), and the schedule's next tick. */
  nextAutoNo: number;
  timer: Scheduled<SimEvent> | null;
  archive: WriteArchive;
  /** The restore under way, or the last one. */
  restore: RestoreRun | null;
  /** Bytes loaded back by every restore so far. */
  restoreBytes: number;
}

export function newBackupRecord(): BackupRecord {
  return { list: [], nextAutoNo: 1, timer: null, archive: { shard: [], lsn: [], atMs: [] }, restore: null, restoreBytes: 0 };
}

export function backupById(rec: BackupRecord, id: string): BackupManifest | undefined {
  return rec.list.find((b) => b.id === id);
}

/** A restore is loading or replaying: writes pause. */
export function restoreRunning(rec: BackupRecord): boolean {
  return rec.restore !== null && rec.restore.finishedAtMs === null;
}
