import { clearCorruption, corruptionAt, deleteQuarantined, isQuarantined, knownCorruptionAt } from './corruption-state';
import { forgetReplicaKeys } from './divergence-rehome';
import { listSome, record, schedule, type ShardRow, type World } from './world';

/**
 * The two places lower modules meet corruption (design recovery-repair.md §6.3): the migrator never streams from a
 * corrupt copy, and a shard back at RF deletes the corrupt copies it had removed. Low in sim/ so the migrator and
 * shard-events may call it; corruption.ts (higher) does the rest.
 */

/**
 * May this replica be a copy source? Not if cp knows it is corrupt. Not if it truly is, either: a copy reads its
 * source with checksums (HDFS and Ceph verify what they stream), so the first read fails, and that failure is a
 * detection, put on the clock for now (`corruption.copyRead`).
 */
export function corruptSourceRefused(w: World, node: number, shard: number): boolean {
  if (knownCorruptionAt(w.corruption, node, shard)) return true;
  if (!corruptionAt(w.corruption, node, shard)) return false;
  noteCopyRead(w, node, shard);
  return true;
}

/** A copy stream read a corrupt source: its checksums fail now (once per replica, however many copies tried it). */
export function noteCopyRead(w: World, node: number, shard: number): void {
  const key = `${node}:${shard}`;
  if (w.corruption.copyReadsPending.has(key)) return;
  w.corruption.copyReadsPending.add(key);
  schedule(w, w.nowMs, { type: 'corruption.copyRead', node, shard });
}

/** The shard is back at RF: the corrupt copies it had removed are deleted from their disks now, not before. */
export function deleteCorruptCopiesAtRf(w: World, shard: ShardRow): void {
  if (!w.corruption.quarantined.has(shard.index)) return;
  const nodes = deleteQuarantined(w.corruption, shard.index).map((n) => w.nodes[n].id);
  record(
    w,
    'cp',
    'replica.corruptDeleted',
    `${shard.id} has ${shard.replicas.length} good replicas again, so the corrupt copy on ${listSome(nodes)} is deleted ` +
      '(kept until now in case no good copy could be made, as HDFS does).',
    'info',
    { shard: shard.id, nodes },
  );
}

/**
 * A copy left its node's disk for good (discarded as stale at a resync, dropped above RF, wiped): its corruption,
 * truth and cp's belief, goes with it — no known-corrupt entry stays for a copy nobody holds. A removed corrupt copy
 * awaiting deletion (quarantined) is not this: it is still on the disk until its shard is back at RF.
 */
export function forgetCorruptionOfGoneCopy(w: World, node: number, shard: number): void {
  // Its stale keys (leaderless) go with it too (divergence-rehome.ts).
  forgetReplicaKeys(w, shard, node);
  if (isQuarantined(w.corruption, node, shard)) return;
  clearCorruption(w.corruption, node, shard);
}
