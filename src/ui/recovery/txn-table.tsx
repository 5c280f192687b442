import type { NodeTransactionsView, TransactionRule } from '../../engine/index';

/** Each rule as a glyph and words (colour never the only signal). */
export const RULE_LOOK: Record<TransactionRule, { glyph: string; word: string }> = {
  replay: { glyph: '↻', word: 'replay (committed)' },
  abort: { glyph: '✕', word: 'abort (in progress)' },
  rollBack: { glyph: '↩', word: 'roll back (aborted)' },
  inDoubt: { glyph: '‖', word: 'in doubt (prepared)' },
  resolve: { glyph: '✓', word: 'resolved (prepared)' },
  none: { glyph: '·', word: 'being read' },
};

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The transactions a node's last restart found in its log (design recovery-repair.md §9.2, §12): for each one the
 * shard, what the log held, the chapter's rule the restart applied and its fate — in words, updated while an ARIES
 * undo writes its compensation records and when an in-doubt transaction is resolved.
 */
export function TxnTable({ nodeId, view }: { nodeId: string; view: NodeTransactionsView }) {
  const algorithm = view.algorithm === 'aries' ? 'ARIES: analysis, redo, undo with CLRs' : 'redo-only, as PostgreSQL';
  return (
    <section className="txn-table-section" aria-labelledby={`txn-title-${nodeId}`}>
      <h3 id={`txn-title-${nodeId}`}>Transactions at restart</h3>
      <p className="txn-table-note">
        {nodeId} restarted at {seconds(view.restartAtMs)} with {view.rows.length} transaction{view.rows.length === 1 ? '' : 's'} in its log ({algorithm}).
      </p>
      <div className="txn-table-scroll">
        <table className="txn-table" data-testid="txn-table">
          <thead>
            <tr>
              <th scope="col">Txn</th>
              <th scope="col">Shard</th>
              <th scope="col">Its log held</th>
              <th scope="col">Rule</th>
              <th scope="col">Fate</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row) => (
              <tr key={row.txn} data-testid={`txn-row-${row.txn}`} data-rule={row.rule} className={`txn-rule-${row.rule}`}>
                <th scope="row">{row.txn}</th>
                <td>{row.shard}</td>
                <td className="mono">{row.logHeld}</td>
                <td className="txn-rule">
                  <span aria-hidden="true" className="txn-rule-glyph">
                    {RULE_LOOK[row.rule].glyph}
                  </span>{' '}
                  {RULE_LOOK[row.rule].word}
                </td>
                <td className="txn-fate">{row.fate}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
