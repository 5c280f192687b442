import { linked } from './reach';
import { holders } from './roles';
import { schedule, unschedule, type NodeRow, type ShardRow, type World } from '../world';

/** Replicas behind the shard's acknowledged writes backfill, each with one pending catch-up on the clock. */

/** Backfill speed: a fixed set-up cost plus a little per missed write. */
function catchUpMs(w: World, missed: number): number {
  return w.params.controlPlaneStepMs + 10 * missed;
}

/**
 * Where a lagging replica backfills from: the primary; with no primary, any
 * replica it reaches that holds every acknowledged write (that log is
 * committed, so copying it is safe, and it lets re-homed replicas become
 * voters and a majority form again).
 */
export function catchUpSource(w: World, shard: ShardRow, node: NodeRow): NodeRow | null {
  if (shard.primary !== null) {
    const primary = w.nodes[shard.primary];
    return linked(w, primary, node) ? primary : null;
  }
  for (const r of shard.replicas) {
    const peer = w.nodes[r];
    if (peer !== node && peer.disk.get(shard.index) === shard.lsn && !shard.divergent?.has(r) && linked(w, peer, node)) return peer;
  }
  return null;
}

export function startCatchUps(w: World, shard: ShardRow): void {
  for (const r of holders(w, shard)) {
    if (r === shard.primary) continue;
    const node = w.nodes[r];
    if (catchUpSource(w, shard, node) === null) continue;
    // Hearing the primary, it learns the current term.
    if (shard.primary !== null && shard.promised?.delete(r) && shard.promised.size === 0) shard.promised = null;
    const lsn = node.disk.get(shard.index) ?? 0;
    if (lsn === shard.lsn && !shard.divergent?.has(r)) continue;
    if (shard.catchUps?.has(r)) continue;
    const due = schedule(w, w.nowMs + catchUpMs(w, Math.abs(shard.lsn - lsn)), { type: 'replica.caughtUp', shard: shard.index, node: r });
    (shard.catchUps ??= new Map()).set(r, due);
  }
}

/** An operator rewrote the shard (emergency repair): the backfills under way are taken off the clock. */
export function cancelCatchUps(w: World, shard: ShardRow): void {
  for (const due of shard.catchUps?.values() ?? []) unschedule(w, due);
  shard.catchUps = null;
}
