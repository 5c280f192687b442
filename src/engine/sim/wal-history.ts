import type { SimParams } from '../sim-params';
import type { WalSegmentSummary } from '../recovery-types';
import type { NodeWal } from './wal-log';

/**
 * `params.walHistoryRecords` (design recovery-repair.md §4, exercise 2): log records written before t = 0, standing for
 * hours of earlier traffic without simulating them. They never exist one by one (§2: summaries, not per-record
 * state): the log starts with them as segment summaries (`history: true`) after the last snapshot or checkpoint,
 * numbered 1..H, each walRecordHeaderBytes + walWriteBytes long, synced, intact.
 *
 * - Memory store with snapshots (`snapshotEveryRecords` N > 0): the last snapshot before t = 0 was at record
 *   H − (H mod N); only the H mod N records after it remain in the log, and the next snapshot comes N − (H mod N)
 *   appends later.
 * - Memory store without snapshots, or a page store (🅂 no checkpoint before t = 0: the first checkpoint drops them):
 *   all H remain.
 *
 * They bring no shard's LSN forward (the data set at t = 0 is "snapshot 0", shards at LSN 0): a page store's pages
 * hold them, so a replay reads and skips them; a memory store's crash loses them from memory (`historyToRedo`), so a
 * replay reads and applies them, in whole segments, one step each.
 */

export function historyRecordBytes(p: Pick<SimParams, 'walRecordHeaderBytes' | 'walWriteBytes'>): number {
  return p.walRecordHeaderBytes + p.walWriteBytes;
}

/** Records of the history still in the log at t = 0 (after the last snapshot), and where that snapshot is. */
export function historyAfterSnapshot(p: Pick<SimParams, 'walHistoryRecords' | 'stateStore' | 'snapshotEveryRecords'>): {
  snapshotNo: number;
  records: number;
} {
  const h = Math.max(0, Math.floor(p.walHistoryRecords));
  const n = p.stateStore === 'memory' ? p.snapshotEveryRecords : 0;
  if (n <= 0) return { snapshotNo: 0, records: h };
  const after = h % n;
  return { snapshotNo: h - after, records: after };
}

/** Writes the history into a fresh log; returns the records after the last snapshot (the node's recordsSinceSnapshot). */
export function seedWalHistory(wal: NodeWal, p: SimParams): number {
  const h = Math.max(0, Math.floor(p.walHistoryRecords));
  if (h === 0) return 0;
  const b = historyRecordBytes(p);
  const { snapshotNo, records } = historyAfterSnapshot(p);
  const perSegment = Math.max(1, Math.floor(p.walSegmentBytes / b));
  const segments: WalSegmentSummary[] = [];
  for (let first = snapshotNo + 1; first <= h; first += perSegment) {
    const last = Math.min(h, first + perSegment - 1);
    segments.push({ firstNo: first, lastNo: last, records: last - first + 1, bytes: (last - first + 1) * b, history: true });
  }
  wal.olderSegments = segments;
  wal.firstNo = h + 1;
  wal.lastNo = h;
  wal.nextOffset = h * b;
  wal.firstPrev = (h - 1) * b;
  wal.syncedUpToNo = h;
  if (snapshotNo > 0) {
    // 🅂 The snapshot marker sits at the end of record #snapshotNo: replay reads from there.
    wal.checkpointNo = snapshotNo;
    wal.checkpointOffset = snapshotNo * b;
    wal.checkpointEndOffset = snapshotNo * b;
  }
  return records;
}

/** Does a replay starting now apply the history segments (the node's state lost them) or read past them? */
export function historyIsRedone(wal: NodeWal): boolean {
  return wal.historyToRedo;
}

/** A crash of a running node: a memory store loses what it held in memory, the history's effects included. */
export function noteHistoryLost(wal: NodeWal, p: Pick<SimParams, 'stateStore'>): void {
  if (p.stateStore === 'memory' && wal.olderSegments.some((s) => s.history)) wal.historyToRedo = true;
}

/** The Log view's summaries: the history as one summary (however many segments it fills), then the folded ones. */
export function segmentsForView(segments: readonly WalSegmentSummary[]): WalSegmentSummary[] {
  const out: WalSegmentSummary[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    if (s.history && last?.history && last.lastNo === s.firstNo - 1) {
      last.lastNo = s.lastNo;
      last.records += s.records;
      last.bytes += s.bytes;
    } else out.push({ ...s });
  }
  return out;
}
