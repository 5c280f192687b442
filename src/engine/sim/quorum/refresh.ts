import { catchUpSource, startCatchUps } from './catch-up';
import { dropPrimary, electionPending, retryStalledElections, scheduleElection, sendPrimaryEvent, setPrimary } from './elections';
import { maybeHandBack } from './hand-over';
import { withNews } from './news';
import { electionOutlook } from './outlook';
import { forgetInformedLeaders, updateRoles } from './roles';
import { fillVacantVotes } from './voters';
import { noteFetched, settleCatchUp } from '../catch-up-state';
import { knownCorruptionAt } from '../corruption-state';
import { healthOf, record, type NodeRow, type ShardRow, type World } from '../world';

/** Brings shards in line with the facts after something changed: the one entry point the rest of sim/ calls. */

/** Shards that hold data on, or list, any of these nodes. */
export function shardsOfNodes(w: World, nodes: Iterable<NodeRow>): Set<number> {
  const out = new Set<number>();
  for (const n of nodes) {
    for (const s of n.placed) out.add(s);
    for (const s of n.disk.keys()) out.add(s);
  }
  return out;
}

export function refreshAllShards(w: World): void {
  withNews(w, () => {
    for (const shard of w.shards) refreshShard(w, shard);
    retryStalledElections(w);
  });
}

export function refreshShards(w: World, shards: Iterable<number>): void {
  withNews(w, () => {
    for (const s of shards) refreshShard(w, w.shards[s]);
    retryStalledElections(w);
  });
}

/**
 * Brings one shard's primary, catch-ups and roles in line with the facts:
 * demotes a primary cp gave up on, schedules elections, hands the role back
 * to a returning configured primary, starts backfills, and updates roles.
 */
export function refreshShard(w: World, shard: ShardRow): void {
  // First the router's list: a returning copy that has caught up is listed again before anything else reads it.
  if (w.rejoining.byShard.size > 0) w.hooks.settleRejoiningCopies(shard);
  // Leaderless (design recovery-repair.md §7.1): there is no primary to lose or elect. cp keeps `shard.primary` only
  // as the replica a token-aware driver tries first, silently; the write and read paths never consult it.
  if (w.params.replication === 'leaderless') keepPreferredReplica(w, shard);
  else if (shard.primary !== null) {
    const p = w.nodes[shard.primary];
    // A copy cp knows is corrupt never leads (invariant 5): it steps down until a repair rewrites it.
    const corrupt = knownCorruptionAt(w.corruption, p.index, shard.index) !== undefined;
    if (healthOf(p) === 'DEAD' || !p.disk.has(shard.index) || corrupt)
      dropPrimary(w, shard, `cp gave up on its primary ${p.id} (${healthOf(p) === 'DEAD' ? 'declared DEAD' : corrupt ? 'its copy is known corrupt' : 'its copy is gone'})`);
    else maybeHandBack(w, shard);
  }
  fillVacantVotes(w, shard);
  if (shard.primary === null && !electionPending(shard) && w.params.replication !== 'leaderless') {
    const stalled = w.quorum.stalledElections.has(shard.index);
    if (!stalled || electionOutlook(w, shard).possible) {
      w.quorum.stalledElections.delete(shard.index);
      scheduleElection(w, shard);
    }
  }
  startCatchUps(w, shard);
  forgetInformedLeaders(w, shard);
  updateRoles(w, shard);
  // The configuration was rewritten around the acting primary (replaceVoter): it is the configured one now.
  if (shard.primaryMachine?.value === 'appointed' && shard.primary === shard.configuredPrimary)
    sendPrimaryEvent(w, shard, { type: 'primary.configured' });
}

/**
 * Leaderless: `shard.primary` is only bookkeeping here — a replica that follows every write, for the LSN machinery
 * (a returning replica rejoins the write stream from it). It moves, silently, only when it stops qualifying.
 */
function keepPreferredReplica(w: World, shard: ShardRow): void {
  const qualifies = (r: number): boolean =>
    shard.replicas.includes(r) && healthOf(w.nodes[r]) !== 'DEAD' && w.nodes[r].disk.get(shard.index) === shard.lsn;
  if (shard.primary !== null && qualifies(shard.primary)) return;
  const next = shard.replicas.find(qualifies);
  if (next !== undefined) setPrimary(w, shard, next);
}

/** A log-tail catch-up's time is up: the replica holds the primary's log up to the shard's LSN. */
export function onReplicaCaughtUp(w: World, shardIndex: number, nodeIndex: number): boolean {
  const shard = w.shards[shardIndex];
  if (!shard.catchUps?.get(nodeIndex)) return false;
  const node = w.nodes[nodeIndex];
  if (catchUpSource(w, shard, node) === null || !node.disk.has(shardIndex)) {
    dropCatchUp(shard, nodeIndex);
    refreshShard(w, shard);
    return true;
  }
  completeCatchUp(w, shardIndex, nodeIndex, shard.lsn, 'the log tail', catchUpSource(w, shard, node)!.id);
  return true;
}

function dropCatchUp(shard: ShardRow, nodeIndex: number): void {
  shard.catchUps?.delete(nodeIndex);
  if (shard.catchUps?.size === 0) shard.catchUps = null;
}

/**
 * A catch-up ended (log tail, or a snapshot copy job's tail): the replica holds the shard's history up to `lsn`,
 * durably (🅂 the fetched entries count as in its log, an installed snapshot as its checkpoint). It leaves the
 * catching-up set and, past what it had acknowledged before its crash, is no longer amnesiac (§5.2).
 */
export function completeCatchUp(w: World, shardIndex: number, nodeIndex: number, lsn: number, how: string, sourceId: string): void {
  const shard = w.shards[shardIndex];
  const node = w.nodes[nodeIndex];
  dropCatchUp(shard, nodeIndex);
  noteFetched(w, nodeIndex, sourceId);
  const before = node.disk.get(shardIndex) ?? 0;
  if (shard.divergent?.delete(nodeIndex) && shard.divergent.size === 0) shard.divergent = null;
  node.disk.set(shardIndex, lsn);
  node.ckpt.set(shardIndex, Math.max(node.ckpt.get(shardIndex) ?? 0, lsn));
  node.disk.setHeld(shardIndex, lsn);
  const caughtUp = lsn === shard.lsn;
  const settled = caughtUp ? settleCatchUp(w, nodeIndex, shardIndex) : null;
  const amnesia = settled?.amnesiacBelow ?? null;
  record(
    w,
    node.id,
    'replica.caughtUp',
    (w.params.replication === 'leaderless'
      ? `${node.id} takes ${shard.id}'s writes again (LSN ${lsn}); in leaderless mode no log is replayed into it: the keys it missed stay stale until hints, read repair or repair bring them`
      : `${node.id} has caught up on ${shard.id} (LSN ${lsn}, ${Math.max(0, lsn - before)} write(s) fetched by ${how})`) +
      (amnesia === null ? '.' : `: ${pastAmnesia(lsn, amnesia)}, and ${w.params.replication === 'leaderless' ? 'answers reads' : 'votes'} again.`),
    'info',
    { shard: shard.id, node: node.id, lsn, fetched: Math.max(0, lsn - before) },
  );
  if (settled?.lastOfNode) announceReintegrated(w, node);
  refreshShard(w, shard);
}

/**
 * Why a replica that forgot acknowledged writes may vote again, as the state has it: it is past what it had
 * acknowledged, or (the shard's history was cut back below that: an unsafe repair, a restore) it holds all of it.
 */
function pastAmnesia(lsn: number, acknowledged: number): string {
  return lsn >= acknowledged
    ? `it is past LSN ${acknowledged}, which it had acknowledged before its crash`
    : `it holds the shard's whole history, which now ends below LSN ${acknowledged}, the most it had acknowledged before its crash`;
}

/**
 * The last phase of a node's way back (design §5.1): every replica it came back with holds its shard's history
 * again, so it votes and may serve and be a source on all of them. (B's `node.verified` says it serves again.)
 */
export function announceReintegrated(w: World, node: NodeRow): void {
  const split = w.catchUp.splits.get(node.index);
  const how = split
    ? [
        split.truncated > 0 ? `${split.truncated} truncated first` : '',
        split.logTail > 0 ? `${split.logTail} from the log (${split.logEntries} entries)` : '',
        split.snapshot > 0 ? `${split.snapshot} by snapshot` : '',
      ].filter(Boolean)
    : [];
  record(
    w,
    node.id,
    'node.reintegrated',
    `${node.id} has caught up on every replica it came back with (${node.disk.size} shard(s)` +
      (how.length > 0 ? `: ${how.join(', ')}` : '') +
      `): none is isolated any more, so it ${w.params.replication === 'leaderless' ? 'takes writes and answers reads' : 'votes'} on all of them again` +
      (healthOf(node) === 'ACTIVE' ? '.' : `; the router lists the copies cp dropped again once ${node.id}'s resync with cp ends.`),
    'info',
    { node: node.id, shards: node.disk.size, logTail: split?.logTail ?? 0, snapshot: split?.snapshot ?? 0, truncated: split?.truncated ?? 0 },
  );
}
