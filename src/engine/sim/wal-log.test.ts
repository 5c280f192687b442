import { describe, expect, it } from 'vitest';
import { WalFlag, walChecksum } from '../model/wal';
import {
  appendWal,
  bytesSinceCheckpoint,
  checkpointWal,
  clearWalFlag,
  newNodeWal,
  recordIsIntact,
  setWalFlag,
  syncWal,
  truncateWalAfter,
  walComputedChecksum,
  walFlags,
  walRecordAt,
} from './wal-log';

const PUT_BYTES = 24 + 1024;
const SEGMENT = 4 * PUT_BYTES;

function logOf(records: number, maxDetail = 8) {
  const wal = newNodeWal(maxDetail);
  for (let i = 1; i <= records; i++) appendWal(wal, 'PUT', i % 3, i, PUT_BYTES, SEGMENT);
  return wal;
}

describe('NodeWal buffer', () => {
  it('numbers records from 1, chains offsets and prev-links, and checksums what was written', () => {
    const wal = logOf(3);
    expect(wal.lastNo).toBe(3);
    const r2 = walRecordAt(wal, 2)!;
    expect(r2).toMatchObject({ no: 2, offset: PUT_BYTES, prev: 0, shard: 2, shardLsn: 2, txn: 0, type: 'PUT', bytes: PUT_BYTES });
    expect(walRecordAt(wal, 3)!.prev).toBe(PUT_BYTES);
    const { crc, ...fields } = r2;
    expect(crc).toBe(walChecksum(fields));
    expect(walRecordAt(wal, 4)).toBeNull();
    expect(walRecordAt(wal, 0)).toBeNull();
  });

  it('folds records past the detail window into segment summaries, remembering what they brought each shard to', () => {
    const wal = logOf(20, 8);
    expect(wal.lastNo).toBe(20);
    expect(wal.firstNo).toBe(13);
    expect(walRecordAt(wal, 12)).toBeNull();
    expect(walRecordAt(wal, 13)).toMatchObject({ no: 13, shardLsn: 13, offset: 12 * PUT_BYTES, prev: 11 * PUT_BYTES });
    // 12 folded records in segments of at most 4 records (SEGMENT bytes).
    expect(wal.olderSegments).toEqual([
      { firstNo: 1, lastNo: 4, records: 4, bytes: 4 * PUT_BYTES },
      { firstNo: 5, lastNo: 8, records: 4, bytes: 4 * PUT_BYTES },
      { firstNo: 9, lastNo: 12, records: 4, bytes: 4 * PUT_BYTES },
    ]);
    expect(wal.folded).toEqual(new Map([[1, 10], [2, 11], [0, 12]]));
    // 🅂 a folded record was flushed on its way out of the window.
    expect(wal.syncedUpToNo).toBe(12);
    expect(wal.capacity).toBe(8);
    expect(intactAll(wal, 13, 20)).toBe(true);
  });

  it('keeps at most maxDetail records when it is not a power of two', () => {
    const wal = logOf(50, 10);
    expect(wal.lastNo - wal.firstNo + 1).toBe(10);
    for (let no = 41; no <= 50; no++) expect(walRecordAt(wal, no)!.shardLsn).toBe(no);
  });

  it('derives Synced from the fsync line and stores the other flags per record', () => {
    const wal = logOf(5);
    expect(walFlags(wal, 5) & WalFlag.Synced).toBe(0);
    syncWal(wal);
    expect(walFlags(wal, 5) & WalFlag.Synced).toBe(WalFlag.Synced);
    setWalFlag(wal, 3, WalFlag.Applied);
    setWalFlag(wal, 3, WalFlag.Synced); // ignored: the line says it
    expect(walFlags(wal, 3)).toBe(WalFlag.Applied | WalFlag.Synced);
    clearWalFlag(wal, 3, WalFlag.Applied);
    expect(walFlags(wal, 3)).toBe(WalFlag.Synced);
    expect(walRecordAt(wal, 3)!.type).toBe('PUT');
  });

  it('tells a torn record, a flipped bit and a bad prev-link apart, in that order', () => {
    const wal = logOf(6);
    expect(recordIsIntact(wal, 4)).toBe('ok');
    setWalFlag(wal, 4, WalFlag.BadPrev);
    expect(recordIsIntact(wal, 4)).toBe('prevLink');
    expect(walRecordAt(wal, 4)!.prev).not.toBe(walRecordAt(wal, 3)!.offset);
    setWalFlag(wal, 4, WalFlag.BitFlipped);
    expect(recordIsIntact(wal, 4)).toBe('crc');
    expect(walComputedChecksum(wal, 4)).not.toBe(walRecordAt(wal, 4)!.crc);
    setWalFlag(wal, 4, WalFlag.Torn);
    expect(recordIsIntact(wal, 4)).toBe('torn');
    expect(walComputedChecksum(wal, 5)).toBe(walRecordAt(wal, 5)!.crc);
  });

  it('truncates after a record: the next one is written in its place', () => {
    const wal = logOf(6);
    syncWal(wal);
    truncateWalAfter(wal, 4);
    expect(wal.lastNo).toBe(4);
    expect(wal.syncedUpToNo).toBe(4);
    expect(wal.nextOffset).toBe(4 * PUT_BYTES);
    expect(appendWal(wal, 'PUT', 7, 70, PUT_BYTES, SEGMENT)).toBe(5);
    expect(walRecordAt(wal, 5)).toMatchObject({ shard: 7, shardLsn: 70, offset: 4 * PUT_BYTES, prev: 3 * PUT_BYTES });
  });

  it('writes on after a torn last record by cutting it first', () => {
    const wal = logOf(4);
    setWalFlag(wal, 4, WalFlag.Torn);
    expect(appendWal(wal, 'PUT', 9, 9, PUT_BYTES, SEGMENT)).toBe(4);
    expect(recordIsIntact(wal, 4)).toBe('ok');
  });

  it('a checkpoint drops the detail and segments before it and flushes the log', () => {
    const wal = logOf(20, 8);
    const no = checkpointWal(wal, 24, SEGMENT, 30_000);
    expect(no).toBe(21);
    expect(wal).toMatchObject({ checkpointNo: 21, checkpointOffset: 20 * PUT_BYTES, checkpointAtMs: 30_000, firstNo: 21, syncedUpToNo: 21 });
    expect(wal.olderSegments).toEqual([]);
    expect(wal.folded.size).toBe(0);
    expect(walRecordAt(wal, 21)).toMatchObject({ type: 'CHECKPOINT', shard: -1, bytes: 24, prev: 19 * PUT_BYTES });
    appendWal(wal, 'PUT', 1, 21, PUT_BYTES, SEGMENT);
    expect(walRecordAt(wal, 22)!.prev).toBe(20 * PUT_BYTES);
    expect(recordIsIntact(wal, 21)).toBe('ok');
  });
});

function intactAll(wal: ReturnType<typeof newNodeWal>, from: number, to: number): boolean {
  for (let no = from; no <= to; no++) if (recordIsIntact(wal, no) !== 'ok') return false;
  return true;
}

describe('bytesSinceCheckpoint', () => {
  it('is what a replay scans: every record after the checkpoint, folded or itemised', () => {
    const wal = logOf(5, 4);
    expect(bytesSinceCheckpoint(wal)).toBe(5 * PUT_BYTES);
    checkpointWal(wal, 24, SEGMENT, 0);
    expect(bytesSinceCheckpoint(wal)).toBe(0);
    for (let i = 0; i < 10; i++) appendWal(wal, 'PUT', 1, 100 + i, PUT_BYTES, SEGMENT);
    // The checkpoint record itself has left the 4-record window; it is still not counted.
    expect(walRecordAt(wal, wal.checkpointNo)).toBeNull();
    expect(bytesSinceCheckpoint(wal)).toBe(10 * PUT_BYTES);
  });
});
