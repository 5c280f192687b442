import { cpActing } from '../control-plane/journal';
import { formatRecordNo } from '../../model/wal';
import { recordIsIntact, walHasDetail } from '../wal-log';
import { record, type NodeRow, type World } from '../world';
import { appendTxnRecord } from './log';
import { send } from './run';
import type { NodeTxnLog, NodeTxnRestart, TxnAtRestart, TxnRow } from './state';

/**
 * The chapter's three rules at a node's restart (design recovery-repair.md §9.2, §9.3), run inside its replay:
 *
 * - analysis (as the replay starts): what the node's own log holds of each transaction — its surviving PUTs, an
 *   outcome record (COMMIT / ABORT), a PREPARE, the CLRs already written — decides its class. The node acts on its
 *   log (its belief), plus, for a prepared transaction, the coordinator's decision if one was recorded.
 * - redo: redo-only (PostgreSQL) applies the writes of committed and prepared transactions and discards the rest;
 *   ARIES repeats history and applies every valid write, winners and losers.
 * - after redo: committed but never acknowledged → replay (txn.redone); in progress → abort (txn.aborted; an
 *   ABORT is appended); aborted but not undone → roll back (txn.rolledBack). Under ARIES the losers' changes are
 *   undone newest first, one CLR per change and one change per walApplyMsPerRecord, so a crash during undo leaves
 *   the CLRs written so far and the next restart undoes only the rest (never twice).
 * - prepared with no outcome: in doubt (txn.inDoubt, its keys locked) unless the coordinator decided.
 */

type TxnClass = 'committed' | 'aborted' | 'prepared' | 'inProgress';

function rowOf(w: World, txn: number): TxnRow | undefined {
  return w.transactions.rows[txn - 1];
}

/** A record of the node's log still says what it said when written (not cut, torn or overwritten since). */
function survives(node: NodeRow, no: number, txn: number): boolean {
  const wal = node.wal;
  if (no > wal.lastNo) return false;
  if (!walHasDetail(wal, no)) return no < wal.firstNo;
  return wal.txns.get(no) === txn && recordIsIntact(wal, no) === 'ok';
}

function classOf(log: NodeTxnLog): TxnClass {
  if (log.outcome?.type === 'COMMIT') return 'committed';
  if (log.outcome?.type === 'ABORT') return 'aborted';
  if (log.prepareNo !== null) return 'prepared';
  return 'inProgress';
}

/** The analysis pass: drop what the crash cut from the node's transaction log, and open its restart table. */
export function analyseTransactions(w: World, node: NodeRow): void {
  const logs = w.transactions.nodeLogs.get(node.index);
  w.transactions.restarts.delete(node.index);
  if (!logs || logs.size === 0) return;
  const entries: TxnAtRestart[] = [];
  for (const [txn, log] of logs) {
    log.puts = log.puts.filter((p) => survives(node, p.no, txn));
    if (log.outcome && !survives(node, log.outcome.no, txn)) log.outcome = null;
    if (log.prepareNo !== null && !survives(node, log.prepareNo, txn)) log.prepareNo = null;
    for (const [put, clr] of log.clrs) if (!survives(node, clr, txn) || !log.puts.some((p) => p.no === put)) log.clrs.delete(put);
    // A transaction that ended cleanly before the checkpoint needs nothing from this restart.
    const settled = classOf(log) === 'committed' ? log.puts.every((p) => p.no <= node.wal.checkpointNo) : classOf(log) === 'aborted' && log.clrs.size === log.puts.length && w.params.recoveryAlgorithm === 'aries';
    if (log.puts.length === 0 || settled) {
      logs.delete(txn);
      continue;
    }
    const row = rowOf(w, txn);
    entries.push({
      txn: row?.id ?? `t${txn}`,
      shard: log.shards.map((sh) => w.shards[sh].id).join(', '),
      writes: log.puts.length,
      logHeld: heldWords(log),
      rule: 'none',
      fate: 'being replayed',
      clrs: log.clrs.size,
    });
  }
  if (entries.length === 0) return;
  w.transactions.restarts.set(node.index, { atMs: w.nowMs, classified: false, entries, undo: [], clrsWritten: 0 });
}

function heldWords(log: NodeTxnLog): string {
  const parts = [`${log.puts.length} PUT`];
  if (log.prepareNo !== null) parts.push('PREPARE');
  if (log.outcome) parts.push(log.outcome.type);
  if (log.clrs.size > 0) parts.push(`${log.clrs.size} CLR`);
  return parts.join(' + ');
}

/** Redo's question for a transaction's write: apply it? (ARIES repeats history; redo-only applies winners only.) */
export function redoesTransactionWrite(w: World, node: NodeRow, txn: number): boolean {
  if (w.params.recoveryAlgorithm === 'aries') return true;
  const log = w.transactions.nodeLogs.get(node.index)?.get(txn);
  if (!log) return false;
  const c = classOf(log);
  if (c === 'committed' || c === 'prepared') return true;
  return false;
}

/**
 * Redo reached the end of the log. Applies the rules (first call), then undoes one loser change per call under
 * ARIES. Returns how long the next undo step takes, or null when nothing is left to do (the replay finishes).
 * `atOnce`: the replay stopped early (a damaged record): do all of it now.
 */
export function transactionsAfterRedo(w: World, node: NodeRow, atOnce = false): number | null {
  const restart = w.transactions.restarts.get(node.index);
  if (!restart) return null;
  const step = w.params.walApplyMsPerRecord;
  if (!restart.classified) {
    restart.classified = true;
    applyRules(w, node, restart);
    // Each compensation takes one record's apply time: the first is done one step after redo ends.
    if (!atOnce) return restart.undo.length > 0 ? step : null;
  }
  if (atOnce) {
    while (restart.undo.length > 0) undoOne(w, node, restart);
    return null;
  }
  undoOne(w, node, restart);
  return restart.undo.length > 0 ? step : null;
}

function applyRules(w: World, node: NodeRow, restart: NodeTxnRestart): void {
  const logs = w.transactions.nodeLogs.get(node.index);
  if (!logs) return;
  const aries = w.params.recoveryAlgorithm === 'aries';
  for (const entry of restart.entries) {
    const txn = Number(entry.txn.slice(1));
    const log = logs.get(txn);
    const row = rowOf(w, txn);
    if (!log || !row) continue;
    const shardId = entry.shard;
    const n = log.puts.length;
    switch (classOf(log)) {
      case 'committed': {
        entry.rule = 'replay';
        if (row.acked) {
          entry.fate = `committed and acknowledged: its ${n} write(s) are redone`;
          break;
        }
        w.transactions.counts.redone++;
        entry.fate = `committed, the client never told: its ${n} write(s) are redone; the client's retry is recognised, not applied twice`;
        record(
          w,
          node.id,
          'txn.redone',
          `${row.id} committed before ${node.id} crashed but the client was never told: its ${n} write(s) to ${shardId} are replayed ` +
            `(COMMIT ${formatRecordNo(log.outcome?.no ?? 0)} is in its log); the client's retry will be recognised by its transaction id, not applied twice.`,
          'info',
          { node: node.id, txn: row.id, shard: shardId, writes: n, rule: 'replay' },
        );
        break;
      }
      case 'inProgress': {
        entry.rule = 'abort';
        if (aries) {
          queueUndo(restart, log);
          entry.fate = `in progress: redone with the rest of history, now undone newest first (${n} CLR(s) to write), then ABORT`;
        } else finishAbort(w, node, row, log, entry);
        break;
      }
      case 'aborted': {
        entry.rule = 'rollBack';
        if (aries) {
          queueUndo(restart, log);
          entry.fate = `aborted, ${n - log.clrs.size} change(s) not yet undone: rolling back with CLRs`;
        } else finishRollBack(w, node, row, log, entry);
        break;
      }
      case 'prepared':
        preparedAtRestart(w, node, row, log, entry);
        break;
    }
  }
}

function queueUndo(restart: NodeTxnRestart, log: NodeTxnLog): void {
  for (const put of log.puts) if (!log.clrs.has(put.no)) restart.undo.push({ txn: log.txn, putNo: put.no, lsn: put.lsn, shard: put.shard });
  // Newest first across all losers (ARIES undoes in reverse log order).
  restart.undo.sort((a, b) => b.putNo - a.putNo);
}

/** One loser change undone: a CLR says so (and is what a later restart finds, so it is never undone again). */
function undoOne(w: World, node: NodeRow, restart: NodeTxnRestart): void {
  const item = restart.undo.shift();
  if (!item) return;
  const log = w.transactions.nodeLogs.get(node.index)?.get(item.txn);
  const row = rowOf(w, item.txn);
  if (!log || !row) return;
  if (log.clrs.has(item.putNo)) w.transactions.undoneTwice.push(`${node.id} undid ${row.id}'s write ${formatRecordNo(item.putNo)} a second time`);
  log.clrs.set(item.putNo, appendTxnRecord(w, node, 'CLR', item.shard, item.lsn, item.txn));
  w.transactions.counts.clr++;
  restart.clrsWritten++;
  const entry = restart.entries.find((e) => e.txn === row.id);
  if (entry) entry.clrs = log.clrs.size;
  if (restart.undo.some((u) => u.txn === item.txn) || !entry) return;
  if (entry.rule === 'abort') finishAbort(w, node, row, log, entry);
  else finishRollBack(w, node, row, log, entry);
}

/** An outcome record per shard of the transaction this node holds, each at its last write's LSN. */
function appendOutcome(w: World, node: NodeRow, log: NodeTxnLog, type: 'COMMIT' | 'ABORT'): void {
  for (const shard of log.shards) {
    let lsn = 0;
    for (const p of log.puts) if (p.shard === shard) lsn = Math.max(lsn, p.lsn);
    appendTxnRecord(w, node, type, shard, lsn, log.txn);
  }
}

/** Rule 2: in progress at the crash → abort. Redo-only discarded its writes; ARIES has undone them. ABORT is logged. */
function finishAbort(w: World, node: NodeRow, row: TxnRow, log: NodeTxnLog, entry: TxnAtRestart): void {
  const aries = w.params.recoveryAlgorithm === 'aries';
  const n = log.puts.length;
  appendOutcome(w, node, log, 'ABORT');
  w.transactions.counts.aborted++;
  if (row.machine.value === 'open') send(w, row, { type: 'recovery.aborted' });
  entry.fate = aries
    ? `aborted: ${n} change(s) undone with ${log.clrs.size} CLR(s), ABORT logged`
    : `aborted: its ${n} write(s) discarded, ABORT logged`;
  record(
    w,
    node.id,
    'txn.aborted',
    `${row.id} was still in progress when ${node.id} crashed (${n} write(s) to ${entry.shard}, no COMMIT in its log): it is aborted. ` +
      (aries
        ? `ARIES redid its changes with the rest of history, then undid them newest first with ${log.clrs.size} compensation record(s); ABORT is logged.`
        : `Redo-only replay discarded its ${n} write(s) — they never became visible — and ABORT is logged.`),
    'info',
    { node: node.id, txn: row.id, shard: entry.shard, writes: n, clr: log.clrs.size, rule: 'abort' },
  );
}

/** Rule 3: aborted but persisted → roll back. Under ARIES with CLRs; redo-only has nothing in the data to undo. */
function finishRollBack(w: World, node: NodeRow, row: TxnRow, log: NodeTxnLog, entry: TxnAtRestart): void {
  const aries = w.params.recoveryAlgorithm === 'aries';
  const n = log.puts.length;
  w.transactions.counts.rolledBack++;
  entry.fate = aries ? `rolled back: ${log.clrs.size} CLR(s) for ${n} change(s)` : `rolled back: its ${n} write(s) discarded, no undo needed`;
  record(
    w,
    node.id,
    'txn.rolledBack',
    `${row.id} was aborted before ${node.id} crashed (ABORT ${formatRecordNo(log.outcome?.no ?? 0)} is in its log)` +
      (aries
        ? `, but its changes were in the data pages and not yet undone: each is rolled back with a compensation record (${log.clrs.size} CLR(s) for ${n} change(s)); a crash now would not undo any of them twice.`
        : `. Under noSteal its ${n} write(s) never counted in the data: redo-only replay discards them, no compensation record needed (PostgreSQL needs no undo).`),
    'info',
    { node: node.id, txn: row.id, shard: entry.shard, writes: n, clrWritten: log.clrs.size, rule: 'rollBack' },
  );
}

/** For the replay's last words: the undo pass's share of the restart, when it wrote compensation records. */
export function undoWords(w: World, node: NodeRow): string {
  const n = w.transactions.restarts.get(node.index)?.clrsWritten ?? 0;
  if (n === 0) return '';
  const ms = n * w.params.walApplyMsPerRecord;
  return ` Then the undo pass wrote ${n} compensation record(s), one per ${w.params.walApplyMsPerRecord} ms: ${ms} ms more.`;
}

/** §9.3: a participant restarting with PREPARE and no outcome asks the coordinator; undecided → in doubt. */
function preparedAtRestart(w: World, node: NodeRow, row: TxnRow, log: NodeTxnLog, entry: TxnAtRestart): void {
  // With no control-plane leader there is no coordinator to ask, whatever it decided before (design §9.3).
  if (row.decision !== null && cpActing(w)) {
    entry.rule = 'resolve';
    const type = row.decision === 'commit' ? 'COMMIT' : 'ABORT';
    appendOutcome(w, node, log, type);
    row.resolvedOn.set(node.index, row.decision);
    entry.fate = `prepared; the coordinator had decided ${row.decision}: ${type} logged`;
    record(
      w,
      node.id,
      'txn.resolved',
      `${node.id} restarts with ${row.id} prepared (PREPARE ${formatRecordNo(log.prepareNo ?? 0)}) and no outcome; it asks the coordinator, whose ` +
        `decision is ${row.decision}${row.decidedBy === 'presumedAbort' ? ' (presumed abort: it never decided)' : ''}: ${type} is logged.`,
      'info',
      { node: node.id, txn: row.id, decision: row.decision, by: row.decidedBy },
    );
    return;
  }
  entry.rule = 'inDoubt';
  row.inDoubtOn.add(node.index);
  entry.fate = `in doubt: its ${log.puts.length} write(s) stay locked until the coordinator decides or txn.resolve`;
  record(
    w,
    node.id,
    'txn.inDoubt',
    `${node.id} restarts with ${row.id} prepared (PREPARE ${formatRecordNo(log.prepareNo ?? 0)}) and no COMMIT or ABORT: it cannot decide alone. ` +
      (row.decision !== null ? 'There is no control-plane leader to ask the decision of. ' : '') +
      `${row.id} is in doubt — its ${log.puts.length} write(s) to ${entry.shard} stay locked — until the coordinator's decision is known, or an operator ` +
      `runs txn.resolve:${row.id},commit or abort (PostgreSQL: COMMIT PREPARED / ROLLBACK PREPARED).`,
    'warn',
    { node: node.id, txn: row.id, shard: entry.shard },
  );
}
