import type { Metrics } from '../../types';
import type { World } from '../world';

type TransactionMetrics = Pick<
  Metrics,
  'txnCommitted' | 'txnRedone' | 'txnAborted' | 'txnRolledBack' | 'txnInDoubt' | 'clrWritten' | 'writesUnknownOutcome'
>;

/** The transaction metrics (design §9, §11.5). */
export function transactionMetrics(_w: World): TransactionMetrics {
  return { txnCommitted: 0, txnRedone: 0, txnAborted: 0, txnRolledBack: 0, txnInDoubt: 0, clrWritten: 0, writesUnknownOutcome: 0 };
}
