import { setup } from 'xstate';

/**
 * One transaction's outcome, as the cluster's transaction record sees it (design recovery-repair.md §9; CockroachDB's
 * transaction record PENDING | STAGING | COMMITTED | ABORTED):
 *
 *   open ── txn.commit ──▶ committing ── txn.replied ──▶ committed (the client was told)
 *                          committing ── home.crashed ──▶ committed (durable, the client never told: writesUnknownOutcome)
 *   open ── txn.abort ──▶ rollingBack ── txn.rolledBack ──▶ aborted (live rollback done)
 *                         rollingBack ── home.crashed ──▶ aborted (ABORT logged, changes not yet undone: restart rolls back)
 *   open ── txn.prepare ──▶ prepared ── decision.commit / decision.abort ──▶ committed / aborted (two-phase, §9.3)
 *   open ── recovery.aborted ──▶ aborted (in progress at a crash: the restart aborts it, rule 2)
 *
 * The machine decides; sim/transactions/ appends the records and times the reply and the rollback (`txn.step`).
 */
export type TransactionEvent =
  | { type: 'txn.commit' }
  | { type: 'txn.abort' }
  | { type: 'txn.prepare' }
  | { type: 'txn.replied' }
  | { type: 'txn.rolledBack' }
  | { type: 'home.crashed' }
  | { type: 'recovery.aborted' }
  | { type: 'decision.commit' }
  | { type: 'decision.abort' };

const transactionEffects = {
  /** Append COMMIT on every replica that holds the writes; the reply to the client leaves. */
  logCommit: () => {},
  /** Append ABORT; a steal buffer undoes the changes with compensation records. */
  logAbort: () => {},
  /** Each participant appends PREPARE: committable after a crash. */
  logPrepare: () => {},
  /** The reply reached the client. */
  acknowledge: () => {},
  /** The live rollback finished. */
  finishRollback: () => {},
  /** The primary crashed before the reply left: the client times out; recovery decides. */
  noteUnknownOutcome: () => {},
  /** Participants log the coordinator's decision. */
  logDecision: () => {},
};
export type TransactionEffect = keyof typeof transactionEffects;

export const transactionMachine = setup({
  types: { context: {} as { timeoutMs: number }, events: {} as TransactionEvent },
  actions: transactionEffects,
}).createMachine({
  id: 'transaction',
  initial: 'open',
  context: { timeoutMs: 0 },
  states: {
    open: {
      on: {
        'txn.commit': 'committing',
        'txn.abort': 'rollingBack',
        'txn.prepare': 'prepared',
        'recovery.aborted': 'aborted',
      },
    },
    committing: {
      entry: 'logCommit',
      on: {
        'txn.replied': { target: 'committed', actions: 'acknowledge' },
        'home.crashed': { target: 'committed', actions: 'noteUnknownOutcome' },
      },
    },
    rollingBack: {
      entry: 'logAbort',
      on: { 'txn.rolledBack': { target: 'aborted', actions: 'finishRollback' }, 'home.crashed': 'aborted' },
    },
    prepared: {
      entry: 'logPrepare',
      on: {
        'decision.commit': { target: 'committed', actions: 'logDecision' },
        'decision.abort': { target: 'aborted', actions: 'logDecision' },
      },
    },
    committed: { type: 'final' },
    aborted: { type: 'final' },
  },
});

export type TransactionStateValue = 'open' | 'committing' | 'committed' | 'rollingBack' | 'prepared' | 'aborted';
