import type { World } from '../world';

/**
 * The WAL archive (design recovery-repair.md §10, `params.walArchive`; PostgreSQL's archive_command): 🅂 one
 * cluster-wide stream of every acknowledged write, cut into segments of `walSegmentBytes`; a segment is archived
 * (usable by a point-in-time restore) only once it is full, so the writes in the open segment are not.
 * A leaf module: the write paths call `archiveWrite` and import nothing else from restore/.
 */

/** A write was acknowledged: with walArchive on, it goes into the archive stream. */
export function archiveWrite(w: World, shard: number, lsn: number): void {
  if (!w.params.walArchive) return;
  const a = w.backups.archive;
  a.shard.push(shard);
  a.lsn.push(lsn);
  a.atMs.push(w.nowMs);
}

/** Bytes one archived write takes: the record's payload and header. */
export function archivedRecordBytes(w: World): number {
  return w.params.walWriteBytes + w.params.walRecordHeaderBytes;
}

/** Writes per archive segment (at least one). */
export function recordsPerSegment(w: World): number {
  return Math.max(1, Math.floor(w.params.walSegmentBytes / archivedRecordBytes(w)));
}

/** Writes in sealed (archived) segments: the open segment's writes are not archived yet. */
export function archivedCount(w: World): number {
  const n = w.backups.archive.shard.length;
  const per = recordsPerSegment(w);
  return Math.floor(n / per) * per;
}
