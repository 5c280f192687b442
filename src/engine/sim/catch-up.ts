import type { CatchUpSplit } from '../recovery-types';
import type { Scheduled } from './event-queue';
import { abandonCatchUp, catchUpJobOf, enqueueJob, NO_FAILOVER, pumpCopies } from './migrator';
import { announceReintegrated, historyHeld, holders, stepDownAmnesiac } from './quorum';
import { catchUpSplitOf, emptySplit, settleCatchUp } from './catch-up-state';
import { isRejoining } from './rejoining-copies';
import { fmtMs, formatBytes, healthOf, isUp, listSome, record, schedule, type NodeRow, type ShardRow, type SimEvent, type World } from './world';

/**
 * Reintegration from peers (design recovery-repair.md §5.2–§5.3): how a replica that came back behind its shard
 * — or holding writes the shard's history does not — is brought in line, and what that costs.
 *
 * For each shard of a returning node, in this order:
 * - discard: re-homed elsewhere meanwhile (rejoin.ts, the profile's rule);
 * - truncate: it holds writes the current history lacks (a former primary's tail, an emergency repair's
 *   rollback): cut above the common point, the discarded LSNs listed (MongoDB's rollback file, ZooKeeper TRUNC);
 * - log tail: the source's log still holds the gap (`lsn ≥ logFirstLsn − 1`): Raft AppendEntries, ZooKeeper DIFF,
 *   Ceph log-based recovery; costs `rtt + missed × recordBytes / catchUpBytesPerSec`;
 * - snapshot: past the log's start: a copy job through the migrator's slots and rate (Raft InstallSnapshot,
 *   ZooKeeper SNAP, Ceph backfill); costs `shardSizeBytes / rate + tail`.
 *
 * The amnesia rule (§5.2): a replica whose replay ended below what it had acknowledged before its crash is
 * amnesiac until a catch-up brings it past that point; meanwhile it does not vote (quorum/isolation.ts).
 */

/** One log record on the wire: header plus a write's payload. */
export function walRecordBytes(w: World): number {
  return w.params.walRecordHeaderBytes + w.params.walWriteBytes;
}

/** The oldest entry the shard's log keeps by its retention alone: `max(1, lsn − logRetainEntries + 1)`; 0 keeps all. */
export function retainedFirstLsn(w: World, shard: ShardRow): number {
  const keep = w.params.logRetainEntries;
  return keep <= 0 ? 1 : Math.max(1, shard.lsn - keep + 1);
}

/** When the shard's primary last heard from this replica: when it went away, if it came back, else its last heartbeat. */
function heardAtMs(w: World, node: NodeRow): number {
  return w.catchUp.awaySinceMs.get(node.index) ?? (isUp(node) ? node.lastHeartbeatAtMs : (node.crashedAtMs ?? node.lastHeartbeatAtMs));
}

export interface LogReach {
  /** The oldest entry the log still holds: retention, lowered by the truncation hold. */
  firstLsn: number;
  retainedFirstLsn: number;
  /** The hold kept entries the retention alone would have dropped, for this replica. */
  heldForReplica: boolean;
}

/**
 * How far back the shard's log reaches for this replica. The primary does not truncate past a replica it heard
 * from within `logTruncationHoldMs` (CockroachDB's 10 s): it keeps the entries after that replica's position as
 * it last knew it (what the replica had acknowledged before a crash, if it crashed).
 */
export function logReachFor(w: World, shard: ShardRow, node: NodeRow): LogReach {
  const retained = retainedFirstLsn(w, shard);
  let first = retained;
  let heldForReplica = false;
  const hold = w.params.logTruncationHoldMs;
  if (retained > 1 && hold > 0) {
    for (const r of holders(w, shard)) {
      if (r === shard.primary) continue;
      const peer = w.nodes[r];
      if (w.nowMs - heardAtMs(w, peer) > hold) continue;
      const known = (r === node.index ? peer.heldAtCrash?.get(shard.index) : undefined) ?? peer.disk.get(shard.index) ?? 0;
      if (known + 1 < first) {
        first = known + 1;
        if (r === node.index) heldForReplica = true;
      }
    }
  }
  return { firstLsn: first, retainedFirstLsn: retained, heldForReplica };
}

/** What a replica's catch-up will do, from what its source's log holds now. */
export interface CatchUpKind {
  /** LSNs above the common point it must drop first, or null. */
  truncate: { firstLsn: number; lastLsn: number } | null;
  /** Where it stands after any truncation. */
  fromLsn: number;
  missed: number;
  how: 'none' | 'logTail' | 'snapshot';
  reach: LogReach;
}

export function classifyCatchUp(w: World, shard: ShardRow, node: NodeRow): CatchUpKind {
  const lsn = node.disk.get(shard.index) ?? 0;
  const common = Math.min(historyHeld(w, shard, node.index) ?? 0, shard.lsn);
  const truncate = lsn > common ? { firstLsn: common + 1, lastLsn: lsn } : null;
  const fromLsn = Math.min(lsn, common);
  const missed = shard.lsn - fromLsn;
  const reach = logReachFor(w, shard, node);
  const how = missed <= 0 ? 'none' : fromLsn >= reach.firstLsn - 1 ? 'logTail' : 'snapshot';
  return { truncate, fromLsn, missed: Math.max(0, missed), how, reach };
}

/** The log-tail formula, filled in: `rtt + missed × recordBytes / catchUpBytesPerSec`. */
export function logTailCost(w: World, source: NodeRow, node: NodeRow, missed: number) {
  const rttMs = 2 * w.network.latencyMs(source.id, node.id);
  const recordBytes = walRecordBytes(w);
  const bytesPerSec = w.params.catchUpBytesPerSec;
  const ms = rttMs + (missed * recordBytes * 1000) / bytesPerSec;
  return { rttMs, recordBytes, bytesPerSec, ms };
}

const splitOf = (w: World, node: NodeRow): CatchUpSplit => catchUpSplitOf(w, node.index);

// ------------------------------------------------------------ one replica (quorum's hook)

/**
 * A lagging replica hears its source (quorum/catch-up.ts): truncate what the history lacks, then fetch the rest
 * from the log or by snapshot. Returns the log tail's pending completion, or null when a snapshot copy job
 * carries the catch-up or nothing was left to fetch (then the replica is settled here, its marker removed).
 */
export function startShardCatchUp(w: World, shard: ShardRow, node: NodeRow, source: NodeRow): Scheduled<SimEvent> | null {
  const plan = classifyCatchUp(w, shard, node);
  const split = splitOf(w, node);
  if (plan.truncate) truncateReplica(w, shard, node, plan.truncate, split);
  if (plan.how === 'none') {
    // The truncation left exactly the shard's history: nothing to fetch.
    shard.catchUps?.delete(node.index);
    const settled = settleCatchUp(w, node.index, shard.index);
    record(w, node.id, 'replica.caughtUp', `${node.id} holds ${shard.id}'s history (LSN ${shard.lsn}) once truncated: nothing to fetch.`, 'info', {
      shard: shard.id,
      node: node.id,
      lsn: shard.lsn,
      fetched: 0,
    });
    if (settled.lastOfNode) announceReintegrated(w, node);
    // A returning copy the router does not list yet was judged before this truncation (still "behind"); now it holds
    // the history, but nothing else may bring the shard up again (no write, no election). Without another look it
    // would wait for ever, its node REJOINING and the shard short (the outside oracle's seed 321117406).
    if (isRejoining(w, shard.index, node.index)) schedule(w, w.nowMs, { type: 'shard.refresh', shard: shard.index });
    return null;
  }
  if (plan.how === 'logTail') {
    const cost = logTailCost(w, source, node, plan.missed);
    w.catchUp.logEntries += plan.missed;
    split.logTail++;
    split.logEntries += plan.missed;
    const held = plan.reach.heldForReplica
      ? ` It keeps ${w.params.logRetainEntries} entries, but the truncation hold (${fmtMs(w.params.logTruncationHoldMs)}) kept them for ${node.id}, heard from ${fmtMs(w.nowMs - heardAtMs(w, node))} ago.`
      : '';
    record(
      w,
      node.id,
      'catchup.logTail',
      `${node.id} catches up on ${shard.id} from ${source.id}'s log: ${plan.missed} missed entr${plan.missed === 1 ? 'y' : 'ies'} ` +
        `(LSN ${plan.fromLsn + 1}–${shard.lsn}) × ${cost.recordBytes} B at ${formatBytes(cost.bytesPerSec)}/s + a ${cost.rttMs} ms round trip = ` +
        `${cost.ms.toFixed(cost.ms < 10 ? 2 : 0)} ms. The log reaches back to LSN ${plan.reach.firstLsn}.${held}`,
      'detail',
      { node: node.id, shard: shard.id, source: source.id, fromLsn: plan.fromLsn, toLsn: shard.lsn, missed: plan.missed, ...cost, logFirstLsn: plan.reach.firstLsn },
    );
    return schedule(w, w.nowMs + Math.ceil(cost.ms), { type: 'replica.caughtUp', shard: shard.index, node: node.index });
  }
  w.catchUp.snapshotBytes += w.shardSizeBytes;
  split.snapshot++;
  split.snapshotBytes += w.shardSizeBytes;
  record(
    w,
    node.id,
    'catchup.snapshot',
    `${node.id} is ${plan.missed} write(s) behind on ${shard.id} (at LSN ${plan.fromLsn}), but the log only reaches back to LSN ` +
      `${plan.reach.firstLsn} (it keeps ${w.params.logRetainEntries} entries; ${node.id} was last heard from ` +
      `${fmtMs(w.nowMs - heardAtMs(w, node))} ago, past the ${fmtMs(w.params.logTruncationHoldMs)} truncation hold): it needs a ` +
      `snapshot (${formatBytes(w.shardSizeBytes)}) and then the log tail, copied by the migrator like any replica (Raft InstallSnapshot).`,
    'detail',
    { node: node.id, shard: shard.id, fromLsn: plan.fromLsn, toLsn: shard.lsn, logFirstLsn: plan.reach.firstLsn, bytes: w.shardSizeBytes },
  );
  enqueueJob(w, shard, node.index, NO_FAILOVER, true);
  pumpCopies(w);
  return null;
}

/** The replica drops its writes above the common point (they are not the shard's history), listing them. */
function truncateReplica(w: World, shard: ShardRow, node: NodeRow, cut: { firstLsn: number; lastLsn: number }, split: CatchUpSplit): void {
  const keep = cut.firstLsn - 1;
  node.disk.set(shard.index, keep);
  if ((node.disk.held(shard.index) ?? 0) > keep) node.disk.setHeld(shard.index, keep);
  if ((node.ckpt.get(shard.index) ?? 0) > keep) node.ckpt.set(shard.index, keep);
  const rolledBack = shard.divergent?.delete(node.index) ?? false;
  if (shard.divergent?.size === 0) shard.divergent = null;
  split.truncated++;
  const discarded = cut.lastLsn - keep;
  record(
    w,
    node.id,
    'replica.truncated',
    `${node.id} holds ${discarded} write(s) of ${shard.id} that its history does not have (LSN ${cut.firstLsn}–${cut.lastLsn}` +
      `${rolledBack ? ', rolled back by the emergency repair' : ''}): it truncates its copy to LSN ${keep}, the common point, and ` +
      `keeps the discarded LSNs aside (as MongoDB writes a rollback file).`,
    'warn',
    { node: node.id, shard: shard.id, firstLsn: cut.firstLsn, lastLsn: cut.lastLsn, discarded, keptLsn: keep },
  );
}

/** quorum's cancel: an operator rewrote the shard while its snapshot catch-up ran. */
export function cancelSnapshotCatchUp(w: World, shard: ShardRow, node: number): void {
  const job = catchUpJobOf(w, shard.index, node);
  if (job) abandonCatchUp(w, job);
}

// ------------------------------------------------------------ one returning node

/**
 * The node serves again after its local recovery (node-lifecycle.ts): remember when it went away (the log
 * truncation hold counts from there), flag the replicas its replay left below what they had acknowledged
 * (amnesiac, §5.2), note which shards it must catch up on, and tell the plan. Its primaries start at once (it is
 * their replica and voter); a copy cp dropped from placement while it was DEAD waits for the resync handshake
 * (rejoin.ts), where cp keeps it or discards it as re-homed.
 */
export function beginCatchUp(w: World, node: NodeRow): void {
  w.catchUp.awaySinceMs.set(node.index, node.crashedAtMs ?? node.lastHeartbeatAtMs);
  w.catchUp.splits.set(node.index, emptySplit());
  flagAmnesia(w, node);
  const pending = new Set<number>();
  for (const [s, lsn] of node.disk) {
    const shard = w.shards[s];
    if (lsn !== shard.lsn || shard.divergent?.has(node.index)) pending.add(s);
  }
  for (const s of w.catchUp.amnesiac.get(node.index)?.keys() ?? []) pending.add(s);
  // A primary that came back behind its shard's acknowledged writes, or with a hole in them (divergent), does not
  // lead on (a restarted Raft node is a follower): otherwise it would take writes, and answer reads as fresh,
  // without writes it had acknowledged. Leaderless: there is no primary to step down (design recovery-repair.md §7.1).
  if (w.params.replication !== 'leaderless')
    for (const s of pending) {
      const shard = w.shards[s];
      const divergentFrom = shard.divergent?.get(node.index) ?? null;
      if (shard.primary === node.index && ((node.disk.get(s) ?? 0) < shard.lsn || divergentFrom !== null))
        stepDownAmnesiac(w, shard, shard.lsn, divergentFrom);
    }
  if (pending.size > 0) w.catchUp.pending.set(node.index, pending);
  else {
    w.catchUp.pending.delete(node.index);
    w.catchUp.awaySinceMs.delete(node.index);
  }
  planReturn(w, node);
  // Nothing to fetch: the way back ends here.
  if (pending.size === 0 && node.disk.size > 0) announceReintegrated(w, node);
}

function flagAmnesia(w: World, node: NodeRow): void {
  if (!node.heldAtCrash) return;
  const flagged = w.catchUp.amnesiac.get(node.index) ?? new Map<number, number>();
  const lost: string[] = [];
  let writes = 0;
  for (const [s, held] of node.heldAtCrash) {
    const lsn = node.disk.get(s);
    const shard = w.shards[s];
    const bar = Math.min(held, shard.lsn);
    if (lsn === undefined || lsn >= bar) continue;
    // Still amnesiac from an earlier return: the older (higher) promise stands.
    if ((flagged.get(s) ?? 0) < bar) flagged.set(s, bar);
    lost.push(`${shard.id} at LSN ${lsn} of ${bar}`);
    writes += bar - lsn;
  }
  if (flagged.size === 0) return;
  w.catchUp.amnesiac.set(node.index, flagged);
  if (lost.length === 0) return;
  record(
    w,
    node.id,
    'replica.amnesiac',
    `${node.id} came back behind what it had acknowledged before its crash: ${listSome(lost)} ` +
      `(${writes} acknowledged write(s) its replay did not bring back). It is amnesiac on ${lost.length} shard(s): ` +
      (w.params.replication === 'leaderless'
        ? 'it stays flagged there until it takes their writes again past that point.'
        : 'it neither votes nor serves fresh reads there until it has caught up past them, or it could help elect a primary without those writes.'),
    'warn',
    { node: node.id, shards: lost.length, writes },
  );
}

/**
 * `catchup.planned`: the split of a returning node's shards, from what the logs hold now (what each shard's own
 * entry then does may differ if the logs move on before it starts). Copies re-homed meanwhile are discarded later,
 * at the resync handshake (rejoin.ts counts them in the node's split).
 */
export function planReturn(w: World, node: NodeRow): void {
  let upToDate = 0;
  let logTail = 0;
  let logEntries = 0;
  let snapshot = 0;
  let truncated = 0;
  for (const s of node.disk.keys()) {
    const shard = w.shards[s];
    const plan = classifyCatchUp(w, shard, node);
    if (plan.truncate) truncated++;
    if (plan.how === 'none') upToDate++;
    else if (plan.how === 'logTail') {
      logTail++;
      logEntries += plan.missed;
    } else snapshot++;
  }
  if (node.disk.size === 0) return;
  const dead = healthOf(node) === 'DEAD';
  const waitNote = dead ? ` cp still holds ${node.id} DEAD: copies it re-homed meanwhile are discarded at the resync handshake.` : '';
  if (upToDate === node.disk.size) {
    record(w, node.id, 'catchup.planned', `${node.id} missed nothing: its ${upToDate} shard(s) are up to date.${waitNote}`, 'info', {
      node: node.id, upToDate, logTail: 0, logEntries: 0, snapshot: 0, snapshotBytes: 0, truncated: 0, discarded: 0,
    });
    return;
  }
  const parts = [
    upToDate > 0 ? `${upToDate} up to date` : '',
    truncated > 0 ? `${truncated} to truncate first (writes its shard's history does not have)` : '',
    logTail > 0 ? `${logTail} shard(s) from ${w.params.replication === 'leaderless' ? "a peer's" : "the primary's"} log (${logEntries} entries)` : '',
    snapshot > 0 ? `${snapshot} shard(s) by snapshot (${formatBytes(snapshot * w.shardSizeBytes)}: the log no longer reaches back)` : '',
  ].filter(Boolean);
  record(
    w,
    node.id,
    'catchup.planned',
    `${node.id} catches up on what it missed: ${parts.join(', ')}.${waitNote}`,
    'info',
    { node: node.id, upToDate, logTail, logEntries, snapshot, snapshotBytes: snapshot * w.shardSizeBytes, truncated, discarded: 0 },
  );
}

/** rejoin.ts: the node's copy of the shard was discarded (re-homed meanwhile): nothing left to catch up there. */
export function forgetCatchUp(w: World, node: NodeRow, shard: number): void {
  if (!w.catchUp.pending.get(node.index)?.has(shard)) return;
  if (settleCatchUp(w, node.index, shard).lastOfNode && node.disk.size > 0) announceReintegrated(w, node);
}

/** rejoin.ts: copies dropped because their shard was re-homed while the node was away. */
export function noteDiscarded(w: World, node: NodeRow, count: number): void {
  splitOf(w, node).discarded += count;
}
