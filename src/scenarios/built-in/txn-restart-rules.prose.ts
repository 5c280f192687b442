/** What the learner reads — three transactions at a power loss, and the rules a restart applies to each. */
import type { ScenarioProse } from '../scenario-prose';

export const txnRestartRulesProse: ScenarioProse = {
  description:
    'n1, the primary of s001, runs three transactions and loses power the instant the third commits. When it restarts, ' +
    'its log decides each one’s fate: committed but never acknowledged → replay; in progress → abort; aborted → roll back. ' +
    'Redo-only recovery (PostgreSQL) needs no undo: what was not committed simply never counts.',
  watch: [
    'At 5 s t1 writes 3 times to s001 and stays open: its PUTs are provisional on n1, n2 and n3, invisible to reads.',
    'At 7 s t2 writes twice and aborts; t3 writes 3 times and commits. Its COMMIT is flushed on all three replicas, but n1 loses power before its reply leaves: the client times out (writesUnknownOutcome 3).',
    'At 9 s n1 restarts and replays its log. Select n1 and open its log and recovery: the transaction table lists t1 (abort), t2 (roll back) and t3 (replay) with what the log held for each.',
    't3’s 3 writes are applied (txn.redone): a retry of t3 by the client is recognised by its id, not applied twice. t1’s 3 writes and t2’s 2 are discarded (✕ in the Log strip); n1 logs ABORT for t1.',
    'Compare txn-restart-rules-aries: with steal buffers the same restart must undo losers with compensation records.',
  ],
};

export const txnRestartRulesAriesProse: ScenarioProse = {
  description:
    'The same three transactions, but a steal buffer lets a checkpoint flush t1’s uncommitted changes, and t2’s rollback ' +
    'has not run when the power fails. ARIES restarts in three passes: analysis finds the losers, redo repeats history ' +
    '(winners and losers), undo rolls the losers back newest first, one compensation record (CLR) per change.',
  watch: [
    'At 6 s n1 checkpoints while t1 is open: under bufferPolicy steal its 3 uncommitted changes reach the data files.',
    'At 7 s t2 aborts — its ABORT is logged, but its rollback (one CLR per change, 5 ms each) has not run — t3 commits, and n1 loses power at once.',
    'At 9 s n1 restarts: redo applies every record after the checkpoint, t2’s and t3’s alike. txn.redone says t3 is replayed.',
    'Then undo: one step per change, newest first — t2’s 2 changes (txn.rolledBack, 2 CLRs), then t1’s 3 (txn.aborted, 3 CLRs, then ABORT). The ↩ cells in n1’s Log strip are those CLRs.',
    'Crash n1 during the undo — node.crash:n1 at 9.532 s, one CLR in — and restart it: the CLRs already written say which changes are undone, so the second undo writes only the 4 left — never a change twice.',
  ],
};
