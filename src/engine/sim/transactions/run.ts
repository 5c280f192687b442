import { TransactionStepper } from '../../machines/transaction-stepper';
import type { TransactionEffect, TransactionEvent } from '../../machines/transaction.machine';
import { runEffect, type EffectHandlers } from '../../machines/machine-step';
import { holders } from '../quorum';
import { isUp, leaderOf, listSome, nodeIds, record, schedule, unschedule, type NodeRow, type ShardRow, type World } from '../world';
import { appendTxnPut, appendTxnRecord } from './log';
import type { TxnDecision, TxnEnd, TxnRow } from './state';

/**
 * Running a transaction (design recovery-repair.md §9.1, §9.3): `txn.run` and the workload's transactions. Its writes
 * go to the shard's primary and every caught-up replica that hears it, as PUT records of the transaction; they are
 * provisional (invisible to reads) until its COMMIT, which is acknowledged to the client when a majority holds it.
 * The transaction machine decides its outcome; this module appends the records and times two things:
 * - the reply to the client leaves the primary CLIENT_REPLY_MS after the COMMIT is durable (🅂 one hop); a crash of
 *   the primary in between leaves a transaction committed that the client was never told of (rule 1's case);
 * - under bufferPolicy steal a live rollback undoes each change with a CLR, walApplyMsPerRecord each; a crash in
 *   between leaves ABORT logged and the changes not undone (rule 3's case).
 */

const stepper = new TransactionStepper();
/** 🅂 The reply's trip from the primary to the client. */
export const CLIENT_REPLY_MS = 1;

/** Starts a transaction on `shard` (and `partner`, two-phase) and ends it as `end` says. The caller checked it may run. */
export function runTransaction(w: World, shard: ShardRow, writes: number, end: TxnEnd, partner: ShardRow | null): TxnRow {
  const no = w.transactions.rows.length + 1;
  const row: TxnRow = {
    no,
    id: `t${no}`,
    shards: partner ? [shard.index, partner.index] : [shard.index],
    writes,
    end,
    home: leaderOf(shard),
    startedAtMs: w.nowMs,
    machine: stepper.initial(),
    holders: new Map(),
    lsns: new Map(),
    acked: false,
    unknownOutcome: false,
    decision: null,
    decidedBy: null,
    resolvedOn: new Map(),
    inDoubtOn: new Set(),
    timer: null,
  };
  w.transactions.rows.push(row);
  for (const s of row.shards) writeAll(w, row, w.shards[s]);
  if (end === 'commit') send(w, row, { type: 'txn.commit' });
  else if (end === 'abort') send(w, row, { type: 'txn.abort' });
  else if (end === 'prepare') send(w, row, { type: 'txn.prepare' });
  else
    record(
      w,
      row.id,
      'txn.started',
      `${row.id} writes ${describeWrites(w, row)} and stays in progress: no COMMIT or ABORT yet, so its writes are provisional — ` +
        `held by ${holderList(w, row)}, invisible to reads.`,
      'detail',
      { txn: row.id, shards: row.shards.map((s) => w.shards[s].id), writes },
    );
  return row;
}

/** The transaction's writes on one shard: the primary and every caught-up replica that hears it append them. */
function writeAll(w: World, row: TxnRow, shard: ShardRow): void {
  const primary = w.nodes[leaderOf(shard)];
  const taking: NodeRow[] = [];
  for (const r of holders(w, shard)) {
    const node = w.nodes[r];
    if (node.disk.get(shard.index) !== shard.lsn || shard.divergent?.has(r)) continue;
    if (r === shard.primary || (isUp(node) && w.network.connected(primary.id, node.id))) taking.push(node);
  }
  const lsns: number[] = [];
  for (let i = 0; i < row.writes; i++) {
    const lsn = shard.lsn + 1;
    for (const node of taking) appendTxnPut(w, node, shard.index, lsn, row.no);
    shard.lsn = lsn;
    lsns.push(lsn);
  }
  row.holders.set(shard.index, taking.map((n) => n.index));
  row.lsns.set(shard.index, lsns);
}

/** Appends an outcome record on every replica of every shard that logged the transaction and is running. */
function logOutcome(w: World, row: TxnRow, type: 'COMMIT' | 'ABORT' | 'PREPARE'): void {
  for (const [s, nodes] of row.holders) {
    const last = lastLsn(row, s);
    for (const n of nodes) if (isUp(w.nodes[n])) appendTxnRecord(w, w.nodes[n], type, s, last, row.no);
  }
}

export function lastLsn(row: TxnRow, shard: number): number {
  const lsns = row.lsns.get(shard) ?? [];
  return lsns[lsns.length - 1] ?? 0;
}

const handlers: EffectHandlers<TransactionEffect, { w: World; row: TxnRow }> = {
  logCommit: ({ w, row }) => {
    logOutcome(w, row, 'COMMIT');
    w.transactions.counts.committed++;
    row.timer = schedule(w, w.nowMs + CLIENT_REPLY_MS, { type: 'txn.step', txn: row.no });
    record(
      w,
      row.id,
      'txn.committed',
      `${row.id} commits: ${describeWrites(w, row)} and its COMMIT are flushed on ${holderList(w, row)}, a majority, so they become ` +
        `visible together. ${w.nodes[row.home].id} sends the client its reply.`,
      'detail',
      { txn: row.id, holders: holderIds(w, row) },
    );
  },
  logAbort: ({ w, row }) => {
    logOutcome(w, row, 'ABORT');
    w.transactions.counts.aborted++;
    const steal = w.params.bufferPolicy === 'steal';
    const undoMs = row.writes * row.shards.length * w.params.walApplyMsPerRecord;
    record(
      w,
      row.id,
      'txn.aborted',
      `${row.id} aborts: ABORT is logged on ${holderList(w, row)}. ` +
        (steal
          ? `Under bufferPolicy steal its changes may already be in the data pages, so each is undone with a compensation record (CLR): ${row.writes * row.shards.length} change(s), ${undoMs} ms.`
          : `Under noSteal its provisional writes never count in the data: they are simply discarded, nothing to undo.`),
      'info',
      { txn: row.id, rule: 'abort', live: true },
    );
    if (steal && undoMs > 0) row.timer = schedule(w, w.nowMs + undoMs, { type: 'txn.step', txn: row.no });
    else send(w, row, { type: 'txn.rolledBack' });
  },
  logPrepare: ({ w, row }) => {
    logOutcome(w, row, 'PREPARE');
    record(
      w,
      row.id,
      'txn.prepared',
      `${row.id} spans ${row.shards.map((s) => w.shards[s].id).join(' and ')}: each participant logs PREPARE (${holderList(w, row)}) — its writes are ` +
        `flushed and committable after a crash (PostgreSQL's PREPARE TRANSACTION). The coordinator, the control plane, has not decided yet.`,
      'info',
      { txn: row.id, shards: row.shards.map((s) => w.shards[s].id) },
    );
  },
  acknowledge: ({ row }) => {
    row.acked = true;
  },
  finishRollback: ({ w, row }) => {
    // Live rollback (steal): each running holder writes one CLR per change, newest first.
    if (w.params.bufferPolicy !== 'steal') return;
    for (const [s, nodes] of row.holders) {
      const lsns = row.lsns.get(s) ?? [];
      for (const n of nodes) {
        const node = w.nodes[n];
        if (!isUp(node)) continue;
        const log = w.transactions.nodeLogs.get(n)?.get(row.no);
        if (!log) continue;
        for (let i = log.puts.length - 1; i >= 0; i--) {
          const put = log.puts[i];
          if (log.clrs.has(put.no)) continue;
          log.clrs.set(put.no, appendTxnRecord(w, node, 'CLR', s, put.lsn, row.no));
          w.transactions.counts.clr++;
        }
        void lsns;
      }
    }
  },
  noteUnknownOutcome: ({ w, row }) => {
    row.unknownOutcome = true;
    w.transactions.counts.unknownOutcome += row.writes * row.shards.length;
  },
  logDecision: ({ w, row }) => {
    const decision = row.decision ?? 'abort';
    for (const [s, nodes] of row.holders) {
      const last = lastLsn(row, s);
      for (const n of nodes) {
        const node = w.nodes[n];
        if (!isUp(node)) continue;
        appendTxnRecord(w, node, decision === 'commit' ? 'COMMIT' : 'ABORT', s, last, row.no);
        row.resolvedOn.set(n, decision);
        row.inDoubtOn.delete(n);
        // Its restart table says how the doubt ended.
        const entry = w.transactions.restarts.get(n)?.entries.find((e) => e.txn === row.id && e.rule === 'inDoubt');
        if (entry) {
          entry.rule = 'resolve';
          entry.fate = `was in doubt; ${row.decidedBy === 'operator' ? 'an operator' : 'the coordinator'} decided ${decision}: ${decision === 'commit' ? 'COMMIT' : 'ABORT'} logged, locks released`;
        }
      }
    }
    if (decision === 'commit') w.transactions.counts.committed++;
    else w.transactions.counts.aborted++;
  },
};

export function send(w: World, row: TxnRow, event: TransactionEvent): void {
  const step = stepper.step(row.machine, event);
  if (!step.changed && step.effects.length === 0) return;
  const from = row.machine.value;
  row.machine = step.state;
  w.machines.note('transaction', row.id, from, step.state.value, event.type, w.nowMs);
  for (const effect of step.effects) if (effect.kind === 'action') runEffect(handlers, effect.type, { w, row });
}

/** The reply reached the client, or the live rollback finished. */
export function onTransactionStep(w: World, txn: number): void {
  const row = w.transactions.rows[txn - 1];
  if (!row || row.timer === null) return;
  row.timer = null;
  if (row.machine.value === 'committing') send(w, row, { type: 'txn.replied' });
  else if (row.machine.value === 'rollingBack') send(w, row, { type: 'txn.rolledBack' });
}

/**
 * A node crashed: a transaction whose client session it ran and whose reply had not left is committed without the
 * client knowing (it times out: writesUnknownOutcome); a live rollback it was running stops where it is.
 */
export function transactionsOnCrash(w: World, node: NodeRow): void {
  for (const row of w.transactions.rows) {
    if (row.timer === null || row.home !== node.index) continue;
    unschedule(w, row.timer as Parameters<typeof unschedule>[1]);
    row.timer = null;
    send(w, row, { type: 'home.crashed' });
  }
}

/** The coordinator's decision for a prepared transaction (by the operator's txn.resolve, or presumed abort). */
export function decide(w: World, row: TxnRow, decision: TxnDecision, by: 'coordinator' | 'operator' | 'presumedAbort'): void {
  row.decision = decision;
  row.decidedBy = by;
  // The coordinator answers the client with its decision; a hand-made or presumed one reaches no waiting client.
  if (by === 'coordinator') row.acked = true;
  send(w, row, { type: decision === 'commit' ? 'decision.commit' : 'decision.abort' });
}

/** A `txn.decided` entry is committed: the coordinator's decision now exists, and every running participant logs it. */
export function applyJournaledDecision(w: World, txnNo: number, decision: TxnDecision): void {
  const row = w.transactions.rows[txnNo - 1];
  // An operator may have resolved it meanwhile (txn.resolve): the first decision stands.
  if (row && row.machine.value === 'prepared' && row.decision === null) decide(w, row, decision, 'coordinator');
}

/**
 * A new control-plane leader has replayed its journal (design §9.3): a prepared transaction whose `txn.decided` it
 * holds committed is resolved from it — participants that restarted in doubt while nobody led log the decision now;
 * one with no decision in the journal is presumed aborted.
 */
export function resolveFromJournal(w: World, leaderId: string, journaled: ReadonlyMap<string, { decision: TxnDecision; index: number }>): void {
  for (const row of w.transactions.rows) {
    const found = journaled.get(row.id);
    const undecided = row.machine.value === 'prepared' && row.decision === null;
    if (found !== undefined && (row.inDoubtOn.size > 0 || undecided)) {
      const waiting = [...row.inDoubtOn].map((n) => w.nodes[n].id);
      if (undecided) decide(w, row, found.decision, 'coordinator');
      else resolveInDoubt(w, row, found.decision);
      const type = found.decision === 'commit' ? 'COMMIT' : 'ABORT';
      record(
        w,
        row.id,
        'txn.resolved',
        `The new coordinator ${leaderId} finds ${row.id}'s decision in its journal (#${found.index}, committed): ${found.decision}. ` +
          (waiting.length > 0
            ? `${listSome(waiting)} held it in doubt, log${waiting.length === 1 ? 's' : ''} ${type} and release${waiting.length === 1 ? 's' : ''} its locks.`
            : `Every running participant logs ${type}.`),
        'info',
        { txn: row.id, decision: found.decision, by: 'coordinator', index: found.index },
      );
      continue;
    }
    if (!undecided) continue;
    decide(w, row, 'abort', 'presumedAbort');
    record(
      w,
      row.id,
      'txn.resolved',
      `The new coordinator finds no decision for ${row.id} in its journal: presumed abort. Every running participant logs ABORT and releases its locks.`,
      'info',
      { txn: row.id, decision: 'abort', by: 'presumedAbort' },
    );
  }
}

/** Presumed abort for every undecided prepared transaction (a takeover with nothing in the journal). */
export function presumeAbortUndecided(w: World): void {
  resolveFromJournal(w, '', new Map());
}

/** Participants that restarted in doubt log a decision already made (the transaction's machine has moved on). */
function resolveInDoubt(w: World, row: TxnRow, decision: TxnDecision): void {
  for (const [s, nodes] of row.holders) {
    const last = lastLsn(row, s);
    for (const n of nodes) {
      if (!row.inDoubtOn.has(n) || !isUp(w.nodes[n])) continue;
      appendTxnRecord(w, w.nodes[n], decision === 'commit' ? 'COMMIT' : 'ABORT', s, last, row.no);
      row.resolvedOn.set(n, decision);
      const entry = w.transactions.restarts.get(n)?.entries.find((e) => e.txn === row.id && e.rule === 'inDoubt');
      if (entry) {
        entry.rule = 'resolve';
        entry.fate = `was in doubt; the new coordinator found the decision in its journal: ${decision === 'commit' ? 'COMMIT' : 'ABORT'} logged, locks released`;
      }
    }
  }
  row.inDoubtOn.clear();
}

// ------------------------------------------------------------ words

export function describeWrites(w: World, row: TxnRow): string {
  return row.shards.map((s) => `${row.writes} write(s) to ${w.shards[s].id}`).join(' and ');
}

function holderIds(w: World, row: TxnRow): string[] {
  const ids = new Set<string>();
  for (const nodes of row.holders.values()) for (const id of nodeIds(w, nodes)) ids.add(id);
  return [...ids];
}

function holderList(w: World, row: TxnRow): string {
  return listSome(holderIds(w, row));
}
