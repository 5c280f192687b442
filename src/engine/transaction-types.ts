/** As in types.ts (not imported from it: types.ts imports this file). */
type NodeId = string;
type ShardId = string;

/**
 * Transactions as the console, the CLI report and the driver see them (design recovery-repair.md §9, §11.5):
 * `NodeView.transactions` (each transaction a node's last restart found in its log, with the rule applied and its
 * fate) and `sim.getTransactions()` (every transaction of the run: the report's `transactions[]`).
 */

/** The chapter's rules (§9.2) and the two-phase cases (§9.3): replay (committed), abort (in progress), rollBack (aborted, not undone), inDoubt, resolve, none. */
export type TransactionRule = 'replay' | 'abort' | 'rollBack' | 'inDoubt' | 'resolve' | 'none';

/** One row of a node's restart table (the console's `txn-row-<id>`). */
export interface TransactionAtRestart {
  /** "t3". */
  txn: string;
  shard: ShardId;
  /** Its writes this node's log held. */
  writes: number;
  /** What the log held, in words: "3 PUT + COMMIT", "2 PUT + ABORT + 2 CLR". */
  logHeld: string;
  rule: TransactionRule;
  /** Its fate in words (updated while an ARIES undo runs, and when an in-doubt one is resolved). */
  fate: string;
  /** Compensation records written for it on this node so far. */
  clrs: number;
}

/** A node's last restart with transactions in its log. */
export interface NodeTransactionsView {
  restartAtMs: number;
  /** params.recoveryAlgorithm of that restart's run. */
  algorithm: 'redoOnly' | 'aries';
  rows: TransactionAtRestart[];
}

/** One transaction of the run (the report's `transactions[]`). */
export interface TransactionView {
  id: string;
  shards: ShardId[];
  /** Writes per shard. */
  writes: number;
  end: 'commit' | 'abort' | 'none' | 'prepare';
  /** The transaction record's state: open, committing (reply on its way), committed, rollingBack, aborted, prepared (waiting for a decision). */
  state: 'open' | 'committing' | 'committed' | 'rollingBack' | 'prepared' | 'aborted';
  /** The client was told it committed. */
  acked: boolean;
  /** The client timed out; recovery decided the outcome. */
  unknownOutcome: boolean;
  /** Two-phase: the decision and who made it; null while undecided. */
  decision: 'commit' | 'abort' | null;
  decidedBy: 'coordinator' | 'operator' | 'presumedAbort' | null;
  /** Participants holding it in doubt now. */
  inDoubtOn: NodeId[];
}
