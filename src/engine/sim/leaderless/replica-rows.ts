import type { ReplicaRows } from '../leaderless-state';
import type { ShardRow, World } from '../world';

/**
 * Each shard's replicas as a leaderless write reads them first (to pick its coordinator and the owners it sends to),
 * in one Int32 row per shard: the count, the replicas in placement order, and whether every voter is a replica.
 *
 * Why: a client write picks its shard at random. Read through the shard's row, its replicas are three cache misses
 * one after another: the row, the list, the list's elements (bench case b: ~50 ms a run waiting on them). The table's
 * row is found from the shard's index alone, so its miss overlaps the shard row's, and the lists are not read.
 *
 * A cache, never the truth: a row is used only while the shard still holds the very lists it was built from
 * (`shard.replicas` and `shard.voters`, by identity: the engine replaces these lists rather than changing one in
 * place, see migrator/commit.ts, rejoin.ts and emergency-repair.ts), and is built again from them otherwise. A copied or restored world
 * thus rebuilds rows, never reads a wrong one. The fault sweep checks every row still in use against its lists
 * (replicaRowProblems). The rows themselves are `ReplicaRows` (leaderless-state.ts), in `w.leaderless.replicaRows`.
 */

/** Where the shard's row starts in `rows.cells`, built now if it is missing or stale; −1 when it has too many replicas. */
export function replicaRowOf(w: World, shard: ShardRow): number {
  const rows = (w.leaderless.replicaRows ??= newReplicaRows(w.shards.length));
  const i = shard.index;
  const at = i * STRIDE;
  if (rows.builtFrom[2 * i] !== shard.replicas || rows.builtFrom[2 * i + 1] !== shard.voters) build(rows, shard);
  return rows.cells[at + COUNT] === TOO_MANY ? -1 : at;
}

/** The row's replica count (its `at` from replicaRowOf). */
export function rowCount(rows: ReplicaRows, at: number): number {
  return rows.cells[at + COUNT];
}

/** The row's `k`-th replica, in placement order. */
export function rowReplica(rows: ReplicaRows, at: number, k: number): number {
  return rows.cells[at + FIRST + k];
}

/** Every voter of the shard is also one of its replicas. */
export function rowVotersInside(rows: ReplicaRows, at: number): boolean {
  return rows.cells[at + VOTERS_INSIDE] === 1;
}

/** Rows in use (their lists still the shard's) that disagree with those lists: a list changed in place. */
export function replicaRowProblems(w: World): string[] {
  const rows = w.leaderless.replicaRows;
  if (!rows) return [];
  const out: string[] = [];
  for (const shard of w.shards) {
    const i = shard.index;
    if (rows.builtFrom[2 * i] !== shard.replicas || rows.builtFrom[2 * i + 1] !== shard.voters) continue;
    const at = i * STRIDE;
    const expected = expectedRow(shard);
    for (let c = 0; c < STRIDE; c++)
      if (rows.cells[at + c] !== expected[c]) {
        out.push(`${shard.id}: row [${[...rows.cells.subarray(at, at + STRIDE)].join(', ')}], lists say [${expected.join(', ')}]`);
        break;
      }
  }
  return out;
}

function newReplicaRows(shards: number): ReplicaRows {
  return { builtFrom: new Array<undefined>(2 * shards).fill(undefined), cells: new Int32Array(shards * STRIDE) };
}

function build(rows: ReplicaRows, shard: ShardRow): void {
  rows.cells.set(expectedRow(shard), shard.index * STRIDE);
  rows.builtFrom[2 * shard.index] = shard.replicas;
  rows.builtFrom[2 * shard.index + 1] = shard.voters;
}

function expectedRow(shard: ShardRow): number[] {
  const row = new Array<number>(STRIDE).fill(-1);
  const replicas = shard.replicas;
  row[COUNT] = replicas.length > MAX ? TOO_MANY : replicas.length;
  row[VOTERS_INSIDE] = shard.voters.every((v) => replicas.includes(v)) ? 1 : 0;
  if (replicas.length <= MAX) for (let k = 0; k < replicas.length; k++) row[FIRST + k] = replicas[k];
  return row;
}

/** Replicas a row holds; a shard with more (a copy being added at RF 5, say) is read through its lists. */
const MAX = 6;
const STRIDE = 8;
const COUNT = 0;
const VOTERS_INSIDE = 1;
const FIRST = 2;
const TOO_MANY = -1;
