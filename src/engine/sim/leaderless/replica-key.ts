import { KEY_NOT_MADE, type ShardRow, type World } from '../world';

/**
 * Each shard's replicas as a leaderless write reads them first (to pick its coordinator and the owners it sends to):
 * one small whole number kept on the shard's own row, `shard.replicaKey`, beside the fields the write reads anyway.
 *
 * Why: a client write picks its shard at random, so the shard's row is a cache miss, and every other table the write
 * looks the shard up in is one more. Read through the lists, the replicas are two more misses one after the other (the
 * list, then its elements). Kept in a table of their own they were still two (the table's row, and the lists it was
 * built from, to check it); on the row they cost none (bench case b, 340,000 writes a run).
 *
 * The key: each replica's node index + 1 in base 1,024, the first replica in the highest digit; 0 for no replica; −1
 * (NO_KEY) for a shard whose replicas the key cannot hold (more than three, a node index from 1,023 up) or that has a
 * voter outside its replicas. The write then reads the lists (holderList), as it would without a key.
 *
 * A cache, never the truth. The lists change only through setReplicas and setVoters (rows.ts: the fields are readonly,
 * so the compiler holds out every other write), which set the key back to KEY_NOT_MADE; it is made again from the
 * lists when next read. A copied row copies the lists and the key alike. The fault sweep checks every key made against
 * the lists (replicaKeyProblems), which also finds a list changed in place. Until the twenty-first session the row kept
 * the two lists the key was made from and compared them with its own at every write: four more words of a row every
 * write reads, and a cache line more in most rows (bench case b: ~9 % with the fields reordered, BENCHMARKS.md).
 */
export function replicaKeyOf(shard: ShardRow): number {
  if (shard.replicaKey === KEY_NOT_MADE) shard.replicaKey = expectedKey(shard);
  return shard.replicaKey;
}

/** How many replicas a key (≥ 0) holds. */
export function keyCount(key: number): number {
  return key >= DIGIT_2 ? 3 : key >= DIGIT_1 ? 2 : key > 0 ? 1 : 0;
}

/** The key's `k`-th replica (0 = the first in placement order) of `count`. */
export function keyReplica(key: number, count: number, k: number): number {
  return ((key >>> (KEY_BITS * (count - 1 - k))) & (KEY_BASE - 1)) - 1;
}

/** The key the shard's lists make now. */
export function expectedKey(shard: ShardRow): number {
  const replicas = shard.replicas;
  if (replicas.length > MAX_REPLICAS) return NO_KEY;
  for (const v of shard.voters) if (!replicas.includes(v)) return NO_KEY;
  let key = 0;
  for (let i = 0; i < replicas.length; i++) {
    if (!(replicas[i] >= 0 && replicas[i] < KEY_BASE - 1)) return NO_KEY;
    key = key * KEY_BASE + replicas[i] + 1;
  }
  return key;
}

/** Keys made that disagree with the shard's lists: a list changed in place, or given to the row past its setter. */
export function replicaKeyProblems(w: World): string[] {
  const out: string[] = [];
  for (const shard of w.shards) {
    if (shard.replicaKey === KEY_NOT_MADE) continue;
    const expected = expectedKey(shard);
    if (shard.replicaKey !== expected) out.push(`${shard.id}: key [${spelled(shard.replicaKey)}], lists say [${spelled(expected)}]`);
  }
  return out;
}

function spelled(key: number): string {
  if (key === NO_KEY) return 'none';
  const count = keyCount(key);
  return Array.from({ length: count }, (_, k) => keyReplica(key, count, k)).join(', ');
}

/** The key of a shard whose replicas the write reads from its lists. */
export const NO_KEY = -1;
/** Replicas a key holds: three digits of ten bits stay below 2^30, a small integer to V8. */
const MAX_REPLICAS = 3;
const KEY_BITS = 10;
const KEY_BASE = 1 << KEY_BITS;
const DIGIT_1 = KEY_BASE;
const DIGIT_2 = KEY_BASE * KEY_BASE;
