import { applyWrite, newShardDivergence } from '../../model/divergence';
import { hintWindowOpen, inHintWindow, storeHint } from '../hints';
import { knownStaleKey } from '../leaderless-state';
import { holders } from '../quorum';
import { appendPut } from '../wal-append';
import { isUp, listSome, record, type NodeRow, type ShardRow, type World } from '../world';
import { replicasNeeded, shortfallWords } from './consistency';
import { chooseCoordinator, reaches } from './coordinator';
import { drawKey } from './keys';
import { noteWriteCausality } from './siblings';

/**
 * A client write in leaderless mode (design recovery-repair.md §7.1): the coordinator sends it to every replica; it
 * is acknowledged once `writeConsistency` of them applied it (ANY: a stored hint counts). A replica that is down or
 * cut off from the coordinator misses it and holds the key stale (w.divergence, truth). With hinted handoff, and only
 * when the consistency level was met (Cassandra stores no hint otherwise), the coordinator keeps a hint for each
 * replica that missed it, within the hint window; with a sloppy quorum a stand-in node takes the missed replica's
 * copy as a hint instead and counts towards the level.
 *
 * The writeId is the shard's next LSN: a per-shard sequence standing for the write's timestamp (last writer wins).
 * `node.disk` keeps meaning "takes part in the shard's write stream": every running replica moves to the new LSN,
 * while what it actually holds key by key is the divergence record (🅂, so the LSN machinery sees no lag to backfill).
 */
export function leaderlessWrite(w: World, shard: ShardRow): void {
  const key = drawKey(w.random.get('workload:keys'), w.params);
  const rf = w.replicationFactor;
  const cl = w.params.writeConsistency;
  const coordinator = chooseCoordinator(w, shard);
  if (coordinator === null) {
    fail(w, shard, key, `no node the client reaches can coordinate it`, 'noCoordinator');
    return;
  }
  const owners = holders(w, shard);
  const reached: number[] = [];
  const missed: NodeRow[] = [];
  for (const r of owners) {
    const node = w.nodes[r];
    // A listed node whose disk is gone (destroyed, wiped) answers nothing and holds nothing to be stale.
    if (!node.disk.has(shard.index)) continue;
    if (reaches(w, coordinator, node)) reached.push(r);
    else missed.push(node);
  }
  // Sloppy quorum (Dynamo): each missed owner's copy goes to the next healthy node in ring order that holds no copy.
  const standIns = w.params.sloppyQuorum ? pickStandIns(w, shard, coordinator, owners, missed.length) : [];
  const hinting = w.params.hintedHandoff || w.params.sloppyQuorum;
  const answered = reached.length + standIns.length;
  // ANY: the coordinator's own hint is an answer, if it may keep one (hinted handoff on, window open for someone).
  const anyByHint = cl === 'ANY' && answered === 0 && hinting && missed.some((n) => inHintWindow(w, n));
  const met = answered >= replicasNeeded(cl, rf) || anyByHint;
  if (reached.length === 0 && !met) {
    fail(w, shard, key, shortfallWords(cl, rf, []), 'consistency');
    return;
  }
  const ids = (w.leaderless.lastWriteId ??= new Float64Array(w.shards.length));
  const writeId = Math.max(shard.lsn, ids[shard.index]) + 1;
  ids[shard.index] = writeId;
  shard.lsn = writeId;
  // Every running replica follows the shard's write stream (see above); the ones reached log the write.
  for (const r of owners) {
    const node = w.nodes[r];
    if (isUp(node) && node.disk.has(shard.index)) node.disk.set(shard.index, writeId);
  }
  for (const r of reached) appendPut(w, w.nodes[r], shard.index, writeId);
  noteWriteCausality(w, shard, key, writeId, reached, coordinator);
  applyToKeys(w, shard, key, writeId, reached, missed);
  // The coordinator has each reached replica's acknowledgement: it knows they now hold the newest version of the key.
  if (w.leaderless.knownStale.size > 0) forgetKnownStale(w, shard.index, key, reached);
  if (missed.length > 0)
    record(
      w,
      coordinator.id,
      'write.partial',
      `Write ${writeId} to key ${key} of ${shard.id} reached ${reached.length === 0 ? 'no replica' : listSome(reached.map((r) => w.nodes[r].id))}; ` +
        `${listSome(missed.map((n) => n.id))} missed it (${missed.map((n) => (isUp(n) ? 'cut off' : 'down')).join(', ')}) and now hold key ${key} stale.`,
      'detail',
      { shard: shard.id, key, writeId, coordinator: coordinator.id, missed: missed.map((n) => n.id) },
    );
  if (!met) {
    fail(w, shard, key, shortfallWords(cl, rf, reached.map((r) => w.nodes[r].id)), 'consistency', writeId);
    return;
  }
  if (hinting) {
    missed.forEach((target, i) => {
      if (!hintWindowOpen(w, target)) return;
      storeHint(w, standIns[i] ?? coordinator, target, shard.index, key, writeId);
    });
  }
  w.workload.writesAcked++;
  const recovered = shard.lastWriteOutcome !== null && shard.lastWriteOutcome !== 'ok';
  shard.lastWriteOutcome = 'ok';
  shard.failingSinceMs = null;
  const by = reached.map((r) => w.nodes[r].id);
  const standingIn =
    standIns.length > 0 ? `${listSome(standIns.map((n) => n.id))} standing in for ${listSome(missed.slice(0, standIns.length).map((n) => n.id))}` : null;
  const who = [by.length > 0 ? listSome(by) : null, standingIn].filter((part) => part !== null).join('; ');
  const via = anyByHint ? ' (a hint on the coordinator is its only copy)' : '';
  record(
    w,
    shard.id,
    'write.acked',
    (recovered ? `${shard.id} takes writes again: ` : '') +
      `Write ${writeId} to key ${key} of ${shard.id} is acknowledged at CL ${cl} by coordinator ${coordinator.id}: ` +
      `${answered} of ${rf} replica(s) answered${who !== '' ? ` (${who})` : ''}${via}.`,
    recovered ? 'info' : 'detail',
    { shard: shard.id, lsn: writeId, key, coordinator: coordinator.id },
  );
}

function applyToKeys(w: World, shard: ShardRow, key: number, writeId: number, reached: number[], missed: NodeRow[]): void {
  let div = w.divergence.byShard.get(shard.index);
  // A write every replica took, to a shard no replica differs on, changes nothing sparse.
  if (!div && missed.length === 0) return;
  if (!div) w.divergence.byShard.set(shard.index, (div = newShardDivergence()));
  w.divergence.staleKeysTruth += applyWrite(
    div,
    key,
    writeId,
    reached,
    missed.map((n) => n.index),
  );
  if (div.stale.size === 0) w.divergence.byShard.delete(shard.index);
}

/** Nodes outside the shard's replicas, after its last replica in node (ring) order, that are up and reached. */
function pickStandIns(w: World, shard: ShardRow, coordinator: NodeRow, owners: number[], count: number): NodeRow[] {
  const out: NodeRow[] = [];
  if (count === 0) return out;
  const start = owners.length > 0 ? Math.max(...owners) : 0;
  for (let i = 1; i <= w.nodes.length && out.length < count; i++) {
    const node = w.nodes[(start + i) % w.nodes.length];
    if (owners.includes(node.index) || !reaches(w, coordinator, node)) continue;
    out.push(node);
  }
  return out;
}

function fail(w: World, shard: ShardRow, key: number, why: string, outcome: string, writeId?: number): void {
  w.workload.writesFailed++;
  shard.failingSinceMs ??= w.nowMs;
  const first = shard.lastWriteOutcome !== outcome;
  shard.lastWriteOutcome = outcome;
  record(
    w,
    shard.id,
    'write.failed',
    `A write to key ${key} of ${shard.id} fails: ${why}.` +
      (writeId !== undefined ? ` The replicas it reached keep it (write ${writeId}): a failed write is not rolled back, and no hint is stored.` : '') +
      (first ? '' : ' (still)'),
    first ? 'warn' : 'detail',
    { shard: shard.id, reason: outcome, key },
  );
}

function forgetKnownStale(w: World, shard: number, key: number, reached: readonly number[]): void {
  for (const r of reached) w.leaderless.knownStale.delete(knownStaleKey(shard, r, key));
  w.divergence.counters.staleKeysKnown = w.leaderless.knownStale.size;
}
