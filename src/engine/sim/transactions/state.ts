import type { TransactionMachineState } from '../../machines/transaction-stepper';
import type { Scheduled } from '../event-queue';

/**
 * The transactions record (`w.transactions`, design recovery-repair.md §9): every transaction the run started, what
 * each node's log holds of them, and each node's last restart as a table of rules. Written by the modules of this
 * folder only; local-recovery.ts calls recovery.ts at the analysis, the end of redo and each undo step.
 */

export type TxnEnd = 'commit' | 'abort' | 'none' | 'prepare';
export type TxnDecision = 'commit' | 'abort';

/** One transaction as the cluster's transaction record knows it (CockroachDB's txn record; the coordinator's for 2PC). */
export interface TxnRow {
  /** 1, 2, …: the `txn` field of its log records. */
  no: number;
  /** "t1". */
  id: string;
  /** Its shard, or its two shards (two-phase). */
  shards: number[];
  /** Writes per shard. */
  writes: number;
  end: TxnEnd;
  /** The node whose client session ran it: the primary of its first shard when it began. */
  home: number;
  startedAtMs: number;
  machine: TransactionMachineState;
  /** Per shard, the replicas that logged its writes (and so its outcome), and its writes' LSNs. */
  holders: Map<number, number[]>;
  lsns: Map<number, number[]>;
  /** The reply reached the client (commit). */
  acked: boolean;
  /** The client timed out: the outcome was decided by recovery. */
  unknownOutcome: boolean;
  /** Two-phase: the coordinator's durable decision, and who made it. null = undecided. */
  decision: TxnDecision | null;
  decidedBy: 'coordinator' | 'operator' | 'presumedAbort' | null;
  /** Participants (nodes) that resolved it, and how (invariant 13: never two ways). */
  resolvedOn: Map<number, TxnDecision>;
  /** Participants that restarted with it prepared and no outcome, still waiting. */
  inDoubtOn: Set<number>;
  /** The reply or the live rollback on the clock. */
  timer: Scheduled<unknown> | null;
}

/** What one node's log holds of one transaction (🅂 kept past checkpoints: ARIES's checkpoint transaction table). */
export interface NodeTxnLog {
  txn: number;
  /** Its shards on this node, in the order their writes were logged (two for a two-phase one whose shards it both holds). */
  shards: number[];
  puts: { no: number; lsn: number; shard: number }[];
  outcome: { type: 'COMMIT' | 'ABORT'; no: number } | null;
  prepareNo: number | null;
  /** PUT record → the CLR that undid it. */
  clrs: Map<number, number>;
}

/** The chapter's rules (design §9.2), and the two-phase cases (§9.3). */
export type TxnRule = 'replay' | 'abort' | 'rollBack' | 'inDoubt' | 'resolve' | 'none';

/** One row of a node's restart table (`NodeView.transactions`, the console's `txn-table`). */
export interface TxnAtRestart {
  txn: string;
  /** Its shard, or "s001, s002" for a two-phase one whose shards the node both holds. */
  shard: string;
  writes: number;
  /** What the log held, in words: "3 PUT + COMMIT". */
  logHeld: string;
  rule: TxnRule;
  /** Its fate in words; updated while the undo runs. */
  fate: string;
  clrs: number;
}

/** A node's restart, as far as transactions go. */
export interface NodeTxnRestart {
  atMs: number;
  /** The analysis pass ran and the end-of-redo rules were applied. */
  classified: boolean;
  entries: TxnAtRestart[];
  /** ARIES undo: loser changes still to compensate, newest first. */
  undo: { txn: number; putNo: number; lsn: number; shard: number }[];
  /** CLRs this restart's undo wrote (its time: one walApplyMsPerRecord each). */
  clrsWritten: number;
}

export interface TransactionRecord {
  rows: TxnRow[];
  /** node → txn → what its log holds of it. */
  nodeLogs: Map<number, Map<number, NodeTxnLog>>;
  /** node → its last restart with transactions in its log. */
  restarts: Map<number, NodeTxnRestart>;
  counts: { committed: number; redone: number; aborted: number; rolledBack: number; clr: number; unknownOutcome: number };
  /** A change undone twice (a CLR for a PUT that had one): invariant 13 names it. */
  undoneTwice: string[];
}

export function newTransactionRecord(): TransactionRecord {
  return {
    rows: [],
    nodeLogs: new Map(),
    restarts: new Map(),
    counts: { committed: 0, redone: 0, aborted: 0, rolledBack: 0, clr: 0, unknownOutcome: 0 },
    undoneTwice: [],
  };
}
