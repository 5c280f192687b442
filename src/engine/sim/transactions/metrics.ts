import type { Metrics } from '../../types';
import type { World } from '../world';

type TransactionMetrics = Pick<
  Metrics,
  'txnCommitted' | 'txnRedone' | 'txnAborted' | 'txnRolledBack' | 'txnInDoubt' | 'clrWritten' | 'writesUnknownOutcome'
>;

/** The transaction metrics (design §9, §11.5), from the transactions record. */
export function transactionMetrics(w: World): TransactionMetrics {
  const c = w.transactions.counts;
  let inDoubt = 0;
  for (const row of w.transactions.rows) if (row.machine.value === 'prepared') inDoubt++;
  return {
    txnCommitted: c.committed,
    txnRedone: c.redone,
    txnAborted: c.aborted,
    txnRolledBack: c.rolledBack,
    txnInDoubt: inDoubt,
    clrWritten: c.clr,
    writesUnknownOutcome: c.unknownOutcome,
  };
}
