import type { WalRecordType } from '../../model/wal';
import { appendPut } from '../wal-append';
import { appendWal, setWalTxn, syncWal } from '../wal-log';
import { afterAppend } from '../wal-timers';
import type { NodeRow, World } from '../world';
import type { NodeTxnLog } from './state';

/**
 * A node's log gains a transaction's record (design recovery-repair.md §9.1), and `w.transactions.nodeLogs` notes it.
 * PUTs take the shard's next LSN, like any write; COMMIT, ABORT, PREPARE and CLR records carry the LSN of the write
 * they close or undo (🅂 an outcome rides with the transaction's last write instead of taking a slot of its own, so
 * catch-up and the page-LSN rule see only writes). Under perCommit every record is flushed as it is written.
 */

export function logOf(w: World, node: number, txn: number, shard: number): NodeTxnLog {
  let logs = w.transactions.nodeLogs.get(node);
  if (!logs) w.transactions.nodeLogs.set(node, (logs = new Map()));
  let log = logs.get(txn);
  if (!log) logs.set(txn, (log = { txn, shards: [shard], puts: [], outcome: null, prepareNo: null, clrs: new Map() }));
  else if (!log.shards.includes(shard)) log.shards.push(shard);
  return log;
}

/** A transaction's write on one replica: its pages take it provisionally; its log holds it. */
export function appendTxnPut(w: World, node: NodeRow, shard: number, lsn: number, txn: number): void {
  node.disk.set(shard, lsn);
  appendPut(w, node, shard, lsn, txn);
  logOf(w, node.index, txn, shard).puts.push({ no: node.wal.lastNo, lsn, shard });
}

/** COMMIT, ABORT, PREPARE or CLR (a header only), flushed at once: an outcome is what a restart must find. */
export function appendTxnRecord(
  w: World,
  node: NodeRow,
  type: Exclude<WalRecordType, 'PUT' | 'STATE' | 'CHECKPOINT'>,
  shard: number,
  lsn: number,
  txn: number,
): number {
  const no = appendWal(node.wal, type, shard, lsn, w.params.walRecordHeaderBytes, w.params.walSegmentBytes);
  setWalTxn(node.wal, no, txn);
  syncWal(node.wal);
  const log = logOf(w, node.index, txn, shard);
  if (type === 'COMMIT' || type === 'ABORT') log.outcome = { type, no };
  else if (type === 'PREPARE') log.prepareNo = no;
  afterAppend(w, node);
  return no;
}
