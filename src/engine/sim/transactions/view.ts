import type { NodeTransactionsView, TransactionView } from '../../transaction-types';
import { nodeIds, type NodeRow, type World } from '../world';

/** `NodeView.transactions`: the node's last restart with transactions in its log; absent when it had none. */
export function nodeTransactionsView(w: World, node: NodeRow): { transactions?: NodeTransactionsView } {
  const restart = w.transactions.restarts.get(node.index);
  if (!restart) return {};
  return {
    transactions: {
      restartAtMs: restart.atMs,
      algorithm: w.params.recoveryAlgorithm,
      rows: restart.entries.map((e) => ({ ...e })),
    },
  };
}

/** Every transaction of the run, oldest first (`sim.getTransactions()`, the report's `transactions[]`). */
export function transactionsView(w: World): TransactionView[] {
  return w.transactions.rows.map((row) => ({
    id: row.id,
    shards: row.shards.map((s) => w.shards[s].id),
    writes: row.writes,
    end: row.end,
    state: row.machine.value,
    acked: row.acked,
    unknownOutcome: row.unknownOutcome,
    decision: row.decision,
    decidedBy: row.decidedBy,
    inDoubtOn: nodeIds(w, [...row.inDoubtOn].sort((a, b) => a - b)),
  }));
}
