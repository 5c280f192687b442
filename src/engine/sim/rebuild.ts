import { chooseTarget, type TargetCandidateInfo } from '../model/placement';
import type { TargetChoice } from '../types';
import { refreshShard, respondsToCp } from './quorum';
import { orderCopyQueue } from './copy-queue';
import { sendShardEvent } from './shard-events';
import { copyPhaseOf } from '../machines/copy-job-stepper';
import type { CopyJobEffect, CopyJobEvent, CopyJobStateValue } from '../machines/copy-job.machine';
import { type EffectHandlers } from '../machines/machine-step';
import { eventLabel } from './machine-records';
import { carryOut } from './machine-timers';
import {
  formatBytes,
  listSome,
  healthOf,
  isUp,
  record,
  schedule,
  setWaiting,
  sourceOf,
  unschedule,
  type CopyJob,
  type NodeRow,
  type ShardRow,
  type World,
} from './world';

/**
 * The migrator: copy jobs that re-home replicas. A job is queued with a
 * target, waits for a free slot on a source and on its target, copies a
 * snapshot at a rate shared fairly between the copies each node runs, tails
 * the log until the target has caught up, and then commits the new placement.
 *
 * The migrator never reads the truth about nodes: when an end of a stream
 * dies or the link between them is cut, the stream simply stops making
 * progress, and only after `copyStreamTimeoutMs` does the migrator give up
 * on it and re-plan the copy.
 */

// ---------------------------------------------------------------- targets

/**
 * Chooses where a new replica of `shard` goes, honouring the job's avoid list.
 * `forMigrator` false is the coordinator's placement view (failover step 3):
 * whether the migrator can reach the node is step 4's question, not this one.
 */
export function planTarget(
  w: World,
  shard: ShardRow,
  avoidTargets: readonly number[] = [],
  alsoIncoming: readonly number[] = [],
  forMigrator = true,
): TargetChoice {
  const incomingForShard = new Set(shard.jobs.map((id) => w.jobs.get(id)?.target ?? -1));
  for (const t of alsoIncoming) incomingForShard.add(t);
  const holders = new Set(shard.replicas);
  const occupiedRacks = new Set(shard.replicas.map((n) => w.nodes[n].rackIndex));
  for (const t of incomingForShard) if (t >= 0) occupiedRacks.add(w.nodes[t].rackIndex);
  const candidates: TargetCandidateInfo[] = w.nodes.map((node) => ({
    index: node.index,
    id: node.id,
    rack: node.rack,
    rackIndex: node.rackIndex,
    load: node.placed.size + node.incoming,
    hardRejection: hardRejection(node, holders, incomingForShard, avoidTargets, forMigrator),
  }));
  const choice = chooseTarget(
    shard.id,
    candidates,
    occupiedRacks,
    w.random.get(`placement:tie:${shard.id}`),
    w.nowMs,
  );
  w.explanations.set(shard.index, choice);
  return choice;
}

function hardRejection(
  node: NodeRow,
  holders: ReadonlySet<number>,
  incomingForShard: ReadonlySet<number>,
  avoid: readonly number[],
  forMigrator: boolean,
): string | null {
  if (holders.has(node.index)) return 'holds a replica';
  if (incomingForShard.has(node.index)) return 'already receiving a copy of this shard';
  const health = healthOf(node);
  if (health !== 'ACTIVE') return `not ACTIVE: the monitor says ${health}`;
  if (forMigrator && !node.registered) return 'not registered with the migrator';
  if (avoid.includes(node.index)) return 'a copy to it failed';
  return null;
}

// ---------------------------------------------------------------- the copy-job machine

/** Feeds one job's machine; its phase is what the machine's state says. */
export function sendJobEvent(w: World, job: CopyJob, event: CopyJobEvent): void {
  const step = w.copyJobStepper.step(job.machine, event);
  if (!step.changed) return;
  job.machineLast = { from: [job.machine.value], to: [step.state.value], event: eventLabel(event.type), atMs: w.nowMs };
  job.machine = step.state;
  job.phase = copyPhaseOf(step.state.value);
  carryOut(w.timers, 'copyJob', String(job.id), step.effects, copyJobHandlers, { w, job });
}

const copyJobHandlers: EffectHandlers<CopyJobEffect, { w: World; job: CopyJob }> = {
  giveUpOnStream: ({ w, job }) => giveUpOnStream(w, job),
};

/** The physics of a copy (bandwidth, latency) decides when its snapshot or tail is done: one pending completion per job. */
function setTransfer(w: World, job: CopyJob, atMs: number | null, type: 'copy.snapshotDone' | 'copy.caughtUp'): void {
  unschedule(w, job.transferTimer);
  job.transferTimer = atMs === null ? null : schedule(w, atMs, { type, job: job.id });
}

// ---------------------------------------------------------------- jobs

/**
 * The failover index of a copy the migrator planned on its own (a re-plan):
 * it belongs to no failover path, so it neither delays one nor finishes one.
 * (Counting it towards the latest path once told that path "complete" during
 * its grace period, before its step 4 had started any copy of its own.)
 */
export const NO_FAILOVER = -1;

export function enqueueJob(w: World, shard: ShardRow, target: number, failoverIndex: number): CopyJob {
  const job: CopyJob = {
    id: w.nextJobId++,
    shard: shard.index,
    target,
    source: null,
    phase: 'queued',
    bytesDone: 0,
    rateBytesPerSec: 0,
    lastUpdateMs: w.nowMs,
    transferTimer: null,
    machine: w.copyJobStepper.initial(),
    machineLast: null,
    failoverIndex,
    avoidSources: [],
    avoidTargets: [],
    stalledSinceMs: null,
    sourceIncarnation: 0,
    targetIncarnation: 0,
    queueRank: null,
  };
  w.jobs.set(job.id, job);
  shard.jobs.push(job.id);
  shard.waiting = null;
  w.nodes[target].incoming++;
  w.failoverJobsOutstanding.set(failoverIndex, (w.failoverJobsOutstanding.get(failoverIndex) ?? 0) + 1);
  return job;
}

function dropJob(w: World, job: CopyJob): void {
  if (job.machine.value !== 'committed') sendJobEvent(w, job, { type: 'copy.dropped' });
  unschedule(w, job.transferTimer);
  w.timers.cancelAll('copyJob', String(job.id));
  w.jobs.delete(job.id);
  const shard = w.shards[job.shard];
  shard.jobs = shard.jobs.filter((id) => id !== job.id);
  w.nodes[job.target].incoming--;
  const left = (w.failoverJobsOutstanding.get(job.failoverIndex) ?? 1) - 1;
  w.failoverJobsOutstanding.set(job.failoverIndex, left);
  if (left === 0) finishFailover(w, job.failoverIndex);
}

/** A failover's last job ended: record the outcome, and unblock a synchronous failover path. */
function finishFailover(w: World, failoverIndex: number): void {
  const event = w.failoverEvents[failoverIndex];
  // Only a path whose step 4 has handed over its copies can be finished by the last of them.
  if (!event || event.completedAtMs !== null || !event.reReplicationAttempted) return;
  event.completedAtMs = w.nowMs;
  event.reReplicationSucceeded = (w.failoverShardsUnplaced.get(failoverIndex) ?? 0) === 0;
  record(
    w,
    'migrator',
    'migration.finished',
    event.reReplicationSucceeded
      ? `Re-replication after ${event.failedNode} died is complete: every copy it planned has landed.`
      : `Re-replication after ${event.failedNode} died ended with shards still missing a replica.`,
    event.reReplicationSucceeded ? 'info' : 'warn',
    { failedNode: event.failedNode, succeeded: event.reReplicationSucceeded },
  );
  w.hooks.migrationFinished(failoverIndex);
}

/** Copies of the shard under way (not merely queued). */
export function activeCount(w: World, shard: ShardRow): number {
  let n = 0;
  for (const id of shard.jobs) if (w.jobs.get(id)?.phase !== 'queued') n++;
  return n;
}

/**
 * Starts every queued copy that can start now, most endangered shards first:
 * one copy left, then below a majority, then merely under-replicated.
 */
export function pumpCopies(w: World): void {
  const queued = orderCopyQueue(w, [...w.jobs.values()].filter((j) => j.phase === 'queued'));
  if (queued.length === 0) return;
  const cap = w.params.maxConcurrentCopiesPerNode;
  const changed = new Set<number>();
  for (const job of queued) {
    const started = tryStart(w, job, cap);
    if (started) changed.add(started.source).add(started.target);
  }
  if (changed.size > 0) rebalanceRates(w, changed);
}

/**
 * Starts one queued copy if it can start now. A copy given a new target is
 * tried again at once: nothing else may come along to start it later (a
 * quiet cluster has no further event), and it would wait for ever.
 */
function tryStart(w: World, job: CopyJob, cap: number): { source: number; target: number } | null {
  const shard = w.shards[job.shard];
  // Each retarget adds the old target to the job's avoid list, so this ends.
  for (let attempt = 0; attempt <= w.nodes.length; attempt++) {
    const planned = w.nodes[job.target];
    if (healthOf(planned) !== 'ACTIVE' || !planned.registered) {
      const why = planned.registered ? `the monitor says ${planned.id} is ${healthOf(planned)}` : `${planned.id} is no longer registered`;
      if (retarget(w, job, why) === null) return null;
    }
    const target = w.nodes[job.target];
    if (target.activeIn >= cap) return null;
    const source = pickSource(w, job, shard);
    if (source === 'busy') return null;
    if (source !== 'none') {
      startCopy(w, job, source);
      return { source: source.index, target: target.index };
    }
    if (shard.replicas.some((r) => !job.avoidSources.includes(r) && healthOf(w.nodes[r]) === 'ACTIVE')) return null;
    if (retarget(w, job, `no source can reach ${target.id}`) === null) return null;
  }
  return null;
}

function pickSource(w: World, job: CopyJob, shard: ShardRow): NodeRow | 'busy' | 'none' {
  const cap = w.params.maxConcurrentCopiesPerNode;
  let best: NodeRow | null = null;
  let anyViable = false;
  for (const r of shard.replicas) {
    const node = w.nodes[r];
    if (job.avoidSources.includes(r) || healthOf(node) !== 'ACTIVE' || !node.registered) continue;
    anyViable = true;
    if (node.activeOut >= cap) continue;
    // Spread the reads: fewest running copies, then fewest bytes sent so far.
    if (
      !best ||
      node.activeOut < best.activeOut ||
      (node.activeOut === best.activeOut && w.rebuildBytesOutByNode[r] < w.rebuildBytesOutByNode[best.index])
    )
      best = node;
  }
  if (best) return best;
  return anyViable ? 'busy' : 'none';
}

function startCopy(w: World, job: CopyJob, source: NodeRow): void {
  const shard = w.shards[job.shard];
  const target = w.nodes[job.target];
  job.source = source.index;
  sendJobEvent(w, job, { type: 'copy.started' });
  job.lastUpdateMs = w.nowMs;
  job.sourceIncarnation = source.incarnation;
  job.targetIncarnation = target.incarnation;
  source.activeOut++;
  target.activeIn++;
  // The migrator believes both ends are ACTIVE; if one is really down or cut off, the stream never gets going
  // and the migrator finds out only when it times out.
  if (!streamAlive(w, job)) stallStream(w, job);
  record(
    w,
    'migrator',
    'copy.started',
    `Copying ${shard.id} (${formatBytes(w.shardSizeBytes)}) from ${source.id} to ${target.id}: snapshot first, then the log tail.`,
    'info',
    { shard: shard.id, source: source.id, target: target.id },
  );
  sendShardEvent(w, shard, { type: 'copy.started', copies: shard.replicas.length, copying: activeCount(w, shard) });
}

/** Settles progress and gives every running copy on the touched nodes its fair share again. */
export function rebalanceRates(w: World, touched: ReadonlySet<number>): void {
  for (const job of w.jobs.values()) {
    if (job.phase !== 'snapshot' || (!touched.has(sourceOf(job)) && !touched.has(job.target))) continue;
    if (job.stalledSinceMs !== null) continue;
    settle(w, job);
    const source = w.nodes[sourceOf(job)];
    const target = w.nodes[job.target];
    // A stalled stream sends nothing, so the copies still moving share the node's bandwidth without it.
    const rate = Math.min(
      source.bandwidthBytesPerSec / Math.max(1, source.activeOut - source.stalledOut),
      target.bandwidthBytesPerSec / Math.max(1, target.activeIn - target.stalledIn),
    );
    if (rate === job.rateBytesPerSec && job.transferTimer !== null) continue;
    job.rateBytesPerSec = rate;
    // A new rate moves the snapshot's end: the old completion is taken off the clock.
    const remaining = w.shardSizeBytes - job.bytesDone;
    const doneAt = rate > 0 ? w.nowMs + Math.ceil((remaining / rate) * 1000) : Infinity;
    setTransfer(w, job, Number.isFinite(doneAt) ? doneAt : null, 'copy.snapshotDone');
  }
}

function settle(w: World, job: CopyJob): void {
  const elapsedMs = w.nowMs - job.lastUpdateMs;
  if (elapsedMs > 0) {
    const bytes = Math.min(w.shardSizeBytes - job.bytesDone, (job.rateBytesPerSec * elapsedMs) / 1000);
    job.bytesDone += bytes;
    w.rebuildBytesInByNode[job.target] += bytes;
    w.rebuildBytesOutByNode[sourceOf(job)] += bytes;
    w.bytesMoved += bytes;
  }
  job.lastUpdateMs = w.nowMs;
}

/** Bytes copied so far, including the part since the last settle. */
export function bytesDoneNow(w: World, job: CopyJob): number {
  if (job.phase !== 'snapshot') return job.phase === 'queued' ? 0 : w.shardSizeBytes;
  return Math.min(w.shardSizeBytes, job.bytesDone + (job.rateBytesPerSec * (w.nowMs - job.lastUpdateMs)) / 1000);
}

export function onSnapshotDone(w: World, jobId: number): boolean {
  const job = w.jobs.get(jobId);
  if (!job) return false;
  job.transferTimer = null;
  settle(w, job);
  // Floating-point dust: the scheduled time was rounded up, so the snapshot is whole.
  const dust = w.shardSizeBytes - job.bytesDone;
  job.bytesDone = w.shardSizeBytes;
  w.bytesMoved += dust;
  w.rebuildBytesInByNode[job.target] += dust;
  w.rebuildBytesOutByNode[sourceOf(job)] += dust;
  sendJobEvent(w, job, { type: 'snapshot.copied' });
  releaseSlots(w, job);
  const source = w.nodes[sourceOf(job)];
  const target = w.nodes[job.target];
  const shard = w.shards[job.shard];
  // Tailing the log takes a round trip plus the entries written since the snapshot.
  const tailMs = 2 * w.network.latencyMs(source.id, target.id);
  record(
    w,
    'migrator',
    'copy.snapshotCopied',
    `${target.id} has the snapshot of ${shard.id}; it now tails ${source.id}'s log up to LSN ${shard.lsn}.`,
    'info',
    { shard: shard.id, source: source.id, target: target.id },
  );
  setTransfer(w, job, w.nowMs + tailMs, 'copy.caughtUp');
  pumpCopies(w);
  return true;
}

export function onCaughtUp(w: World, jobId: number): boolean {
  const job = w.jobs.get(jobId);
  // A stalled tail never completes: stalling took its completion off the clock (a resumed stream tails anew).
  if (!job) return false;
  job.transferTimer = null;
  const shard = w.shards[job.shard];
  const target = w.nodes[job.target];
  const source = w.nodes[sourceOf(job)];
  if (!streamAlive(w, job)) {
    stallStream(w, job);
    return true;
  }
  sendJobEvent(w, job, { type: 'tail.caughtUp' });
  shard.replicas.push(target.index);
  target.placed.add(shard.index);
  const lsn = logTailLsn(w, shard, source, target);
  target.disk.set(shard.index, lsn);
  w.rebuildTargetsByNode[target.index]++;
  const complete = lsn === shard.lsn;
  record(
    w,
    'router',
    'copy.committed',
    `${target.id} caught up on ${shard.id} (LSN ${lsn}); the router now lists it: ${shard.id} has ` +
      `${shard.replicas.length} of ${w.replicationFactor} replicas.` +
      (complete
        ? ''
        : ` It lacks acknowledged writes up to LSN ${shard.lsn} (no reachable primary to stream them), so it does not vote until it has them.`),
    'info',
    { shard: shard.id, source: source.id, target: target.id, copies: shard.replicas.length, lsn },
  );

  // This job still counts as active until dropped, hence the minus one.
  sendShardEvent(w, shard, { type: 'copy.committed', copies: shard.replicas.length, copying: activeCount(w, shard) - 1 });
  // Only now is the job over; if it was its failover's last, that failover is finished.
  dropJob(w, job);
  refreshShard(w, shard);
  if (shard.machine !== null && shard.jobs.length === 0 && shard.replicas.length < w.replicationFactor) {
    if (shard.waiting === null) setWaiting(shard, 'needsPlan', 'still short of replicas after a copy landed');
    replanWaitingShards(w, `a copy of ${shard.id} landed and it is still short of replicas`);
  }
  return true;
}

/** The snapshot came from the source; the log tail comes from the primary when it can reach the target. */
function logTailLsn(w: World, shard: ShardRow, source: NodeRow, target: NodeRow): number {
  const fromSource = source.disk.get(shard.index) ?? 0;
  if (shard.primary === null) return fromSource;
  const primary = w.nodes[shard.primary];
  const reachable = primary === target || (isUp(primary) && w.network.connected(primary.id, target.id));
  return reachable ? Math.max(fromSource, primary.disk.get(shard.index) ?? 0) : fromSource;
}

function releaseSlots(w: World, job: CopyJob): void {
  if (job.source === null) return;
  const source = w.nodes[job.source];
  const target = w.nodes[job.target];
  if (job.phase === 'snapshot' || job.phase === 'catchingUp') {
    source.activeOut--;
    target.activeIn--;
  }
  rebalanceRates(w, new Set([source.index, target.index]));
}

export type CopyFailureBlame = 'source' | 'target' | 'link';

/**
 * A copy broke (a node went down, a link was cut). The bytes already sent are
 * wasted; the job goes back to the queue, avoiding the source that failed, or
 * with a new target when the target is the problem.
 */
export function failJob(w: World, job: CopyJob, why: string, blame: CopyFailureBlame): void {
  const shard = w.shards[job.shard];
  const touched = new Set([job.source, job.target].filter((n) => n !== null));
  const source = job.source;
  const wastedBytes = stopStream(w, job);
  if (blame !== 'target' && source !== null) job.avoidSources.push(source);
  record(
    w,
    'migrator',
    'copy.failed',
    `Copy of ${shard.id} to ${w.nodes[job.target].id} failed: ${why}` +
      (wastedBytes > 0 ? ` (${formatBytes(wastedBytes)} already sent are wasted).` : '.'),
    'warn',
    { shard: shard.id, target: w.nodes[job.target].id, wastedBytes },
  );
  sendShardEvent(w, shard, { type: 'copy.failed', copies: shard.replicas.length, copying: activeCount(w, shard) });
  if (blame === 'target') retarget(w, job, why);
  rebalanceRates(w, touched);
}

/**
 * Ends a running copy's stream and puts the job back in the queue: frees its
 * slots, and counts the bytes already sent as wasted (they were moved, and
 * `bytesMoved` keeps them). Returns those bytes.
 */
function stopStream(w: World, job: CopyJob, phase: CopyJob['phase'] = job.phase): number {
  let wastedBytes = 0;
  if (phase === 'snapshot') {
    settle(w, job);
    wastedBytes = job.bytesDone;
    const source = w.nodes[sourceOf(job)];
    const target = w.nodes[job.target];
    source.activeOut--;
    target.activeIn--;
    if (job.stalledSinceMs !== null) {
      source.stalledOut--;
      target.stalledIn--;
    }
  } else if (phase === 'catchingUp') {
    wastedBytes = w.shardSizeBytes;
  }
  w.bytesAbandoned += wastedBytes;
  // Back in the queue (a stalled stream the migrator gave up on is there already).
  sendJobEvent(w, job, { type: 'copy.failed' });
  unschedule(w, job.transferTimer);
  job.transferTimer = null;
  job.source = null;
  job.bytesDone = 0;
  job.rateBytesPerSec = 0;
  job.stalledSinceMs = null;
  return wastedBytes;
}

// ---------------------------------------------------------------- streams that stop

/** Truth: can this copy's stream move bytes? Both ends up in the process that opened it, and linked both ways. */
function streamAlive(w: World, job: CopyJob): boolean {
  const source = w.nodes[sourceOf(job)];
  const target = w.nodes[job.target];
  return (
    isUp(source) &&
    isUp(target) &&
    source.incarnation === job.sourceIncarnation &&
    target.incarnation === job.targetIncarnation &&
    w.network.connected(source.id, target.id)
  );
}

/**
 * The stream stops moving bytes. Nobody is told: the copy keeps its slots on
 * both nodes, as a real migrator's in-flight task does (HDFS counts it against
 * the node's max-streams until the pending timeout, Ceph holds the backfill
 * reservation), but it no longer takes bandwidth, so the other copies on those
 * nodes speed up. After `copyStreamTimeoutMs` the migrator gives up on it.
 */
function stallStream(w: World, job: CopyJob): void {
  if (job.phase === 'snapshot') {
    settle(w, job);
    w.nodes[sourceOf(job)].stalledOut++;
    w.nodes[job.target].stalledIn++;
  }
  job.rateBytesPerSec = 0;
  job.stalledSinceMs = w.nowMs;
  // No bytes move, so no completion is due; the machine arms its own timeout (after copyStreamTimeout).
  unschedule(w, job.transferTimer);
  job.transferTimer = null;
  sendJobEvent(w, job, { type: 'stream.stalled', timeoutMs: w.params.copyStreamTimeoutMs });
}

/** The link healed before the timeout and both processes are the ones that opened the stream: bytes flow again. */
function resumeStream(w: World, job: CopyJob): void {
  job.stalledSinceMs = null;
  job.lastUpdateMs = w.nowMs;
  // Resuming in time cancels the machine's timeout.
  sendJobEvent(w, job, { type: 'stream.resumed' });
  if (job.phase === 'snapshot') {
    w.nodes[sourceOf(job)].stalledOut--;
    w.nodes[job.target].stalledIn--;
  } else {
    const tailMs = 2 * w.network.latencyMs(w.nodes[sourceOf(job)].id, w.nodes[job.target].id);
    setTransfer(w, job, w.nowMs + tailMs, 'copy.caughtUp');
  }
}

/**
 * Called whenever the truth changes under the streams (a process stopped, a
 * link was cut or healed): streams that can no longer move bytes stall, stalled
 * ones that can again resume. Nothing is written to the trace: no actor has
 * noticed anything yet.
 */
export function checkCopyStreams(w: World): void {
  const touched = new Set<number>();
  for (const job of w.jobs.values()) {
    if (job.phase === 'queued') continue;
    const alive = streamAlive(w, job);
    if (alive === (job.stalledSinceMs === null)) continue;
    if (alive) resumeStream(w, job);
    else stallStream(w, job);
    touched.add(sourceOf(job)).add(job.target);
  }
  if (touched.size > 0) rebalanceRates(w, touched);
}

/**
 * A stream made no progress for `copyStreamTimeoutMs`: the migrator abandons
 * the copy and re-plans it. It blames the end that stopped answering and avoids
 * it for this copy only; it picks the replacement on the monitor's belief, so a
 * node the monitor still trusts may be chosen even if it is down too.
 */
function giveUpOnStream(w: World, job: CopyJob): void {
  if (job.stalledSinceMs === null) return;
  const shard = w.shards[job.shard];
  const source = w.nodes[sourceOf(job)];
  const target = w.nodes[job.target];
  const stalledFor = `${((w.nowMs - job.stalledSinceMs) / 1000).toFixed(1)} s`;
  // The migrator sees only what it can observe now: whether each end answers it (cp), and whether an
  // end that answers has restarted since the stream began (its new session no longer knows the copy).
  const answersFresh = (node: typeof source, incarnation: number) => respondsToCp(w, node) && node.incarnation === incarnation;
  const blame: CopyFailureBlame = !answersFresh(target, job.targetIncarnation)
    ? 'target'
    : !answersFresh(source, job.sourceIncarnation)
      ? 'source'
      : 'link';
  const touched = new Set([source.index, target.index]);
  // The machine has already moved to failed: the stream stopped in the phase it stalled in.
  const stalledIn = copyPhaseOf((job.machineLast?.from[0] ?? 'snapshot') as CopyJobStateValue);
  const wastedBytes = stopStream(w, job, stalledIn);
  const wasted = wastedBytes > 0 ? ` (${formatBytes(wastedBytes)} already sent are wasted)` : '';
  const data = { shard: shard.id, source: source.id, target: target.id, blame, wastedBytes, newTarget: null as string | null };
  if (blame === 'target') {
    const next = retarget(w, job, `the stream to ${target.id} stalled`, false);
    data.newTarget = next;
    record(
      w,
      'migrator',
      'copy.streamStalled',
      `The stream to ${target.id} stalled for ${stalledFor}; ${shard.id}'s copy is ` +
        (next === target.id
          ? `tried again to ${next}, the only node that can take it, which the monitor believes ACTIVE${wasted}.`
          : next !== null
            ? `re-planned to ${next}${wasted}.`
            : `abandoned: no other target${wasted}.`),
      'warn',
      data,
    );
  } else {
    job.avoidSources.push(source.index);
    record(
      w,
      'migrator',
      'copy.streamStalled',
      `The stream from ${source.id} to ${target.id} stalled for ${stalledFor}; ${shard.id}'s copy will try another source${wasted}.`,
      'warn',
      data,
    );
  }
  sendShardEvent(w, shard, { type: 'copy.failed', copies: shard.replicas.length, copying: activeCount(w, shard) });
  rebalanceRates(w, touched);
  pumpCopies(w);
}

/**
 * Gives a queued job a new target; drops it (and explains the shard) when none
 * exists. Returns the new target's id, or null. `announce` false leaves the
 * telling to the caller.
 */
function retarget(w: World, job: CopyJob, why: string, announce = true): string | null {
  const shard = w.shards[job.shard];
  const old = w.nodes[job.target];
  job.avoidTargets.push(job.target);
  old.incoming--;
  // Plan as if this job did not exist, so its old target does not count as incoming.
  shard.jobs = shard.jobs.filter((id) => id !== job.id);
  let choice = planTarget(w, shard, job.avoidTargets);
  // Only nodes a copy already failed to are left: one the monitor believes ACTIVE gets another try (a restarted
  // process, a healed link) rather than the shard staying short with nothing left to re-plan it.
  const retry = choice.target === null && job.avoidTargets.length > 0 ? planTarget(w, shard) : null;
  if (retry && retry.target !== null) {
    choice = retry;
    why = `${why}; no other node can take it, so ${retry.target} is tried again`;
  }
  shard.jobs.push(job.id);
  if (choice.target === null) {
    old.incoming++;
    if (announce)
      record(w, 'migrator', 'copy.abandoned', `Gave up re-homing ${shard.id}: ${why}, and ${choice.summary}.`, 'warn', {
        shard: shard.id,
      });
    w.failoverShardsUnplaced.set(job.failoverIndex, (w.failoverShardsUnplaced.get(job.failoverIndex) ?? 0) + 1);
    dropJob(w, job);
    setWaiting(shard, 'noTarget', `no eligible target: ${choice.summary}`);
    return null;
  }
  const next = w.nodeIndexById.get(choice.target)!;
  job.target = next;
  job.avoidSources = [];
  sendJobEvent(w, job, { type: 'copy.retargeted' });
  w.nodes[next].incoming++;
  if (announce)
    record(w, 'migrator', 'copy.retargeted', `${shard.id} will go to ${choice.target} instead of ${old.id} (${why}).`, 'info', {
      shard: shard.id,
      target: choice.target,
    });
  return choice.target;
}

/** A node went down or left the placement: break its copies and re-plan them. */
export function abortJobsTouching(w: World, node: NodeRow, why: string): void {
  for (const job of [...w.jobs.values()]) {
    if (job.target === node.index) {
      if (job.phase === 'queued') retarget(w, job, why);
      else failJob(w, job, why, 'target');
    } else if (job.source === node.index && job.phase === 'snapshot') {
      failJob(w, job, why, 'source');
    }
  }
}

/** The network healed or a node came back: sources that failed before deserve another try. */
export function forgetFailedSources(w: World): void {
  for (const job of w.jobs.values()) job.avoidSources = [];
}

/** Removes a job that is no longer needed (its replica came back another way). */
export function cancelJob(w: World, job: CopyJob): void {
  const touched = job.phase === 'snapshot' ? new Set([sourceOf(job), job.target]) : null;
  stopStream(w, job);
  if (touched) rebalanceRates(w, touched);
  dropJob(w, job);
}

export function rebuildBytesRemaining(w: World): number {
  let remaining = 0;
  for (const job of w.jobs.values()) remaining += w.shardSizeBytes - bytesDoneNow(w, job);
  for (const shard of w.affected.values()) {
    if (shard.replicas.length === 0) continue;
    const missing = w.replicationFactor - shard.replicas.length - shard.jobs.length;
    if (missing > 0) remaining += missing * w.shardSizeBytes;
  }
  return remaining;
}

/** Failover steps during which the path itself will plan the shards of the node it is handling (steps 1–3). */
const PATH_STILL_PLANNING: ReadonlySet<string> = new Set([
  'removingFromRouter',
  'removingFromCoordinator',
  'waitingGrace',
  'computingTargets',
]);

/**
 * Short shards nobody is working on: under RF counting the copies queued or
 * running and the copies of returning nodes, with a replica to copy
 * from, and not in the hands of a failover path that has yet to plan them.
 * Whatever the shard's last "waiting" note says (no target then, callback-only
 * fallback, a node that came back in its grace period): that was the reason
 * at the time, and the migrator looks again whenever something changes.
 */
function shardsNeedingPlan(w: World, returning: readonly NodeRow[]): ShardRow[] {
  const pathPlans = PATH_STILL_PLANNING.has(String(w.fm.value)) ? new Set(w.fmAffectedShards) : null;
  return [...w.affected.values()].filter(
    (s) =>
      s.machine !== null &&
      s.machine.value !== 'lost' &&
      s.replicas.length > 0 &&
      !(pathPlans?.has(s.index) ?? false) &&
      covered(s, returning) < w.replicationFactor,
  );
}

/**
 * Copies the shard has or will have without a new plan: listed replicas,
 * copies queued or running, and copies on the disk of a node that is
 * REJOINING (told in its resync handshake; they are listed again once caught
 * up — re-homing them anyway would throw away what the grace period saved).
 */
function covered(shard: ShardRow, returning: readonly NodeRow[]): number {
  let coming = 0;
  for (const node of returning) if (node.disk.has(shard.index) && !shard.replicas.includes(node.index)) coming++;
  return shard.replicas.length + shard.jobs.length + coming;
}

/** The REJOINING nodes, listed once per re-plan rather than once per shard (1,000 nodes × 100,000 shards). */
const rejoiningNodes = (w: World): NodeRow[] => w.nodes.filter((node) => healthOf(node) === 'REJOINING');

/**
 * Plans again for under-replicated shards with no copy covering them, e.g.
 * after a node became ACTIVE or re-replication was switched back on. `why`
 * says what changed, for the log.
 */
export function replanWaitingShards(w: World, why: string): void {
  if (!w.failover.autoReReplicate || !w.fm.context.migratorHasNodes) return;
  const returning = rejoiningNodes(w);
  const waiting = shardsNeedingPlan(w, returning);
  if (waiting.length === 0) return;
  const planned: string[] = [];
  for (const shard of waiting) {
    while (covered(shard, returning) < w.replicationFactor) {
      const choice = planTarget(w, shard);
      if (choice.target === null) {
        setWaiting(shard, 'noTarget', `no eligible target: ${choice.summary}`);
        break;
      }
      enqueueJob(w, shard, w.nodeIndexById.get(choice.target)!, NO_FAILOVER);
      planned.push(`${shard.id} → ${choice.target}`);
    }
  }
  if (planned.length > 0) {
    record(
      w,
      'migrator',
      'migrator.replanned',
      `The migrator looks again at shards still short of replicas because ${why}: ${planned.length} new copy(ies) ` +
        `planned (${listSome(planned)}).`,
      'info',
      { reason: why, planned: planned.length },
    );
    pumpCopies(w);
  }
}
