import type { World } from '../sim/world';
import { lifecycleOf } from '../sim/world';

/**
 * Invariant 13 (design recovery-repair.md §11.6), over the transactions record and each node's log of them:
 * - a transaction's writes are all visible or none, on every replica: no replica's log commits what the cluster
 *   aborted (or aborts what it committed), and after an ARIES restart every change of a transaction its log does not
 *   commit is compensated by exactly one CLR (none is left in the data, none undone twice);
 * - no in-doubt transaction is resolved differently on two participants.
 */
export const TXN_INVARIANTS = {
  allOrNone: "a transaction's writes are all visible or none, on every replica",
  oneWay: 'no in-doubt transaction is resolved differently on two participants',
} as const;

type Add = (invariant: string, detail: string) => void;

export function checkTransactionInvariants(w: World, add: Add): void {
  const t = w.transactions;
  if (t.rows.length === 0) return;
  for (const twice of t.undoneTwice) add(TXN_INVARIANTS.allOrNone, twice);
  for (const row of t.rows) {
    const ways = new Map<string, number[]>();
    for (const [node, decision] of row.resolvedOn) {
      const list = ways.get(decision) ?? [];
      list.push(node);
      ways.set(decision, list);
    }
    if (ways.size > 1)
      add(
        TXN_INVARIANTS.oneWay,
        `${row.id} was resolved ` +
          [...ways]
            .sort((a, b) => Math.min(...a[1]) - Math.min(...b[1]))
            .map(([d, nodes]) => `${d} on ${joinIds(nodes.sort((a, b) => a - b).map((n) => w.nodes[n].id))}`)
            .join(' and '),
      );
  }
  for (const [n, logs] of t.nodeLogs) {
    const node = w.nodes[n];
    const restart = t.restarts.get(n);
    const restartDone = restart !== undefined && restart.classified && restart.undo.length === 0;
    for (const log of logs.values()) {
      const row = t.rows[log.txn - 1];
      if (!row) continue;
      const state = row.machine.value;
      if (log.outcome?.type === 'COMMIT' && state === 'aborted')
        add(TXN_INVARIANTS.allOrNone, `${node.id}'s log commits ${row.id}, which the cluster aborted: its writes are visible there and nowhere else`);
      if (log.outcome?.type === 'ABORT' && state === 'committed')
        add(TXN_INVARIANTS.allOrNone, `${node.id}'s log aborts ${row.id}, which the cluster committed: its writes are missing there`);
      // ARIES: once a restart's undo is done, no change of a transaction the log does not commit stays in the data.
      if (
        w.params.recoveryAlgorithm === 'aries' &&
        restartDone &&
        lifecycleOf(node) === 'up' &&
        log.outcome?.type !== 'COMMIT' &&
        log.prepareNo === null &&
        restart.entries.some((e) => e.txn === row.id)
      ) {
        const left = log.puts.filter((p) => !log.clrs.has(p.no)).length;
        if (left > 0)
          add(
            TXN_INVARIANTS.allOrNone,
            `${node.id} finished its restart with ${left} of ${row.id}'s ${log.puts.length} change(s) still in its data pages and no CLR for it, though ${row.id} is not committed there`,
          );
      }
    }
  }
}

function joinIds(ids: string[]): string {
  return ids.length <= 1 ? ids.join('') : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
}
