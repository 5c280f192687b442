import {
  nodeRecoveryMark,
  replicaStateOf,
  shardCode,
  type NodeRecoveryMark,
  type ShardRecoveryState,
} from '../model/shard-codes';
import type { ShardState } from '../types';
import { corruptionAt } from './corruption-state';
import { holders, liveReach, majorityOf, quorumOf, roleOf, type Reach } from './quorum';
import { keptShardCodes, recomputedLastCall } from './shard-codes-cache';
import { nodeRecoveryView } from './recovery-view';
import { isUp, type World } from './world';
import type { ShardRow } from './rows';

/**
 * Every shard's code (model/shard-codes.ts) in scenario order, as a new array the caller may keep or transfer. Kept
 * up to date from what changed since the last call on this world (shard-codes-cache.ts): at 100,000 shards a frame
 * re-derives the few shards a write, a copy or a role change touched, not every one. Always equal to
 * recomputeShardStateCodes (shard-codes-incremental.test.ts).
 */
export function shardStateCodes(w: World): Uint8Array {
  return keptShardCodes(w, codeContext, codeOfShard).slice();
}

/** The kept codes themselves, up to date (read only: the next call changes them in place). */
export function currentShardCodes(w: World): Uint8Array {
  return keptShardCodes(w, codeContext, codeOfShard);
}

/** How many shards the last shardStateCodes() call on this world re-derived (a measure of work, for tests). */
export function shardCodesRecomputedLastCall(w: World): number {
  return recomputedLastCall(w);
}

/**
 * Every shard's code by a full pass, straight from the rows: no ShardView is built. Per-node and per-corruption facts
 * are gathered once; per shard the work is its replica list and its write quorum. Agrees with buildState() shard
 * for shard (shard-codes-view.test.ts). The definition the kept codes are checked against.
 */
export function recomputeShardStateCodes(w: World): Uint8Array {
  const codes = new Uint8Array(w.shards.length);
  const context = codeContext(w);
  for (let i = 0; i < w.shards.length; i++) codes[i] = codeOfShard(w, w.shards[i], context);
  return codes;
}

/** The per-node and per-corruption facts every shard's code reads, gathered once per pass. */
export interface CodeContext {
  reach: Reach;
  up: Uint8Array;
  marks: NodeRecoveryMark[];
  knownCorrupt: ReadonlySet<number>;
  calm: boolean;
}

export function codeContext(w: World): CodeContext {
  return {
    reach: liveReach(w),
    up: Uint8Array.from(w.nodes, (n) => (isUp(n) ? 1 : 0)),
    marks: w.nodes.map((n) => nodeRecoveryMark(nodeRecoveryView(w, n))),
    knownCorrupt: knownCorruptShards(w),
    calm: w.network.cutCount === 0 && w.corruption.known.size === 0,
  };
}

export function codeOfShard(w: World, s: ShardRow, c: CodeContext): number {
  let live = 0;
  for (const r of s.replicas) live += c.up[r];
  const state = (s.machine ? s.machine.value : 'healthy') as ShardState;
  const replica = replicaStateOf(state, live, w.replicationFactor);
  const write = c.calm && plainlyWritable(w, s, c.up) ? 'writable' : quorumOf(w, s, c.reach).state;
  return shardCode(replica, write, recoveryOf(w, s, c.marks, c.knownCorrupt));
}

/**
 * quorumOf's 'writable' answer for the common case, without its allocations: no cut links and no known corruption
 * (checked by the caller), a primary that is up, no divergent copy and no promise to a later term, and a majority of
 * voters up and at the shard's LSN (a caught-up voter is never refused as amnesiac or catching up). Anything else
 * goes to quorumOf itself, so the answer is always quorumOf's.
 */
function plainlyWritable(w: World, s: ShardRow, up: Uint8Array): boolean {
  // Leaderless: the write consistency level decides, not a primary's voters (quorumOf's leaderless answer).
  if (w.params.replication === 'leaderless') return false;
  if (s.primary === null || up[s.primary] === 0) return false;
  if ((s.divergent !== null && s.divergent.size > 0) || (s.promised !== null && s.promised.size > 0)) return false;
  let accepting = 0;
  for (const v of s.voters) if ((v === s.primary || up[v] === 1) && w.nodes[v].disk.get(s.index) === s.lsn) accepting++;
  return accepting >= majorityOf(s.voters.length);
}

function recoveryOf(w: World, s: ShardRow, marks: readonly NodeRecoveryMark[], knownCorrupt: ReadonlySet<number>): ShardRecoveryState {
  if (w.corruption.inconsistent.has(s.index)) return 'inconsistent';
  if (knownCorrupt.has(s.index)) return 'corrupt';
  let catchingUp = false;
  if (s.roles !== null) {
    // Roles away from the default are few; holders() is only worth building for a shard that has one catching up.
    for (const role of s.roles.values()) if (role === 'catchingUp') catchingUp = true;
    if (catchingUp) catchingUp = holders(w, s).some((r) => roleOf(s, r) === 'catchingUp');
  }
  for (const r of s.replicas) {
    if (marks[r] === 'recovering') return 'recovering';
    if (marks[r] === 'catchingUp') catchingUp = true;
  }
  return catchingUp ? 'catchingUp' : 'none';
}

/** Shards with a copy cp knows is corrupt and that still is (on disk or removed and awaiting deletion). */
function knownCorruptShards(w: World): Set<number> {
  const out = new Set<number>();
  for (const [node, known] of w.corruption.known) for (const shard of known.keys()) if (corruptionAt(w.corruption, node, shard)) out.add(shard);
  return out;
}
