import { appendWal, setWalTxn, syncWal } from './wal-log';
import { afterAppend } from './wal-timers';
import { notePageImage, pageImageBytes } from './torn-pages';
import type { NodeRow } from './rows';
import type { World } from './world';

/**
 * A replica applies a client write: it appends a PUT to its log (design recovery-repair.md §3.3). Called
 * wherever `node.disk` takes a write (workload.ts), for the primary and every caught-up secondary.
 *
 * Pages that reached this LSN some other way (a copy installed, a catch-up from the primary) are treated as
 * durable before they serve: if the shard's log does not end just below this write, the node's pages held
 * `lsn − 1` durably, and that becomes the shard's checkpoint LSN (🅂 Raft persists an installed snapshot).
 */
/** `txn` ≠ 0: the write belongs to that transaction (transactions/), held provisionally until its COMMIT. */
export function appendPut(w: World, node: NodeRow, shard: number, lsn: number, txn = 0): void {
  appendPutAfter(w, node, shard, lsn, logEndOf(node, shard), pageImageBytes(w, node, shard), txn);
}

/** The highest LSN of the shard the node's log (or, before any record, its checkpoint) holds: what an append follows. */
export function logEndOf(node: NodeRow, shard: number): number {
  return node.disk.held(shard) ?? node.ckpt.get(shard) ?? 0;
}

/**
 * logEndOf(node, shard) and pageImageBytes(w, node, shard) from the shard's row on the node's disk (`at`,
 * DiskMap.heldRowOf), read with its LSN by one lookup (a leaderless write, leaderless/writes.ts).
 */
export function logEndAt(node: NodeRow, shard: number, at: number): number {
  return node.disk.heldAt(at, shard) ?? node.ckpt.get(shard) ?? 0;
}

/**
 * appendPut with `logEndOf` and `pageImageBytes` read beforehand by the caller, unchanged since: a write to several
 * replicas reads them for all replicas together, beside their disks, so their cache misses overlap instead of
 * coming one append after another (leaderless/writes.ts; bench case b: ~30 ms a run).
 */
export function appendPutAfter(w: World, node: NodeRow, shard: number, lsn: number, logEnd: number, image: number, txn = 0): void {
  if (logEnd !== lsn - 1) node.ckpt.set(shard, lsn - 1);
  const p = w.params;
  const wal = node.wal;
  // fullPageWrites: the shard's first PUT after a checkpoint also carries its whole page (design §3.3).
  const no = appendWal(wal, 'PUT', shard, lsn, p.walRecordHeaderBytes + p.walWriteBytes + image, p.walSegmentBytes);
  if (image > 0) notePageImage(node, shard, no);
  if (txn !== 0) setWalTxn(wal, no, txn);
  node.disk.setHeld(shard, lsn);
  // perCommit: group commit, the record is flushed before the write is acknowledged (PostgreSQL synchronous_commit=on).
  if (p.walSyncMode === 'perCommit') syncWal(wal);
  // A memory store counts records towards its next snapshot (wal-timers.ts); a page store has nothing to do here.
  if (p.stateStore === 'memory') afterAppend(w, node);
}
