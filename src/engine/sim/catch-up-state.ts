import type { CatchUpSplit } from '../recovery-types';
import type { NodeRow, ShardRow } from './rows';

/**
 * The world's catch-up record (`w.catchUp`): how each returning node's replicas are brought in line with their
 * shards (design recovery-repair.md §5.2–§5.3). Written by catch-up.ts; read by quorum/ (isolation: who may vote,
 * serve a fresh read or be a source), the state view and the invariants.
 */
export interface CatchUpRecord {
  /** Node → how its replicas were caught up since it last came back (NodeView.recovery.catchUp). */
  splits: Map<number, CatchUpSplit>;
  /** Node → shards it still catches up on since it came back: its recovery phase is catchingUp while any is left. */
  pending: Map<number, Set<number>>;
  /**
   * Node → shard → the LSN it had acknowledged before its crash, for replicas whose replay ended below it (§5.2):
   * amnesiac until a catch-up brings them past it (or to the shard's history, if those writes were declared lost).
   */
  amnesiac: Map<number, Map<number, number>>;
  /** Node → when its peers last heard from it before it came back (the log truncation hold counts from here). */
  awaySinceMs: Map<number, number>;
  /** Running totals for the metrics. */
  logEntries: number;
  snapshotBytes: number;
}

export function newCatchUpRecord(): CatchUpRecord {
  return { splits: new Map(), pending: new Map(), amnesiac: new Map(), awaySinceMs: new Map(), logEntries: 0, snapshotBytes: 0 };
}

export const emptySplit = (): CatchUpSplit => ({
  logTail: 0,
  logEntries: 0,
  snapshot: 0,
  snapshotBytes: 0,
  truncated: 0,
  discarded: 0,
  fetchedFrom: {},
});

/** The node's split since it last came back, created empty on first use. */
export function catchUpSplitOf(w: { catchUp: CatchUpRecord }, node: number): CatchUpSplit {
  let split = w.catchUp.splits.get(node);
  if (!split) w.catchUp.splits.set(node, (split = emptySplit()));
  return split;
}

/** A catch-up of `node` completed with data from `sourceId`. */
export function noteFetched(w: { catchUp: CatchUpRecord }, node: number, sourceId: string): void {
  const split = catchUpSplitOf(w, node);
  split.fetchedFrom[sourceId] = (split.fetchedFrom[sourceId] ?? 0) + 1;
}

/**
 * The replica of `shard` on `node` holds the shard's history again: it leaves the node's catching-up set, and its
 * amnesia ends. Returns the LSN it had been amnesiac below (or null), and whether that was the node's last
 * replica still catching up since it came back (it is reintegrated).
 */
export function settleCatchUp(w: { catchUp: CatchUpRecord }, node: number, shard: number): { amnesiacBelow: number | null; lastOfNode: boolean } {
  const c = w.catchUp;
  const pending = c.pending.get(node);
  const lastOfNode = (pending?.delete(shard) ?? false) && pending!.size === 0;
  // Back in touch for good: from now on its peers hear from it as from any other replica.
  if (lastOfNode) {
    c.pending.delete(node);
    c.awaySinceMs.delete(node);
  }
  const amnesiac = c.amnesiac.get(node);
  const below = amnesiac?.get(shard);
  if (below === undefined) return { amnesiacBelow: null, lastOfNode };
  amnesiac!.delete(shard);
  if (amnesiac!.size === 0) c.amnesiac.delete(node);
  return { amnesiacBelow: below, lastOfNode };
}

/** The rows these helpers read (the World, without importing it). */
type Rows = { catchUp: CatchUpRecord; nodes: NodeRow[]; shards: ShardRow[] };

/** Still on its disk (not discarded as re-homed, not wiped) and not at its shard's LSN. */
const behind = (w: Rows, node: number, shard: number): boolean => {
  const lsn = w.nodes[node].disk.get(shard);
  return lsn !== undefined && lsn !== w.shards[shard].lsn;
};

/**
 * Shards the node still catches up on since it came back: its recovery phase is catchingUp while above 0. A shard
 * whose history an operator rolled back to this replica's LSN counts as caught up.
 */
export function catchingUpCount(w: Rows, node: number): number {
  let n = 0;
  for (const s of w.catchUp.pending.get(node) ?? []) if (behind(w, node, s)) n++;
  return n;
}

/** Shards on which the node is amnesiac (§5.2): below what it had acknowledged, and not yet caught up past it. */
export function amnesiacShards(w: Rows, node: number): number[] {
  const out: number[] = [];
  for (const [s, bar] of w.catchUp.amnesiac.get(node) ?? []) {
    const lsn = w.nodes[node].disk.get(s);
    if (lsn !== undefined && lsn < Math.min(bar, w.shards[s].lsn)) out.push(s);
  }
  return out;
}
