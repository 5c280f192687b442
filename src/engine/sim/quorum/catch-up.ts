import { sourceRefusal } from './isolation';
import { linked, respondsToCp } from './reach';
import { historyHeld } from './write-quorum';
import { holders } from './roles';
import { unschedule, type NodeRow, type ShardRow, type World } from '../world';

/**
 * Replicas behind the shard's acknowledged writes (or holding writes its history does not) catch up, each with
 * one pending catch-up. How — truncate, log tail, or a snapshot through the migrator — and at what cost is
 * decided a layer up (../catch-up.ts, design §5.3), reached through `w.hooks.startCatchUp`.
 */

/**
 * Where a lagging replica backfills from: the primary; with no primary, any
 * replica it reaches that holds every acknowledged write and may serve (that
 * log is committed, so copying it is safe, and it lets re-homed replicas
 * become voters and a majority form again).
 */
export function catchUpSource(w: World, shard: ShardRow, node: NodeRow): NodeRow | null {
  if (shard.primary !== null) {
    const primary = w.nodes[shard.primary];
    return linked(w, primary, node) ? primary : null;
  }
  for (const r of shard.replicas) {
    const peer = w.nodes[r];
    if (peer === node || peer.disk.get(shard.index) !== shard.lsn || sourceRefusal(w, shard, r) !== null) continue;
    if (linked(w, peer, node)) return peer;
  }
  return null;
}

/**
 * A divergent replica whose copy runs past the shard's history but holds all of it (its split point is at or above
 * the shard's LSN): truncating to the shard's LSN fetches nothing. It learns the history's end from cp, so it must
 * answer cp, and the shard must be one cp believes settled (no primary to ask, and nobody else to copy from).
 */
function truncatesAlone(w: World, shard: ShardRow, node: NodeRow): boolean {
  if (!shard.divergent?.has(node.index) || !respondsToCp(w, node)) return false;
  const lsn = node.disk.get(shard.index) ?? 0;
  return lsn > shard.lsn && (historyHeld(w, shard, node.index) ?? 0) >= shard.lsn;
}

export function startCatchUps(w: World, shard: ShardRow): void {
  for (const r of holders(w, shard)) {
    if (r === shard.primary) continue;
    const node = w.nodes[r];
    // A copy holding the whole history plus a tail it does not have needs nobody to drop that tail: with no source
    // (no primary, no caught-up peer) it truncates alone, and is then a source for the others.
    const source = catchUpSource(w, shard, node) ?? (truncatesAlone(w, shard, node) ? node : null);
    if (source === null) continue;
    // Hearing the primary, it learns the current term.
    if (shard.primary !== null && shard.promised?.delete(r) && shard.promised.size === 0) shard.promised = null;
    const lsn = node.disk.get(shard.index) ?? 0;
    if (lsn === shard.lsn && !shard.divergent?.has(r)) continue;
    if (shard.catchUps?.has(r)) continue;
    (shard.catchUps ??= new Map()).set(r, null);
    const due = w.hooks.startCatchUp(shard, node, source);
    // Nothing was left to fetch (a truncation brought it to the shard's LSN): it is caught up already.
    if (due === null && !shard.catchUps.has(r)) continue;
    shard.catchUps.set(r, due);
  }
  if (shard.catchUps?.size === 0) shard.catchUps = null;
}

/** An operator rewrote the shard (emergency repair): the backfills under way are taken off the clock. */
export function cancelCatchUps(w: World, shard: ShardRow): void {
  for (const [node, due] of shard.catchUps ?? []) {
    if (due === null) w.hooks.cancelSnapshotCatchUp(shard, node);
    else unschedule(w, due);
  }
  shard.catchUps = null;
}
