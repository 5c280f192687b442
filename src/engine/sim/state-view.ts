import { silenceDeadline } from '../failure-detector';
import { CONTROL_PLANE, type ClusterState, type CopyView, type Metrics, type MonitorBelief, type ShardState } from '../types';
import { historyHeld, holders, isAmnesiacReplica, leaderlessRoleOf, liveReach, quorumOf, roleOf } from './quorum';
import { corruptCounts } from './corruption';
import { corruptionAt, knownCorruptionAt } from './corruption-state';
import { bytesDoneNow, rebuildBytesRemaining } from './migrator';
import { counterOf, nodeRecoveryView, replayMetrics } from './recovery-view';
import { divergenceMetrics } from './divergence-metrics';
import { controlPlaneMetrics } from './control-plane/metrics';
import { transactionMetrics } from './transactions/metrics';
import { nodeTransactionsView } from './transactions/view';
import { restoreMetrics } from './restore/metrics';
import { writeStateOfCode } from '../model/shard-codes';
import { currentShardCodes } from './shard-codes-view';
import { shardDivergenceView } from './repair-view';
import { healthOf, isUp, lifecycleOf, sourceOf, type World } from './world';

/**
 * Projects the world into the plain `ClusterState` that views, the CLI and
 * tests read. Built on demand; nothing here changes the run. `shardIndices`
 * lists only those shards (scenario order kept): the console's projection at
 * 100,000 shards, where building every ShardView costs about a second.
 */
export function buildState(w: World, pendingCommands: number, shardIndices?: readonly number[]): ClusterState {
  const ids = (indices: number[]) => indices.map((i) => w.nodes[i].id);
  const nodes = w.nodes.map((n) => {
    const health = healthOf(n) as MonitorBelief;
    return {
      id: n.id,
      rack: n.rack,
      up: isUp(n),
      lifecycle: lifecycleOf(n),
      health,
      lastHeartbeatAtMs: n.lastHeartbeatAtMs,
      // The failure detector's deadline: the console's SUSPECT → DEAD countdown runs to it.
      deadAtMs: health === 'SUSPECT' || health === 'ACTIVE' ? silenceDeadline('DEAD', n.lastHeartbeatAtMs, w.params) : null,
      replicaCount: n.placed.size,
      copiesIn: n.activeIn,
      copiesOut: n.activeOut,
      registered: n.registered,
      recovery: nodeRecoveryView(w, n),
      ...nodeTransactionsView(w, n),
    };
  });
  const rows = shardIndices === undefined ? w.shards : shardRowsAt(w, shardIndices);
  // Leaderless (design recovery-repair.md §7.1): cp's `shard.primary` is only silent bookkeeping there, so the view
  // names no primary and no voters; a replica is reached by the shard's coordinator or not.
  const leaderless = w.params.replication === 'leaderless';
  const shards = rows.map((s) => {
    const quorum = quorumOf(w, s);
    return {
      id: s.id,
      replicas: ids(s.replicas),
      primary: s.primary !== null && !leaderless ? w.nodes[s.primary].id : null,
      configuredPrimary: s.configuredPrimary >= 0 && !leaderless ? w.nodes[s.configuredPrimary].id : null,
      term: s.term,
      voters: leaderless ? [] : ids(s.voters),
      replicaRoles: holders(w, s).map((r) => ({
        node: w.nodes[r].id,
        role: leaderless ? leaderlessRoleOf(w, s, r, liveReach(w)) : roleOf(s, r),
        voting: !leaderless && s.voters.includes(r),
        lsn: w.nodes[r].disk.get(s.index) ?? 0,
        counter: counterOf(w.nodes[r], s.index),
        // A down node's surviving log counts (its pages fell back to the checkpoint at the crash; replay restores them).
        heldLsn: historyHeld(w, s, r) ?? 0,
        corrupt: replicaCorruption(w, r, s.index),
        amnesiac: isAmnesiacReplica(w, s, r),
      })),
      quorum: quorum.state,
      writable: quorum.state === 'writable',
      quorumReason: quorum.reason,
      state: (s.machine ? s.machine.value : 'healthy') as ShardState,
      liveCopies: s.replicas.reduce((n, r) => n + (isUp(w.nodes[r]) ? 1 : 0), 0),
      lsn: s.lsn,
      waitingReason: s.jobs.length === 0 && s.machine ? (s.waiting?.text ?? null) : null,
      inconsistent: w.corruption.inconsistent.has(s.index),
      corruptKnown: corruptKnownOf(w, s.index),
      divergence: shardDivergenceView(w, s.index),
    };
  });
  const copies: CopyView[] = [...w.migrator.jobs.values()]
    .sort((a, b) => a.id - b.id)
    .map((j) => ({
      shard: w.shards[j.shard].id,
      source: j.source !== null ? w.nodes[j.source].id : null,
      target: w.nodes[j.target].id,
      phase: j.phase,
      sizeBytes: w.shardSizeBytes,
      bytesDone: bytesDoneNow(w, j),
      rateBytesPerSec: j.rateBytesPerSec,
    }));
  const messages = [...w.heartbeats.inFlight.values()].map((m) => ({
    id: m.id,
    kind: 'heartbeat' as const,
    from: w.nodes[m.from].id,
    to: 'cp',
    sentAtMs: m.sentAtMs,
    arriveAtMs: m.arriveAtMs,
  }));
  return {
    scenarioId: w.scenario.id,
    seed: w.seed,
    timeMs: w.nowMs,
    replicationFactor: w.replicationFactor,
    shardSizeBytes: w.shardSizeBytes,
    params: { ...w.params },
    failover: { ...w.failover },
    racks: w.racks.slice(),
    nodes,
    shards,
    copies,
    messages,
    cuts: w.network.listCuts(),
    failoverManager: {
      step: w.failoverPath.machine.value as ClusterState['failoverManager']['step'],
      currentNode: w.failoverPath.machine.context.current,
      queuedNodes: w.failoverPath.machine.context.queue.slice(),
      leader: w.network.cpMembers.length === 0 ? 'cp' : w.network.cpLeader,
    },
    failoverEvents: w.failoverPath.events.map((e) => ({ ...e })),
    metrics: buildMetrics(w),
    pendingCommands,
    profile: w.scenario.profile,
    workload: { ...w.workload.spec },
    lostWrites: w.workload.lostWrites.map((l) => ({ ...l })),
    reach: buildReach(w),
  };
}

/** The rows at these indices, in scenario order, each once; unknown indices are left out. */
function shardRowsAt(w: World, indices: readonly number[]) {
  const wanted = [...new Set(indices)].filter((i) => Number.isInteger(i) && i >= 0 && i < w.shards.length).sort((a, b) => a - b);
  return wanted.map((i) => w.shards[i]);
}

function replicaCorruption(w: World, node: number, shard: number): 'known' | 'truth' | null {
  if (!corruptionAt(w.corruption, node, shard)) return null;
  return knownCorruptionAt(w.corruption, node, shard) ? 'known' : 'truth';
}

/** Nodes with a known-corrupt copy of the shard (listed, or removed and not yet deleted). Empty in a healthy cluster. */
function corruptKnownOf(w: World, shard: number): string[] {
  if (w.corruption.known.size === 0) return [];
  const out: string[] = [];
  for (const [node, known] of w.corruption.known) if (known.has(shard) && corruptionAt(w.corruption, node, shard)) out.push(w.nodes[node].id);
  return out.sort();
}

/** Who reaches whom (both ways), listed only while some link is cut: without cuts everyone reaches everyone. */
function buildReach(w: World): Record<string, string[]> | null {
  if (w.network.cutCount === 0) return null;
  const all = [CONTROL_PLANE, ...w.nodes.map((n) => n.id)];
  const out: Record<string, string[]> = {};
  for (const a of all) out[a] = all.filter((b) => b !== a && w.network.connected(a, b));
  return out;
}

/**
 * Shards that refuse writes right now. Cheap when nothing is cut and every node is up: then only primaryless shards
 * can. Otherwise counted from the shard codes' write state (kept from frame to frame, shard-codes-view.ts), which is
 * quorumOf's answer for every shard.
 */
function countNotWritable(w: World): number {
  const calm = w.network.cutCount === 0 && w.nodes.every(isUp);
  if (calm && w.quorum.primaryless.size === 0) return 0;
  if (calm) {
    let n = 0;
    for (const i of w.quorum.primaryless) if (quorumOf(w, w.shards[i]).state !== 'writable') n++;
    return n;
  }
  const codes = currentShardCodes(w);
  let n = 0;
  for (let i = 0; i < codes.length; i++) if (writeStateOfCode(codes[i]) !== 'writable') n++;
  return n;
}

function corruptionMetrics(w: World) {
  const counts = corruptCounts(w);
  return {
    corruptReplicasTruth: counts.truth,
    corruptReplicasKnown: counts.known,
    corruptionDetectionDelayMs: w.corruption.lastDetectionDelayMs,
    scrubBytes: w.corruption.scrubBytes,
  };
}

export function buildMetrics(w: World): Metrics;
export function buildMetrics(w: World, shardsNotWritable: false): Omit<Metrics, 'shardsNotWritable'>;
export function buildMetrics(w: World, shardsNotWritable = true): Metrics | Omit<Metrics, 'shardsNotWritable'> {
  let under = 0;
  let lost = 0;
  let underTruth = 0;
  for (const s of w.affected.values()) {
    if (s.replicas.length === 0) lost++;
    else if (s.replicas.length < w.replicationFactor) under++;
  }
  // Truth: shards short of live copies, including those cp has not noticed yet. Only shards
  // on a down node or already short in the placement can qualify, so scan just those.
  const suspects = new Set<number>(w.affected.keys());
  for (const node of w.nodes) if (!isUp(node)) for (const s of node.placed) suspects.add(s);
  for (const s of suspects) {
    const shard = w.shards[s];
    let live = 0;
    for (const r of shard.replicas) if (isUp(w.nodes[r])) live++;
    if (live < w.replicationFactor) underTruth++;
  }
  const records = perNodeRecordsOf(w);
  const byNode = (which: PerNodeRecord, values: ArrayLike<number>) => records[which].of(w, values);
  // Copy progress is settled into the counters only at events; add the part
  // since then so bytes moved and per-node traffic grow smoothly between events.
  const bytesIn = Float64Array.from(w.migrator.bytesInByNode);
  const bytesOut = Float64Array.from(w.migrator.bytesOutByNode);
  let unsettled = 0;
  for (const job of w.migrator.jobs.values()) {
    if (job.phase !== 'snapshot') continue;
    const extra = bytesDoneNow(w, job) - job.bytesDone;
    bytesIn[job.target] += extra;
    bytesOut[sourceOf(job)] += extra;
    unsettled += extra;
  }
  const lastFailover = w.failoverPath.events[w.failoverPath.events.length - 1];
  const metrics = {
    underReplicatedShards: under,
    underReplicatedShardsTruth: underTruth,
    lostShards: lost,
    lostShardsTruth: w.durability.lostTruth.size,
    minCopies: w.durability.minCopies,
    bytesMoved: Math.round(w.migrator.bytesMoved + unsettled),
    rebuildBytesRemaining: Math.round(rebuildBytesRemaining(w)),
    rebuildTargetsByNode: byNode('targets', w.migrator.targetsByNode),
    rebuildBytesInByNode: byNode('bytesIn', bytesIn),
    rebuildBytesOutByNode: byNode('bytesOut', bytesOut),
    copiesInFlight: [...w.migrator.jobs.values()].filter((j) => j.phase !== 'queued').length,
    copiesQueued: [...w.migrator.jobs.values()].filter((j) => j.phase === 'queued').length,
    detectionDelayMs: lastFailover?.detectionDelayMs ?? null,
    timeToRestoreRfMs: w.durability.lastTimeToRestoreRfMs,
    durabilityWindowMs: w.durability.lastDurabilityWindowMs,
    writesAcked: w.workload.writesAcked,
    writesFailed: w.workload.writesFailed,
    writesLost: w.workload.writesLost,
    readsFresh: w.workload.readsFresh,
    readsStale: w.workload.readsStale,
    readsFailed: w.workload.readsFailed,
    shardsWithoutPrimary: w.quorum.primaryless.size,
    shardsNotWritable: 0,
    ...corruptionMetrics(w),
    ...replayMetrics(w),
    catchUpLogEntries: w.catchUp.logEntries,
    catchUpSnapshotBytes: w.catchUp.snapshotBytes,
    ...divergenceMetrics(w),
    ...controlPlaneMetrics(w),
    ...transactionMetrics(w),
    ...restoreMetrics(w),
  };
  if (shardsNotWritable) {
    metrics.shardsNotWritable = countNotWritable(w);
    return metrics;
  }
  const { shardsNotWritable: _left, ...rest } = metrics;
  return rest;
}

type PerNodeRecord = 'targets' | 'bytesIn' | 'bytesOut';

/**
 * A metric's per-node record (node id → rounded value, nodes with a value only), the same frozen object from one call
 * to the next while the values do not move. After a rack's re-homing at 1,000 nodes each names ~975 nodes and is
 * asked for twice a simulated second by the console's samples, which keep an unchanged one once (run-recorder.ts):
 * building three such records and comparing one cost a quarter of re-simulating a quiet minute.
 */
class PerNodeMemo {
  private values: Float64Array | null = null;
  private record: Readonly<Record<string, number>> = Object.freeze({});

  of(w: World, values: ArrayLike<number>): Readonly<Record<string, number>> {
    const was = this.values;
    if (was !== null && was.length === values.length) {
      let same = true;
      for (let i = 0; i < was.length; i++) {
        if (was[i] !== values[i]) {
          same = false;
          break;
        }
      }
      if (same) return this.record;
    }
    const out: Record<string, number> = {};
    w.nodes.forEach((n, i) => {
      if (values[i] > 0) out[n.id] = Math.round(values[i]);
    });
    this.values = Float64Array.from(values);
    this.record = Object.freeze(out);
    return this.record;
  }
}

const perNodeMemos = new WeakMap<World, Record<PerNodeRecord, PerNodeMemo>>();

function perNodeRecordsOf(w: World): Record<PerNodeRecord, PerNodeMemo> {
  let memos = perNodeMemos.get(w);
  if (!memos) {
    memos = { targets: new PerNodeMemo(), bytesIn: new PerNodeMemo(), bytesOut: new PerNodeMemo() };
    perNodeMemos.set(w, memos);
  }
  return memos;
}
