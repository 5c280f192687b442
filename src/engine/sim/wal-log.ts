import { WAL_RECORD_TYPES, WAL_TYPE_CODE, WalFlag, walChecksum, type WalRecord, type WalRecordType } from '../model/wal';
import type { WalSegmentSummary } from '../recovery-types';
import { hashString } from './random';

/**
 * One node's write-ahead log as typed arrays (design recovery-repair.md §2, §3.2–§3.3, §13).
 *
 * Only the log since the last checkpoint is itemised, and at most `maxDetail` records of it (the newest);
 * older records of that stretch fold into segment summaries, counted for replay time but not listed, and
 * the highest LSN they brought each shard to (`folded`) so replay can still restore it.
 *
 * Struct of arrays, one slot per record, grown by doubling up to `maxDetail`: an append is four
 * typed-array stores (shard, shard LSN, offset, type+flags). Everything else a record shows is derived:
 * `prev` is the previous record's offset, `bytes` the distance to the next, the checksum is computed from
 * the fields when asked (🅂 so a bit flip is a flag, and "recompute and compare" sees it).
 *
 * The Synced bit is not stored per record: the log is synced as a prefix, so `walFlags` derives it from
 * `syncedUpToNo`.
 */
export interface NodeWal {
  /** Most records kept itemised (walDetailRecordsPerNode when the node was built). */
  maxDetail: number;
  /** Slots allocated now (a power of two, at most maxDetail's next power of two). */
  capacity: number;
  shard: Int32Array;
  shardLsn: Int32Array;
  offset: Float64Array;
  /** Low byte: WalFlag bits; high byte: WAL_TYPE_CODE. */
  meta: Uint16Array;
  /** First itemised record (lastNo + 1 when none). */
  firstNo: number;
  /** Last record written (0 when the log is empty). */
  lastNo: number;
  /** Where the next record starts. */
  nextOffset: number;
  /** Offset of the record before `firstNo` (its prev-link), or 0. */
  firstPrev: number;
  /** The fsync line: records up to here survive a power loss. */
  syncedUpToNo: number;
  /** The last checkpoint's (or snapshot's) record number; 0 = none. */
  checkpointNo: number;
  checkpointOffset: number;
  /** Where the checkpoint record ends: replay reads from here (0 = none). */
  checkpointEndOffset: number;
  checkpointAtMs: number;
  /** Records since the checkpoint that left the detail window, as segments (oldest first). */
  olderSegments: WalSegmentSummary[];
  /** Shard → highest LSN among folded records (all of them synced and intact). */
  folded: Map<number, number>;
  /** Records that were cut off by the last power loss: [firstNo, lastNo], or null. */
  lostRange: { firstNo: number; lastNo: number } | null;
  /** The history segments (wal-history.ts) are not in the node's state: a memory store lost them in a crash; replay applies them. */
  historyToRedo: boolean;
  /** Shard → image record (0 = none) of data pages a power loss tore and replay has not yet settled (torn-pages.ts). */
  tornPages: Map<number, number>;
  /** Record → its transaction number, for records of a transaction (absent = autocommit, txn 0). Sparse: empty without transactions. */
  txns: Map<number, number>;
}

const INITIAL_CAPACITY = 16;
const FLAG_MASK = 0xff;
/** Flags stored per record (Synced is derived from syncedUpToNo). */
const STORED_FLAGS = FLAG_MASK & ~WalFlag.Synced;

export function newNodeWal(maxDetail: number): NodeWal {
  const capacity = Math.min(INITIAL_CAPACITY, nextPow2(Math.max(1, maxDetail)));
  return {
    maxDetail: Math.max(1, maxDetail),
    capacity,
    shard: new Int32Array(capacity),
    shardLsn: new Int32Array(capacity),
    offset: new Float64Array(capacity),
    meta: new Uint16Array(capacity),
    firstNo: 1,
    lastNo: 0,
    nextOffset: 0,
    firstPrev: 0,
    syncedUpToNo: 0,
    checkpointNo: 0,
    checkpointOffset: 0,
    checkpointEndOffset: 0,
    checkpointAtMs: 0,
    olderSegments: [],
    folded: new Map(),
    lostRange: null,
    historyToRedo: false,
    tornPages: new Map(),
    txns: new Map(),
  };
}

function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

function slotOf(wal: NodeWal, no: number): number {
  return no & (wal.capacity - 1);
}

/** Is record `no` itemised (in the detail window)? */
export function walHasDetail(wal: NodeWal, no: number): boolean {
  return no >= wal.firstNo && no <= wal.lastNo;
}

/** Number of itemised records. */
export function walDetailCount(wal: NodeWal): number {
  return wal.lastNo - wal.firstNo + 1;
}

function grow(wal: NodeWal): void {
  const capacity = wal.capacity * 2;
  const shard = new Int32Array(capacity);
  const shardLsn = new Int32Array(capacity);
  const offset = new Float64Array(capacity);
  const meta = new Uint16Array(capacity);
  for (let no = wal.firstNo; no <= wal.lastNo; no++) {
    const from = slotOf(wal, no);
    const to = no & (capacity - 1);
    shard[to] = wal.shard[from];
    shardLsn[to] = wal.shardLsn[from];
    offset[to] = wal.offset[from];
    meta[to] = wal.meta[from];
  }
  Object.assign(wal, { capacity, shard, shardLsn, offset, meta });
}

/** The byte size of record `no` (the distance to the next record's start). */
function bytesOf(wal: NodeWal, no: number): number {
  const start = wal.offset[slotOf(wal, no)];
  const end = no === wal.lastNo ? wal.nextOffset : wal.offset[slotOf(wal, no + 1)];
  return end - start;
}

/**
 * Moves the oldest itemised record into the segment summaries. 🅂 A record leaves the window synced:
 * a full log buffer is written out and flushed (PostgreSQL writes WAL out when wal_buffers fill).
 */
function foldOldest(wal: NodeWal, segmentBytes: number): void {
  const no = wal.firstNo;
  const slot = slotOf(wal, no);
  const bytes = bytesOf(wal, no);
  const last = wal.olderSegments[wal.olderSegments.length - 1];
  if (last && !last.history && last.lastNo === no - 1 && last.bytes + bytes <= segmentBytes) {
    last.lastNo = no;
    last.records++;
    last.bytes += bytes;
  } else {
    wal.olderSegments.push({ firstNo: no, lastNo: no, records: 1, bytes });
  }
  const shard = wal.shard[slot];
  if (shard >= 0) {
    const lsn = wal.shardLsn[slot];
    if ((wal.folded.get(shard) ?? -1) < lsn) wal.folded.set(shard, lsn);
  }
  if (wal.syncedUpToNo < no) wal.syncedUpToNo = no;
  if (wal.txns.size > 0) wal.txns.delete(no);
  wal.firstPrev = wal.offset[slot];
  wal.firstNo = no + 1;
}

/**
 * Appends one record and returns its number. `shard` -1 for STATE/CHECKPOINT. A torn record left at the
 * end (recovery did not cut it) is dropped first: a log is written on after its last valid record.
 */
export function appendWal(
  wal: NodeWal,
  type: WalRecordType,
  shard: number,
  shardLsn: number,
  bytes: number,
  segmentBytes: number,
): number {
  // (walFlags without its call: Torn is a stored flag, and the last record is itemised when it is not before firstNo.)
  if (wal.lastNo > 0 && wal.lastNo >= wal.firstNo && (wal.meta[slotOf(wal, wal.lastNo)] & WalFlag.Torn) !== 0) {
    truncateWalAfter(wal, wal.lastNo - 1);
  }
  const no = wal.lastNo + 1;
  if (no - wal.firstNo + 1 > wal.capacity) {
    if (wal.capacity < wal.maxDetail) grow(wal);
  }
  while (no - wal.firstNo + 1 > Math.min(wal.capacity, wal.maxDetail)) foldOldest(wal, segmentBytes);
  const slot = slotOf(wal, no);
  wal.shard[slot] = shard;
  wal.shardLsn[slot] = shardLsn;
  wal.offset[slot] = wal.nextOffset;
  wal.meta[slot] = WAL_TYPE_CODE[type] << 8;
  wal.lastNo = no;
  wal.nextOffset += bytes;
  if (wal.firstNo > no) wal.firstNo = no;
  return no;
}

/** Marks record `no` as part of transaction `txn` (its PUTs, COMMIT, ABORT, PREPARE or CLRs). */
export function setWalTxn(wal: NodeWal, no: number, txn: number): void {
  if (txn !== 0) wal.txns.set(no, txn);
}

/** Marks everything written so far as reached stable storage (an fsync). */
export function syncWal(wal: NodeWal): void {
  wal.syncedUpToNo = wal.lastNo;
}

/** The record's flag bits (Synced derived from the fsync line); 0 for a record not itemised. */
export function walFlags(wal: NodeWal, no: number): number {
  if (!walHasDetail(wal, no)) return 0;
  const stored = wal.meta[slotOf(wal, no)] & FLAG_MASK;
  return no <= wal.syncedUpToNo ? stored | WalFlag.Synced : stored;
}

/** Sets a flag on an itemised record (Synced cannot be set per record: see syncWal). */
export function setWalFlag(wal: NodeWal, no: number, flag: number): void {
  if (!walHasDetail(wal, no)) return;
  wal.meta[slotOf(wal, no)] |= flag & STORED_FLAGS;
}

export function clearWalFlag(wal: NodeWal, no: number, flag: number): void {
  if (!walHasDetail(wal, no)) return;
  wal.meta[slotOf(wal, no)] &= ~(flag & STORED_FLAGS) & 0xffff;
}

export function walTypeAt(wal: NodeWal, no: number): WalRecordType {
  return WAL_RECORD_TYPES[wal.meta[slotOf(wal, no)] >> 8];
}

/** The prev-link stored with record `no`: the previous record's offset, unless the record is stale (BadPrev). */
function prevOf(wal: NodeWal, no: number): number {
  const linked = no === wal.firstNo ? wal.firstPrev : wal.offset[slotOf(wal, no - 1)];
  // 🅂 A stale record from an earlier pass over the sector: it points one record-length further back.
  return (wal.meta[slotOf(wal, no)] & WalFlag.BadPrev) !== 0 ? Math.max(0, linked - bytesOf(wal, no)) : linked;
}

/** The record as it was written (fields and stored checksum), or null when it is not itemised. */
export function walRecordAt(wal: NodeWal, no: number): WalRecord | null {
  if (!walHasDetail(wal, no)) return null;
  const slot = slotOf(wal, no);
  const type = walTypeAt(wal, no);
  const fields = {
    no,
    offset: wal.offset[slot],
    prev: no === wal.firstNo ? wal.firstPrev : wal.offset[slotOf(wal, no - 1)],
    shard: wal.shard[slot],
    shardLsn: wal.shardLsn[slot],
    txn: wal.txns.get(no) ?? 0,
    type,
    bytes: bytesOf(wal, no),
  };
  const crc = walChecksum(fields);
  return { ...fields, prev: prevOf(wal, no), crc };
}

/** What replay reads of record `no` (no prev-link, no checksum: hashing it per record was replay's biggest cost); null when not itemised. */
export function walEntryAt(wal: NodeWal, no: number): Omit<WalRecord, 'prev' | 'crc'> | null {
  if (!walHasDetail(wal, no)) return null;
  const slot = slotOf(wal, no);
  return { no, offset: wal.offset[slot], shard: wal.shard[slot], shardLsn: wal.shardLsn[slot], txn: wal.txns.get(no) ?? 0, type: walTypeAt(wal, no), bytes: bytesOf(wal, no) };
}

/** The checksum the record's bytes give now: differs from the stored one when a bit flipped. */
export function walComputedChecksum(wal: NodeWal, no: number): number {
  const r = walRecordAt(wal, no);
  if (!r) return 0;
  if ((walFlags(wal, no) & WalFlag.BitFlipped) === 0) return r.crc;
  return hashString(`${r.no}|${r.offset}|flipped`, r.crc);
}

export type RecordIntegrity = 'ok' | 'torn' | 'crc' | 'prevLink';

/** Replay's three checks on one record, in §3.5's order: frame complete, checksum, prev-link. */
export function recordIsIntact(wal: NodeWal, no: number): RecordIntegrity {
  if (!walHasDetail(wal, no)) return 'ok';
  const flags = walFlags(wal, no);
  if ((flags & WalFlag.Torn) !== 0) return 'torn';
  if ((flags & WalFlag.BitFlipped) !== 0) return 'crc';
  const expectedPrev = no === wal.firstNo ? wal.firstPrev : wal.offset[slotOf(wal, no - 1)];
  if (prevOf(wal, no) !== expectedPrev) return 'prevLink';
  return 'ok';
}

/** Drops every record after `no` (a stop point, etcd's Repair); the next record is written as `no + 1`. */
export function truncateWalAfter(wal: NodeWal, no: number): void {
  if (no >= wal.lastNo) return;
  // Records before the detail window cannot be cut (they are synced; replay stops no earlier).
  const keep = Math.max(no, wal.firstNo - 1);
  wal.nextOffset = wal.offset[slotOf(wal, keep + 1)];
  wal.lastNo = keep;
  for (const no of wal.txns.keys()) if (no > keep) wal.txns.delete(no);
  if (wal.syncedUpToNo > keep) wal.syncedUpToNo = keep;
  if (wal.checkpointNo > keep) {
    wal.checkpointNo = 0;
    wal.checkpointEndOffset = 0;
  }
}

/**
 * A checkpoint (or snapshot) marker: appends the CHECKPOINT record, flushes the log up to it, and drops
 * every itemised record and segment before it. Replay starts after it.
 */
export function checkpointWal(wal: NodeWal, headerBytes: number, segmentBytes: number, atMs: number): number {
  const no = appendWal(wal, 'CHECKPOINT', -1, 0, headerBytes, segmentBytes);
  const slot = slotOf(wal, no);
  wal.firstPrev = no === wal.firstNo ? wal.firstPrev : wal.offset[slotOf(wal, no - 1)];
  wal.firstNo = no;
  wal.olderSegments = [];
  wal.folded = new Map();
  wal.historyToRedo = false;
  for (const before of wal.txns.keys()) if (before < no) wal.txns.delete(before);
  wal.syncedUpToNo = no;
  wal.checkpointNo = no;
  wal.checkpointOffset = wal.offset[slot];
  wal.checkpointEndOffset = wal.nextOffset;
  wal.checkpointAtMs = atMs;
  return no;
}

/** Record numbers after the checkpoint (itemised or folded): what a replay would scan. */
export function recordsSinceCheckpoint(wal: NodeWal): number {
  return wal.lastNo - (wal.checkpointNo === 0 ? 0 : wal.checkpointNo);
}

/** Calls `visit(shard, lsn, no)` for every itemised PUT after the checkpoint, oldest first. */
export function forEachPutSinceCheckpoint(wal: NodeWal, visit: (shard: number, lsn: number, no: number) => void): void {
  const from = Math.max(wal.firstNo, wal.checkpointNo + 1);
  for (let no = from; no <= wal.lastNo; no++) {
    const slot = slotOf(wal, no);
    const shard = wal.shard[slot];
    if (shard >= 0 && wal.meta[slot] >> 8 === WAL_TYPE_CODE.PUT) visit(shard, wal.shardLsn[slot], no);
  }
}

/** Bytes after the checkpoint record to the end of the log (folded and itemised): what a replay scans. O(1). */
export function bytesSinceCheckpoint(wal: NodeWal): number {
  return wal.nextOffset - (wal.checkpointNo === 0 ? 0 : wal.checkpointEndOffset);
}
