import type { Command } from '../../types';
import { quorumOf } from '../quorum';
import { shardById } from '../machine-view';
import { record, type ShardRow, type World } from '../world';
import { decide, runTransaction } from './run';

type TransactionCommand = Extract<Command, { type: 'txn.run' | 'txn.resolve' }>;

/** Writes a `txn.run` makes when it does not say (design §11.1). */
export const DEFAULT_TXN_WRITES = 3;

/** Why a txn.* command cannot apply now, or null. Each refusal names the problem (design §11.1). */
export function transactionProblem(w: World, command: TransactionCommand): string | null {
  if (command.type === 'txn.resolve') return resolveProblem(w, command);
  const shard = shardById(w, command.shard);
  if (!shard) return `txn.run: unknown shard "${command.shard}" (this cluster has ${w.shards[0].id}…${w.shards[w.shards.length - 1].id})`;
  if (w.params.replication === 'leaderless')
    return `txn.run: ${shard.id} has no primary to run a transaction — leaderless replication writes each key on its own, with no commit record (set params.replication to primary)`;
  const notWritable = writeProblem(w, shard);
  if (notWritable) return `txn.run: ${notWritable}`;
  if (command.end === 'prepare') {
    if (w.shards.length < 2) return `txn.run: a two-phase transaction spans two shards, and this cluster has only ${shard.id}`;
    const partner = partnerOf(w, shard);
    const partnerProblem = writeProblem(w, partner);
    if (partnerProblem) return `txn.run: its second shard ${partnerProblem}`;
  }
  return null;
}

function writeProblem(w: World, shard: ShardRow): string | null {
  const q = quorumOf(w, shard);
  return q.state === 'writable' ? null : `${shard.id} is not writable: ${q.reason ?? q.state}`;
}

/** A two-phase txn.run's second shard: the next one (🅂 a fixed choice, so a timeline names it). */
export function partnerOf(w: World, shard: ShardRow): ShardRow {
  return w.shards[(shard.index + 1) % w.shards.length];
}

function resolveProblem(w: World, command: Extract<Command, { type: 'txn.resolve' }>): string | null {
  const row = rowById(w, command.txn);
  const count = w.transactions.rows.length;
  if (!row) return `txn.resolve: no transaction "${command.txn}" (${count === 0 ? 'none has run yet' : `this run has t1…t${count}`})`;
  if (row.machine.value !== 'prepared')
    return `txn.resolve: ${row.id} is not in doubt: it ${row.machine.value === 'committed' ? 'committed' : row.machine.value === 'aborted' ? 'aborted' : row.machine.value === 'open' ? 'is still running (only a prepared two-phase transaction waits for a decision)' : `is ${row.machine.value}`}`;
  return null;
}

function rowById(w: World, id: string) {
  const no = /^t(\d+)$/.exec(id);
  return no ? w.transactions.rows[Number(no[1]) - 1] : undefined;
}

export function applyTransactionCommand(w: World, command: TransactionCommand): void {
  if (command.type === 'txn.run') {
    const shard = shardById(w, command.shard)!;
    runTransaction(w, shard, command.writes ?? DEFAULT_TXN_WRITES, command.end, command.end === 'prepare' ? partnerOf(w, shard) : null);
    return;
  }
  const row = rowById(w, command.txn)!;
  const waiting = [...row.inDoubtOn].map((n) => w.nodes[n].id);
  decide(w, row, command.decision, 'operator');
  record(
    w,
    row.id,
    'txn.resolved',
    `An operator decides ${row.id}: ${command.decision} (PostgreSQL: ${command.decision === 'commit' ? 'COMMIT PREPARED' : 'ROLLBACK PREPARED'}). ` +
      `Every running participant logs ${command.decision === 'commit' ? 'COMMIT' : 'ABORT'}` +
      (waiting.length > 0 ? `; ${waiting.join(', ')} ${waiting.length === 1 ? 'was' : 'were'} holding it in doubt and release${waiting.length === 1 ? 's' : ''} its locks.` : '.'),
    'info',
    { txn: row.id, decision: command.decision, by: 'operator' },
  );
}
