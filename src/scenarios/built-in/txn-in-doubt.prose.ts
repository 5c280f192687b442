/** What the learner reads — a prepared two-phase transaction, in doubt at a participant's restart. */
import type { ScenarioProse } from '../scenario-prose';

export const txnInDoubtProse: ScenarioProse = {
  description:
    'A transaction spans s001 and s002. Both participants log PREPARE — committable after a crash — and wait for the ' +
    'coordinator, which never decides. n2, the primary of s002, loses power and restarts: with PREPARE and no outcome in ' +
    'its log it cannot decide alone, so the transaction is in doubt, its keys locked, until an operator resolves it.',
  watch: [
    'At 5 s t1 writes twice to s001 and twice to s002, and every replica logs PREPARE (⏸ in the Log strip). txnInDoubt is 1.',
    'At 6 s n2 loses power; at 8 s it restarts, replays its log and reports txn.inDoubt: t1 is prepared, no COMMIT or ABORT follows.',
    'Select n2 and open its log and recovery: the transaction table says “in doubt”, and why.',
    'At 15 s an operator runs txn.resolve:t1,commit (PostgreSQL’s COMMIT PREPARED): every participant logs COMMIT, the table says resolved, txnInDoubt is 0.',
    'Try txn.resolve:t1,abort after that: it is refused — t1 is not in doubt any more.',
  ],
};
