/**
 * What the restore panel and the CLI report show of backups and cluster restores (design recovery-repair.md §10):
 * read through `sim.getRestoreView()` (driver: `window.failoverLab.getRestoreView()`).
 */

export interface BackupView {
  id: string;
  /** When it was taken (simulated ms). */
  atMs: number;
  shards: number;
  /** One copy of every shard. */
  bytes: number;
  /** Acknowledged writes it holds, summed over shards. */
  writesHeld: number;
  /** Why it can no longer be restored (a later restore discarded the history it was taken on), or null. */
  discardedBy: string | null;
}

export type RestorePhase = 'requested' | 'loading' | 'replayingArchive' | 'finished';

/** RTO = bytes / (nodes × rate) + archivedBytes / scanRate + archivedRecords × applyMs: each term, filled in. */
export interface RtoFormula {
  totalBytes: number;
  liveNodes: number;
  bytesPerSecPerNode: number;
  loadMs: number;
  archivedBytes: number;
  walScanBytesPerSec: number;
  scanMs: number;
  archivedRecords: number;
  walApplyMsPerRecord: number;
  applyMs: number;
  /** loadMs + scanMs + applyMs. */
  rtoMs: number;
  /** The formula with its numbers, in words: "2.3 GiB / (3 × 128 MiB/s) = 6000 ms". */
  text: string;
}

export interface RestoreRunView {
  backup: string;
  /** When the backup was taken. */
  backupAtMs: number;
  /** Point-in-time target, or null (the backup only). */
  targetMs: number | null;
  phase: RestorePhase;
  startedAtMs: number;
  finishedAtMs: number | null;
  bytesDone: number;
  bytesTotal: number;
  /** Acknowledged writes it does not bring back: final once finished, what it will lose while it runs. */
  rpoWrites: number;
  rpoFinal: boolean;
  /** The cause its LostWrites entries carry ("restored to backup b1 taken at 30.0 s"). */
  cause: string;
  rto: RtoFormula;
}

export interface RestoreView {
  backups: BackupView[];
  /** The restore under way, or the last one; null before any. */
  restore: RestoreRunView | null;
  /** params.walArchive, and the writes in archived (sealed) segments. */
  walArchive: boolean;
  archivedWrites: number;
}
