import { PROFILES } from '../profiles';
import { CONTROL_PLANE } from '../types';
import { sendFailoverEvent } from './failover';
import { historyHeld, refreshShards } from './quorum';
import { addRejoining, isRejoining, removeRejoining } from './rejoining-copies';
import { activeCount, cancelJob, pumpCopies, replanWaitingShards } from './migrator';
import { forgetCatchUp, noteDiscarded } from './catch-up';
import { forgetCorruptionOfGoneCopy } from './corrupt-copies';
import { sendShardEvent } from './shard-events';
import { healthOf, isUp, listSome, record, schedule, setReplicas, unschedule, type NodeRow, type ShardRow, type World } from './world';

/**
 * A node the monitor had declared DEAD speaks again (REJOINING). Its disk may
 * still hold shards: those already re-homed elsewhere are stale and dropped;
 * those still missing a replica rejoin. The router lists a returning copy
 * again only once it holds every acknowledged write: a copy that missed
 * writes first backfills them (its role: catching up), and the node is ACTIVE
 * only when every copy it kept is listed again. So "caught up", "whole again"
 * and "resynced" are told at the moment the state shows them.
 */

export function beginResync(w: World, node: NodeRow): void {
  sendFailoverEvent(w, { type: 'node.rejoined', node: node.id });
  const stale: string[] = [];
  const keep: string[] = [];
  for (const [s] of [...node.disk]) {
    const shard = w.shards[s];
    if (shard.replicas.includes(node.index)) continue;
    if (surplus(w, shard, node)) {
      stale.push(shard.id);
      node.disk.delete(s);
      forgetCorruptionOfGoneCopy(w, node.index, s);
      forgetCatchUp(w, node, s);
    } else keep.push(shard.id);
  }
  cancelResync(w, node);
  noteDiscarded(w, node, stale.length);
  // The handshake with cp: a round trip and one control-plane step.
  const resyncMs = 2 * w.network.latencyMs(node.id, CONTROL_PLANE) + w.params.controlPlaneStepMs;
  const rule = w.scenario.profile ? PROFILES[w.scenario.profile] : null;
  node.resyncTimers.push(schedule(w, w.nowMs + resyncMs, { type: 'resync.done', node: node.index }));
  record(
    w,
    'monitor',
    'node.rejoining',
    `${node.id} is heard from again after being declared DEAD: REJOINING. ` +
      (stale.length > 0
        ? `${stale.length} copy(ies) on its disk are stale (already re-homed) and are discarded (${listSome(stale)})` +
          `${rule ? ` — ${rule.returnAfterRehome}` : ''}. `
        : '') +
      (keep.length > 0
        ? `${keep.length} shard(s) still need it and will catch up ${w.params.replication === 'leaderless' ? 'with their shards\' writes (keys it missed stay stale until hints or repair)' : 'from their primaries'} (${listSome(keep)})` +
          `${rule ? ` — ${rule.returnWithoutRehome}` : ''}.`
        : ''),
    'info',
    { node: node.id, stale: stale.length, catchUp: keep.length, profile: w.scenario.profile },
  );
}

/**
 * The resync handshake ended (or the node's last backfilling copy settled):
 * copies that hold every acknowledged write are listed again at once, the
 * others backfill first. With none left waiting, the node is ACTIVE.
 */
export function onResyncDone(w: World, nodeIndex: number): boolean {
  const node = w.nodes[nodeIndex];
  node.resyncTimers = node.resyncTimers.filter((t) => w.queue.isPending(t));
  if (healthOf(node) !== 'REJOINING') return false;
  const ready: ShardRow[] = [];
  const backfilling: ShardRow[] = [];
  for (const [s] of [...node.disk]) {
    const shard = w.shards[s];
    if (isRejoining(w, s, node.index)) continue;
    const verdict = judgeCopy(w, shard, node);
    if (verdict === 'surplus') {
      node.disk.delete(s);
      forgetCorruptionOfGoneCopy(w, node.index, s);
      noteDiscarded(w, node, 1);
      forgetCatchUp(w, node, s);
    } else if (verdict === 'ready') ready.push(shard);
    else if (verdict === 'behind') {
      addRejoining(w, s, node.index);
      backfilling.push(shard);
    }
  }
  w.nodesVersion++;
  if (ready.length > 0) {
    const ids = ready.map((s) => s.id);
    const lagging = ready.filter((s) => node.disk.get(s.index) !== s.lsn).map((s) => s.id);
    record(
      w,
      'router',
      'replica.reinstated',
      `${node.id} holds every acknowledged write of ${ready.length - lagging.length} shard(s) (${listSome(ids.filter((id) => !lagging.includes(id)))})` +
        (lagging.length > 0
          ? `, and of ${lagging.length} more (${listSome(lagging)}) the freshest copy left, though it lacks some acknowledged writes`
          : '') +
        `: the router lists it again for them.`,
      'info',
      { node: node.id, shards: ready.length, shardIds: ids },
    );
    for (const shard of ready) reinstate(w, shard, node);
  }
  if (backfilling.length > 0) {
    const missed = backfilling.reduce((n, shard) => n + Math.max(0, shard.lsn - (node.disk.get(shard.index) ?? 0)), 0);
    record(
      w,
      'monitor',
      'node.backfilling',
      `${node.id} missed ${missed} acknowledged write(s) on ${backfilling.length} shard(s) while it was away ` +
        `(${listSome(backfilling.map((s) => s.id))}). It backfills them first; the router lists each copy again once it ` +
        `has caught up, and ${node.id} stays REJOINING until all have.`,
      'info',
      { node: node.id, shards: backfilling.length, missed },
    );
    // Their backfills start now (quorum/catch-up.ts starts a catch-up for every copy that matters to the shard).
    refreshShards(
      w,
      backfilling.map((s) => s.index),
    );
  }
  if ((w.rejoining.byNode.get(node.index) ?? 0) === 0) w.hooks.resyncCompleted(node);
  replanWaitingShards(w, `cp knows which of ${node.id}'s copies return`);
  // A snapshot catch-up queued for it while cp still held it DEAD may start now.
  pumpCopies(w);
  return true;
}

/**
 * Called whenever a shard is brought in line with the facts (quorum/refresh.ts
 * `refreshShard`): a returning copy that has caught up is listed again, one
 * no longer needed is dropped. When a node's last such copy settles, its
 * resync ends (in an event of its own, so this never re-enters a refresh).
 */
export function settleRejoiningCopies(w: World, shard: ShardRow): void {
  const waiting = w.rejoining.byShard.get(shard.index);
  if (!waiting) return;
  for (const n of [...waiting]) {
    const node = w.nodes[n];
    // A crashed node's copy waits: cp learns of the crash from the silence, and then forgets it (abandonResync).
    if (!isUp(node)) continue;
    const verdict = judgeCopy(w, shard, node);
    if (verdict === 'behind') continue;
    if (verdict === 'surplus') {
      node.disk.delete(shard.index);
      forgetCorruptionOfGoneCopy(w, node.index, shard.index);
      noteDiscarded(w, node, 1);
      forgetCatchUp(w, node, shard.index);
    }
    if (verdict === 'ready') {
      record(
        w,
        'router',
        'replica.reinstated',
        node.disk.get(shard.index) === shard.lsn
          ? `${node.id}'s copy of ${shard.id} holds every acknowledged write (LSN ${shard.lsn}): the router lists it again.`
          : `${node.id}'s copy of ${shard.id} is the freshest left (LSN ${node.disk.get(shard.index) ?? 0} of ${shard.lsn}): ` +
            `the router lists it again, though it lacks some acknowledged writes.`,
        'info',
        { node: node.id, shard: shard.id, shards: 1, shardIds: [shard.id] },
      );
      reinstate(w, shard, node);
    }
    if (removeRejoining(w, shard.index, n) === 0) node.resyncTimers.push(schedule(w, w.nowMs, { type: 'resync.done', node: n }));
  }
}

/** A new handshake, or cp gave up on the node again: the resync steps still queued for it are taken off the clock. */
export function cancelResync(w: World, node: NodeRow): void {
  for (const timer of node.resyncTimers) unschedule(w, timer);
  node.resyncTimers = [];
}

/** cp gave up on the node again: its copies wait for the next time it returns. */
export function forgetRejoiningCopies(w: World, node: NodeRow): void {
  if (!w.rejoining.byNode.has(node.index)) return;
  for (const [s, nodes] of [...w.rejoining.byShard]) if (nodes.has(node.index)) removeRejoining(w, s, node.index);
}


// ------------------------------------------------------------ one copy

/** What to do with a returning copy the router does not list: drop it, list it, or let it backfill first. */
type Verdict = 'gone' | 'surplus' | 'ready' | 'behind';

function judgeCopy(w: World, shard: ShardRow, node: NodeRow): Verdict {
  if (!node.disk.has(shard.index) || shard.replicas.includes(node.index)) return 'gone';
  if (surplus(w, shard, node)) return 'surplus';
  return readyToList(w, shard, node) ? 'ready' : 'behind';
}

/** Holds every acknowledged write, or writes no listed replica has (then hiding it would only hide data). */
function readyToList(w: World, shard: ShardRow, node: NodeRow): boolean {
  if (shard.divergent?.has(node.index)) return false;
  return node.disk.get(shard.index) === shard.lsn || holdsNewerWrites(w, shard, node);
}

/** The shard has its replicas (or copies running towards them), and this copy holds nothing they lack. */
function surplus(w: World, shard: ShardRow, node: NodeRow): boolean {
  return shard.replicas.length + activeCount(w, shard) >= w.replicationFactor && !holdsNewerWrites(w, shard, node);
}

/**
 * Does the returning copy hold acknowledged writes that no replica the router
 * lists has? Then it must never be discarded as stale, whatever the replica count.
 * (A copy an emergency repair rolled back holds them only up to its split point.)
 */
function holdsNewerWrites(w: World, shard: ShardRow, node: NodeRow): boolean {
  const lsn = historyHeld(w, shard, node.index) ?? 0;
  return shard.replicas.every((r) => (historyHeld(w, shard, r) ?? -1) < lsn);
}

/** The router lists the copy again. It keeps the LSN it has; the primary streams new writes to it from now on. */
function reinstate(w: World, shard: ShardRow, node: NodeRow): void {
  const newer = holdsNewerWrites(w, shard, node);
  // A new list, not a push: replica-rows.ts trusts a list it has seen to stay as it was.
  setReplicas(shard, [...shard.replicas, node.index]);
  node.placed.add(shard.index);
  w.nodesVersion++;
  // The old replica is back, so a queued copy may now be surplus; a copy that holds acknowledged writes
  // nobody else has also displaces running copies (from staler sources) and, if need be, the stalest replica.
  while (shard.replicas.length + shard.jobs.length > w.replicationFactor) {
    const jobs = shard.jobs.map((id) => w.migrator.jobs.get(id)!);
    const extra = jobs.find((j) => j.phase === 'queued') ?? (newer ? jobs.find((j) => j.phase === 'snapshot') : undefined);
    if (!extra) break;
    cancelJob(w, extra);
  }
  if (newer && shard.replicas.length > w.replicationFactor) dropStalestReplica(w, shard, node.index);
  sendShardEvent(w, shard, { type: 'replica.reinstated', copies: shard.replicas.length, copying: activeCount(w, shard) });
}

/** Above RF after a fresher copy returned: the stalest other replica (never the primary) gives way. */
function dropStalestReplica(w: World, shard: ShardRow, keep: number): void {
  const lsnOf = (r: number) => w.nodes[r].disk.get(shard.index) ?? -1;
  const victims = shard.replicas.filter((r) => r !== keep && r !== shard.primary).sort((a, b) => lsnOf(a) - lsnOf(b));
  const victim = victims[0];
  if (victim === undefined) return;
  setReplicas(shard, shard.replicas.filter((r) => r !== victim));
  w.nodes[victim].placed.delete(shard.index);
  w.nodes[victim].disk.delete(shard.index);
  forgetCorruptionOfGoneCopy(w, victim, shard.index);
  record(
    w,
    'router',
    'replica.dropped',
    `${w.nodes[victim].id}'s copy of ${shard.id} (LSN ${lsnOf(victim)}) gives way to ${w.nodes[keep].id}'s, which holds ` +
      `acknowledged writes no other replica has.`,
    'info',
    { shard: shard.id, node: w.nodes[victim].id },
  );
}
