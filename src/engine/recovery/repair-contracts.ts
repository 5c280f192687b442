import type { NodeId, ShardId } from '../types';
import { record, type World } from '../sim/world';
import type { RepairSession } from '../sim/repair-state';
import type { DiffReport, ReplicaId } from './contracts';

/**
 * The Merkle half of the seed chapter's `ReplicaRepair` contract (design recovery-repair.md §11.7), with exercise 8's
 * extension: `CompareChecksums` (a full repair's comparison), `CompareChecksumsSince` (incremental: only writes after
 * the repaired watermark are in the trees) and `MarkRepaired`. As in contracts.ts, the engine does the work as session
 * steps (sim/anti-entropy.ts); a call answers from the session when its comparison or its mark is done, and is recorded
 * as one `api.call` entry (detail, actor = the coordinating node, `data: {api, method, args, result}`). Reading only.
 */
export interface MerkleRepair {
  CompareChecksums(replica: ReplicaId, range: KeyRange): DiffReport;
  CompareChecksumsSince(replica: ReplicaId, range: KeyRange, repairedAt: number): DiffReport;
  MarkRepaired(range: KeyRange, upTo: number): MarkAck;
}

/** A shard's key range as Merkle leaves (the whole shard: 0 … 2^D − 1). */
export type KeyRange = { shard: ShardId; firstLeaf: number; lastLeaf: number };
export type MarkAck = { shard: ShardId; from: number | null; repairedAt: number };

type MerkleCall = {
  api: 'ReplicaRepair';
  method: keyof MerkleRepair;
  args: Record<string, unknown>;
  result: DiffReport | MarkAck;
};

/** The diff between the session's coordinator and `peer`, as the session compared them. */
function diffOf(w: World, session: RepairSession, peer: number): DiffReport {
  const shard = w.shards[session.shard];
  const pair = session.pairs.find((p) => (p.a === session.coordinator && p.b === peer) || (p.b === session.coordinator && p.a === peer));
  const leaves = pair ? pair.differing[session.depth] : [];
  const keys = Math.ceil((leaves.length * w.params.keysPerShard) / 2 ** session.depth);
  // Both sides of this pair, whole trees or level by level.
  let hashes = 0;
  if (pair) {
    if (session.exchange === 'wholeTree') hashes = 2 * (2 ** (session.depth + 1) - 1);
    else {
      hashes = 2;
      for (let level = 0; level < session.depth; level++) hashes += 2 * 2 * pair.differing[level].length;
    }
  }
  return {
    shard: shard.id,
    depth: session.depth,
    differingLeaves: [...leaves],
    hashesExchanged: hashes,
    keys,
    bytes: keys * w.params.walWriteBytes,
    peer: w.nodes[session.coordinator].id,
    fromLsn: (session.scopeAfter ?? 0) + 1,
    toLsn: session.watermark,
    truncate: null,
  };
}

export function merkleRepair(w: World, session: RepairSession): MerkleRepair {
  const nodeIndex = (id: NodeId) => {
    const i = w.nodeIndexById.get(id);
    if (i === undefined) throw new Error(`no node ${id}`);
    return i;
  };
  return {
    CompareChecksums: (replica) => diffOf(w, session, nodeIndex(replica.node)),
    CompareChecksumsSince: (replica) => diffOf(w, session, nodeIndex(replica.node)),
    MarkRepaired: (range, upTo) => ({ shard: range.shard, from: w.repair.marks.get(session.shard)?.from ?? null, repairedAt: upTo }),
  };
}

function wholeShard(w: World, session: RepairSession): KeyRange {
  return { shard: w.shards[session.shard].id, firstLeaf: 0, lastLeaf: 2 ** session.depth - 1 };
}

function recordCall(w: World, session: RepairSession, call: MerkleCall, text: string): void {
  const caller = w.nodes[session.coordinator].id;
  record(w, caller, 'api.call', `${caller} calls ${call.api}.${call.method}${text}`, 'detail', call);
}

/** The comparison is done: one Compare call per other participant (Since, for an incremental session). */
export function callCompareChecksums(w: World, session: RepairSession): void {
  const api = merkleRepair(w, session);
  const range = wholeShard(w, session);
  for (const peer of session.participants) {
    if (peer === session.coordinator) continue;
    const replica: ReplicaId = { node: w.nodes[peer].id, shard: range.shard };
    const since = session.scopeAfter;
    const result = since === null ? api.CompareChecksums(replica, range) : api.CompareChecksumsSince(replica, range, since);
    const method = since === null ? 'CompareChecksums' : 'CompareChecksumsSince';
    const args = since === null ? { replica, range } : { replica, range, repairedAt: since };
    recordCall(
      w,
      session,
      { api: 'ReplicaRepair', method, args, result },
      `(${replica.node}'s ${range.shard}${since === null ? '' : `, writes after ${since}`}): ${result.hashesExchanged} hashes; ` +
        (result.differingLeaves.length === 0 ? 'no leaf differs.' : `leaves ${result.differingLeaves.join(', ')} differ: ${result.keys} keys to sync.`),
    );
  }
}

/** The session marked the shard repaired up to its watermark. */
export function callMarkRepaired(w: World, session: RepairSession, upTo: number): void {
  const range = wholeShard(w, session);
  const result = merkleRepair(w, session).MarkRepaired(range, upTo);
  recordCall(
    w,
    session,
    { api: 'ReplicaRepair', method: 'MarkRepaired', args: { range, upTo }, result },
    `(${range.shard}, up to ${upTo}): marked repaired${result.from === null ? '' : ` (was ${result.from})`}.`,
  );
}
