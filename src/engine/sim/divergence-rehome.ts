import { CORRUPT, copyReplica, corruptKeys, deliver, dropReplica, isStale, newShardDivergence, versionOf } from '../model/divergence';
import { forgetLostWrite } from './divergence-lost';
import type { World } from './world';

/**
 * Re-homing keeps key-level divergence true (design recovery-repair.md §7.2): a replica that leaves a shard takes its
 * stale keys with it, and a copy built from a source holds what the source holds, stale keys included. Low in sim/
 * (only the world and the pure model) so the migrator, rejoin, corruption and node wipes may all call it.
 */

/**
 * `node`'s copy of `shard` is gone (discarded, dropped, wiped). If it was the only replica holding a key's newest
 * write, that write is lost: recorded in LostWrites, and the newest version a remaining replica holds becomes the newest.
 */
export function forgetReplicaKeys(w: World, shardIndex: number, node: number): void {
  const div = w.divergence.byShard.get(shardIndex);
  if (!div) return;
  w.divergence.staleKeysTruth += dropReplica(div, node);
  w.leaderless.knownStale.forgetReplica(shardIndex, node);
  w.divergence.counters.staleKeysKnown = w.leaderless.knownStale.size;
  const shard = w.shards[shardIndex];
  const holders = shard.replicas.filter((r) => r !== node && w.nodes[r].disk.has(shardIndex));
  if (holders.length > 0) {
    for (const [key, writeId] of [...div.latest]) {
      if (writeId <= 0 || !holders.every((r) => isStale(div, r, key))) continue;
      // Only replicas that missed it remain: the write existed only on the copy that is gone (and perhaps in hints).
      w.divergence.staleKeysTruth += forgetLostWrite(div, key, holders);
      w.workload.writesLost++;
      w.workload.lostWrites.push({
        shard: shard.id,
        firstLsn: writeId,
        lastLsn: writeId,
        count: 1,
        atMs: w.nowMs,
        cause: `every replica that held write ${writeId} to key ${key} is gone`,
      });
    }
  }
  if (div.stale.size === 0) w.divergence.byShard.delete(shardIndex);
}

/** A copy of `shard` from `source` to `target` committed: the target holds exactly what the source held. */
export function copyReplicaKeys(w: World, shardIndex: number, source: number, target: number): void {
  const div = w.divergence.byShard.get(shardIndex);
  if (!div) return;
  w.divergence.staleKeysTruth += copyReplica(div, source, target);
  if (div.stale.size === 0) w.divergence.byShard.delete(shardIndex);
}

/**
 * `replica.corrupt` in leaderless mode (design §6.1, §11.8): `count` distinct keys of the replica, drawn from its own
 * stream `corrupt:<node>:<shard>`, become CORRUPT (truth); the corruption record keeps the replica-level truth.
 */
export function plantCorruptKeys(w: World, node: number, shardIndex: number, count: number): void {
  const stream = w.random.get(`corrupt:${w.nodes[node].id}:${w.shards[shardIndex].id}`);
  const space = Math.max(1, Math.floor(w.params.keysPerShard));
  const keys = new Set<number>();
  const want = Math.min(space, Math.max(1, count));
  while (keys.size < want) keys.add(stream.int(space));
  let div = w.divergence.byShard.get(shardIndex);
  if (!div) w.divergence.byShard.set(shardIndex, (div = newShardDivergence()));
  w.divergence.staleKeysTruth += corruptKeys(div, node, [...keys].sort((a, b) => a - b));
}

/**
 * `shard.repair` (ceph pg repair) in leaderless mode: the corrupt keys of `node`'s copy are rewritten from `source`'s
 * good copy, so each now holds the version the source holds (the newest, or the source's own stale one). Keys the
 * node merely missed are not touched: a pg repair fixes what fails its checksum, not what is out of date.
 */
export function rewriteCorruptKeys(w: World, shardIndex: number, node: number, source: number): void {
  const div = w.divergence.byShard.get(shardIndex);
  const held = div?.stale.get(node);
  if (!div || !held) return;
  for (const [key, version] of [...held]) {
    if (version !== CORRUPT) continue;
    w.divergence.staleKeysTruth += deliver(div, node, key, versionOf(div, source, key)).delta;
  }
  if (div.stale.size === 0) w.divergence.byShard.delete(shardIndex);
}
