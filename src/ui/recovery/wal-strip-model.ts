import type { RecoveryModePreview, WalRecordView, WalRecoveryMode, WalSegmentSummary, WalView } from '../../engine/index';

/**
 * What the Log view draws, in order: the checkpoint replay starts after, older stretches as count boxes, a window
 * of record cells around the focus, and the markers between cells (fsync line, replay cursor, stop point, where
 * each recovery mode would stop). Pure, so a 4,096-record log is tested without a browser.
 *
 * Only a window of cells is drawn: a big log would otherwise put thousands of buttons in the page on every
 * publish; what is outside the window is counted and one key press away.
 */

/**
 * Cells drawn at once: about six rows in the inspector's column, so the window (centred on the cursor) keeps the
 * cursor in the same place as the learner steps, and no nested scrolling is needed. A phone shows fewer.
 */
export const MAX_STRIP_CELLS = 36;

export type MarkerKind = 'fsync' | 'cursor' | 'stop' | 'preview';

export type StripItem =
  | { kind: 'checkpoint'; recordNo: number | null; offset: number | null; atMs: number | null }
  | ({ kind: 'segment' } & WalSegmentSummary)
  | { kind: 'hidden'; side: 'before' | 'after'; count: number; firstNo: number; lastNo: number; holds: MarkerKind[]; damaged: number }
  | { kind: 'record'; record: WalRecordView }
  | { kind: 'marker'; marker: MarkerKind; beforeNo: number | null; modes?: WalRecoveryMode[] };

export interface StripOptions {
  /** The record the learner moved to (keyboard, click), or null to follow the replay. */
  focusNo: number | null;
  maxCells: number;
  previews: readonly RecoveryModePreview[];
}

/** Which record the window centres on: the learner's focus, else the cursor, else the stop point, else the newest. */
export function anchorNo(wal: WalView, focusNo: number | null): number | null {
  const last = wal.records.at(-1)?.no;
  if (last === undefined) return null;
  // A stop point past the end (replay cut off the torn tail) anchors on the last record left.
  return Math.min(focusNo ?? wal.cursorNo ?? wal.stopNo ?? last, last);
}

/** Index of the record numbered `no` (records are in order, numbers consecutive or nearly so). */
function indexOf(records: readonly WalRecordView[], no: number): number {
  let lo = 0;
  let hi = records.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (records[mid]!.no < no) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function stripItems(wal: WalView, opts: StripOptions): StripItem[] {
  const { records } = wal;
  const items: StripItem[] = [
    { kind: 'checkpoint', recordNo: wal.checkpoint?.recordNo ?? null, offset: wal.checkpoint?.offset ?? null, atMs: wal.checkpoint?.atMs ?? null },
  ];
  for (const segment of wal.olderSegments) items.push({ kind: 'segment', ...segment });

  // Markers sit before a record (cursor, stop, preview) or after one (fsync); keyed by the record they precede.
  const before = new Map<number, StripItem[]>();
  const put = (no: number, item: StripItem) => before.set(no, [...(before.get(no) ?? []), item]);
  const previewModes = new Map<number, WalRecoveryMode[]>();
  for (const p of opts.previews) if (p.stopNo !== null) previewModes.set(p.stopNo, [...(previewModes.get(p.stopNo) ?? []), p.mode]);
  for (const [no, modes] of previewModes) put(no, { kind: 'marker', marker: 'preview', beforeNo: no, modes });
  if (wal.cursorNo !== null) put(wal.cursorNo, { kind: 'marker', marker: 'cursor', beforeNo: wal.cursorNo });
  if (wal.stopNo !== null) put(wal.stopNo, { kind: 'marker', marker: 'stop', beforeNo: wal.stopNo });
  // The fsync line comes after the last synced record: before the first unsynced one (or at the very end).
  const firstUnsynced = records.find((r) => r.no > wal.syncedUpToNo)?.no ?? null;
  const fsync: StripItem = { kind: 'marker', marker: 'fsync', beforeNo: firstUnsynced };
  if (firstUnsynced !== null) put(firstUnsynced, fsync);

  if (records.length === 0) {
    items.push(fsync, ...[...before.values()].flat());
    return items;
  }
  const anchor = anchorNo(wal, opts.focusNo)!;
  const max = Math.max(1, opts.maxCells);
  const start = Math.max(0, Math.min(indexOf(records, anchor) - Math.floor(max / 2), records.length - max));
  const end = Math.min(records.length, start + max);
  const holds = (from: number, to: number): MarkerKind[] => {
    const kinds = new Set<MarkerKind>();
    for (const [no, list] of before) if (no >= records[from]!.no && no <= records[to]!.no) for (const m of list) if (m.kind === 'marker') kinds.add(m.marker);
    return [...kinds];
  };
  if (start > 0) {
    const stretch = { count: start, firstNo: records[0]!.no, lastNo: records[start - 1]!.no, holds: holds(0, start - 1), damaged: damaged(records, 0, start) };
    items.push({ kind: 'hidden', side: 'before', ...stretch });
  }
  for (let i = start; i < end; i++) {
    const record = records[i]!;
    // A marker before the window's first cell belongs to the hidden stretch on its left, except that it is shown
    // when it sits exactly at the window's edge.
    for (const m of before.get(record.no) ?? []) items.push(m);
    items.push({ kind: 'record', record });
  }
  // Markers past the last record: a stop point or cursor at a torn tail that replay cut off.
  const lastNo = records.at(-1)!.no;
  const pastEnd = [...before.entries()].filter(([no]) => no > lastNo).sort(([a], [b]) => a - b).flatMap(([, list]) => list);
  if (end < records.length) {
    const after = holds(end, records.length - 1);
    if (firstUnsynced === null) after.push('fsync');
    for (const m of pastEnd) if (m.kind === 'marker' && !after.includes(m.marker)) after.push(m.marker);
    items.push({ kind: 'hidden', side: 'after', count: records.length - end, firstNo: records[end]!.no, lastNo, holds: after, damaged: damaged(records, end, records.length) });
  } else {
    if (firstUnsynced === null) items.push(fsync);
    items.push(...pastEnd);
  }
  return items;
}

/** Records in [from, to) that are torn or fail a check: a hidden stretch says how many it holds. */
function damaged(records: readonly WalRecordView[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const r = records[i]!;
    if (r.torn || r.crc !== r.crcComputed || r.fate === 'torn' || r.fate === 'crcMismatch' || r.fate === 'badPrevLink') n++;
  }
  return n;
}

/** Where a key moves the focus among the detail records, or null for a key the strip does not use. */
export function moveFocus(wal: WalView, focusNo: number, key: string, page: number): number | null {
  const { records } = wal;
  if (records.length === 0) return null;
  const i = indexOf(records, focusNo);
  const to = (j: number) => records[Math.max(0, Math.min(records.length - 1, j))]!.no;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return to(i + 1);
    case 'ArrowLeft':
    case 'ArrowUp':
      return to(i - 1);
    case 'PageDown':
      return to(i + page);
    case 'PageUp':
      return to(i - page);
    case 'Home':
      return to(0);
    case 'End':
      return to(records.length - 1);
    default:
      return null;
  }
}
