import type { RepairMode, RepairPreview } from '../types';
import { cancelCatchUps, cancelElection, historyHeld, holders, majorityOf, refreshShard, respondsToCp, setPrimary } from './quorum';
import { cancelJob, replanWaitingShards } from './migrator';
import { sendShardEvent } from './shard-events';
import { record, setReplicas, setVoters, setWaiting, type ShardRow, type World } from './world';

/**
 * Emergency repair (domain facts §1.4), an explicit operator action for a
 * shard that lost half or more of its voters. Every replica cp can reach
 * becomes a voter; unreachable voters are demoted; the freshest reachable
 * replica becomes primary. Acknowledged writes that only the unreachable
 * replicas held are given up, and the engine says exactly which.
 *
 * - unsafe_rollback: a shard with no reachable replica is left alone.
 * - unsafe_rollback_or_erase: such a shard is recreated empty on a reachable
 *   node, giving up all of its data.
 */

interface RepairPlan extends RepairPreview {
  shardRow: ShardRow;
  keepIdx: number[];
  primaryIdx: number;
}

function plan(w: World, shard: ShardRow, mode: RepairMode): RepairPlan {
  const ids = (list: number[]) => list.map((v) => w.nodes[v].id);
  const base = { shard: shard.id, mode, shardRow: shard, keeps: [], demotes: [], newPrimary: null, keepIdx: [], primaryIdx: -1 };
  const visibleVoters = shard.voters.filter((v) => respondsToCp(w, w.nodes[v]) && w.nodes[v].disk.has(shard.index));
  if (visibleVoters.length >= majorityOf(shard.voters.length)) {
    return {
      ...base,
      problem:
        `${shard.id} does not need repair: cp reaches ${visibleVoters.length} of its ${shard.voters.length} voters, ` +
        'a majority, so it can elect a primary on its own',
      writesLost: 0,
      rollbackToLsn: shard.lsn,
      erases: false,
      summary: 'Nothing to repair.',
    };
  }
  // All replicas count here, voting or not, plus any node that still has the data and answers cp.
  const candidates = new Set(holders(w, shard));
  for (const node of w.nodes) if (node.disk.has(shard.index)) candidates.add(node.index);
  // A copy an earlier repair rolled back still holds the shard's history up to its split point: it counts,
  // unless it split before the first write (then it holds nothing of the shard's history).
  const lsnOf = (v: number) => historyHeld(w, shard, v) ?? 0;
  const available = [...candidates]
    .filter((v) => respondsToCp(w, w.nodes[v]) && !(shard.divergent?.has(v) && lsnOf(v) === 0))
    .sort((a, b) => a - b);
  if (available.length === 0) {
    if (mode === 'unsafe_rollback')
      return {
        ...base,
        problem:
          `${shard.id} has no replica cp can reach, so unsafe_rollback leaves it alone; unsafe_rollback_or_erase would ` +
          `recreate it empty and lose all ${shard.lsn} acknowledged write(s)`,
        writesLost: 0,
        rollbackToLsn: shard.lsn,
        erases: false,
        summary: 'Beyond repair without erasing.',
      };
    const home = w.nodes.find((n) => respondsToCp(w, n));
    if (!home)
      return { ...base, problem: 'no node answers cp, so there is nowhere to recreate it', writesLost: 0, rollbackToLsn: shard.lsn, erases: true, summary: '' };
    return {
      ...base,
      problem: null,
      keeps: [home.id],
      keepIdx: [home.index],
      demotes: ids(shard.voters),
      newPrimary: home.id,
      primaryIdx: home.index,
      writesLost: shard.lsn,
      rollbackToLsn: 0,
      erases: true,
      summary:
        `Erases ${shard.id} and recreates it empty on ${home.id}: all ${shard.lsn} acknowledged write(s) are lost for good.`,
    };
  }
  const best = Math.max(...available.map(lsnOf));
  const freshest = available.filter((v) => lsnOf(v) === best);
  const primaryIdx = freshest.includes(shard.configuredPrimary) ? shard.configuredPrimary : freshest[0];
  // At most RF copies are kept — the freshest first, listed replicas before leftover disks — or the
  // shard would hold more replicas than its factor and nothing would ever trim it. The primary is one of them.
  const ranked = [...available].sort(
    (a, b) => lsnOf(b) - lsnOf(a) || Number(shard.replicas.includes(b)) - Number(shard.replicas.includes(a)) || a - b,
  );
  const kept = ranked.slice(0, w.replicationFactor);
  if (!kept.includes(primaryIdx)) kept[kept.length - 1] = primaryIdx;
  kept.sort((a, b) => a - b);
  const demoted = shard.voters.filter((v) => !kept.includes(v));
  const lost = Math.max(0, shard.lsn - best);
  const trimmed = kept.filter((v) => shard.divergent?.has(v) && (w.nodes[v].disk.get(shard.index) ?? 0) > lsnOf(v));
  return {
    ...base,
    problem: null,
    keeps: ids(kept),
    keepIdx: kept,
    demotes: ids(demoted),
    newPrimary: w.nodes[primaryIdx].id,
    primaryIdx,
    writesLost: lost,
    rollbackToLsn: best,
    erases: false,
    summary:
      (kept.length === 1
        ? `${ids(kept)[0]} becomes ${shard.id}'s only voter and its primary; `
        : `${ids(kept).join(', ')} become ${shard.id}'s voters and ${w.nodes[primaryIdx].id} its primary; `) +
      `${demoted.length > 0 ? `${ids(demoted).join(', ')} stop voting. ` : ''}` +
      (trimmed.length > 0 ? `${ids(trimmed).join(', ')} first drop${trimmed.length === 1 ? 's' : ''} the writes an earlier repair rolled back. ` : '') +
      (lost > 0
        ? `${lost} acknowledged write(s) (LSN ${best + 1}–${shard.lsn}) exist only on unreachable replicas and are rolled back.`
        : 'No acknowledged write is lost: a reachable replica holds them all.'),
  };
}

export function previewRepair(w: World, shard: ShardRow, mode: RepairMode): RepairPreview {
  const { shardRow: _row, keepIdx: _keep, primaryIdx: _p, ...preview } = plan(w, shard, mode);
  return preview;
}

export function applyRepair(w: World, shard: ShardRow, mode: RepairMode): void {
  const p = plan(w, shard, mode);
  if (p.problem !== null) return;
  const oldLsn = shard.lsn;
  // A copy that is not kept diverges only if it holds writes past the point the repair keeps: those are rolled
  // back, and its split point is that point (or an earlier one, if a previous repair already rolled it back).
  // One that stops at or before that point holds a prefix of the repaired history (it merely lags), so it
  // still counts as holding those writes and catches up like any lagging replica. A kept copy an earlier
  // repair rolled back drops what lies past its split, so the shard goes on from history it holds.
  for (const node of w.nodes) {
    const lsn = node.disk.get(shard.index);
    if (lsn === undefined) continue;
    const split = shard.divergent?.get(node.index);
    if (p.keepIdx.includes(node.index)) {
      if (split !== undefined) node.disk.set(shard.index, Math.min(lsn, split));
      shard.divergent?.delete(node.index);
    } else if (split !== undefined) shard.divergent!.set(node.index, Math.min(split, p.rollbackToLsn));
    // A crashed copy holds what its log will replay, not only its pages (historyHeld): that counts as held too.
    else if ((historyHeld(w, shard, node.index) ?? lsn) > p.rollbackToLsn) (shard.divergent ??= new Map()).set(node.index, p.rollbackToLsn);
  }
  if (shard.divergent?.size === 0) shard.divergent = null;
  if (p.erases) {
    for (const r of shard.replicas) w.nodes[r].placed.delete(shard.index);
    setReplicas(shard, []);
  }
  // A copy already heading for a node the repair now lists would land a second replica there.
  for (const id of [...shard.jobs]) {
    const job = w.migrator.jobs.get(id);
    if (job && p.keepIdx.includes(job.target)) cancelJob(w, job);
  }
  for (const k of p.keepIdx) {
    if (!shard.replicas.includes(k)) {
      // A new list, not a push: replica-rows.ts trusts a list it has seen to stay as it was.
      setReplicas(shard, [...shard.replicas, k]);
      w.nodes[k].placed.add(shard.index);
    }
    if (p.erases) w.nodes[k].disk.set(shard.index, 0);
  }
  w.nodesVersion++;
  // Demoted voters stay non-voters when they return, as in RethinkDB's repaired configuration.
  for (const v of shard.voters) if (!p.keepIdx.includes(v)) (shard.nonVoting ??= new Set()).add(v);
  setVoters(shard, [...p.keepIdx]);
  shard.promised = null;
  shard.staleLeaders = null;
  cancelCatchUps(w, shard);
  shard.lsn = p.rollbackToLsn;
  shard.term++;
  setPrimary(w, shard, p.primaryIdx);
  shard.configuredPrimary = p.primaryIdx;
  cancelElection(w, shard);
  w.quorum.stalledElections.delete(shard.index);
  shard.noPrimaryReason = null;
  shard.noPrimarySinceMs = null;
  shard.lastWriteOutcome = null;
  if (p.writesLost > 0) {
    w.workload.writesLost += p.writesLost;
    w.workload.lostWrites.push({
      shard: shard.id,
      firstLsn: p.rollbackToLsn + 1,
      lastLsn: oldLsn,
      count: p.writesLost,
      atMs: w.nowMs,
      cause: `emergency repair (${mode})${p.erases ? ' erased the shard' : ' rolled back to the freshest reachable replica'}`,
    });
  }
  record(
    w,
    'operator',
    'shard.emergencyRepaired',
    `Emergency repair (${mode}) of ${shard.id}: ${p.summary} New term ${shard.term}.`,
    'alert',
    {
      shard: shard.id,
      mode,
      writesLost: p.writesLost,
      firstLostLsn: p.writesLost > 0 ? p.rollbackToLsn + 1 : null,
      lastLostLsn: p.writesLost > 0 ? oldLsn : null,
      voters: p.keeps,
      primary: p.newPrimary,
      term: shard.term,
    },
  );
  w.durability.lostTruth.delete(shard.index);
  const copying = shard.jobs.filter((id) => w.migrator.jobs.get(id)?.phase !== 'queued').length;
  const copies = shard.replicas.length;
  sendShardEvent(w, shard, copies >= w.replicationFactor ? { type: 'replica.reinstated', copies, copying } : { type: 'replica.removed', copies, copying });
  if (shard.machine !== null && shard.jobs.length === 0 && shard.replicas.length < w.replicationFactor) {
    if (w.failover.autoReReplicate) {
      setWaiting(shard, 'needsPlan', 'repaired, still short of replicas');
      replanWaitingShards(w, `${shard.id} was repaired and is still short of replicas`);
    } else setWaiting(shard, 'fallback', 'repaired by hand; automatic re-replication is off, so it stays short of replicas');
  }
  refreshShard(w, shard);
}
