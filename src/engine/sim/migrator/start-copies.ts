import { cpActing, noteCopyPlanned } from '../control-plane/journal';
import { sourceRefusal } from '../quorum';
import { corruptSourceRefused } from '../corrupt-copies';
import { sendShardEvent } from '../shard-events';
import { sendJobEvent } from './job-machine';
import { activeCount } from './jobs';
import { orderCopyQueue } from './queue-order';
import { planSources } from './source-plan';
import { retarget } from './retarget';
import { stallStream, streamAlive } from './streams';
import { rebalanceRates } from './transfer';
import { formatBytes, healthOf, record, type CopyJob, type NodeRow, type ShardRow, type World } from '../world';

/**
 * Starts every queued copy that can start now, most endangered shards first:
 * one copy left, then below a majority, then merely under-replicated. Each
 * reads from the source planned for it with the whole queue (source-plan.ts).
 */
export function pumpCopies(w: World): void {
  // No control-plane leader that has applied the journal: nobody may start a copy (design §8.3).
  if (!cpActing(w)) return;
  const queued = orderCopyQueue(w, [...w.migrator.jobs.values()].filter((j) => j.phase === 'queued'));
  if (queued.length === 0) return;
  const cap = w.params.maxConcurrentCopiesPerNode;
  planSources(w, queued);
  const spare = spareBandwidth(w);
  const changed = new Set<number>();
  const order = busiestEndsFirst(w, queued);
  const paired = pairFreeEnds(w, order, cap, spare);
  // The copies of the pairing first, then any other that still finds room (a node with bandwidth left over).
  for (const first of [true, false]) {
    for (const job of order) {
      if (job.phase !== 'queued' || paired.has(job.id) !== first) continue;
      const started = tryStart(w, job, cap, spare);
      if (!started) continue;
      changed.add(started.source).add(started.target);
      // The new stream takes what both ends had to spare (rebalanceRates sets its real rate below).
      const rate = Math.min(spare.out[started.source], spare.in[started.target]);
      spare.out[started.source] -= rate;
      spare.in[started.target] -= rate;
    }
  }
  if (changed.size > 0) rebalanceRates(w, changed);
}

/**
 * The copies to start now, as a maximum matching of free targets to free sources (each queued copy joins its
 * target to its planned source): taken one by one in queue order, an early copy can take the one free source a
 * later copy needed while its own target had another, and a node idles for a whole shard-time. Targets are tried
 * in `order` (most endangered, then busiest, first), and an earlier pairing gives way along an augmenting path.
 */
function pairFreeEnds(w: World, order: readonly CopyJob[], cap: number, spare: Spare): Set<number> {
  const plan = w.migrator.plannedSources;
  const edges = new Map<number, { job: number; source: number }[]>();
  for (const job of order) {
    const source = plan.get(job.id);
    if (source === undefined) continue;
    const t = w.nodes[job.target];
    const s = w.nodes[source];
    if (job.catchUp ? healthOf(t) === 'DEAD' : healthOf(t) !== 'ACTIVE' || !t.registered) continue;
    if (!hasRoom(t.activeIn, cap, spare.in[t.index], t.bandwidthBytesPerSec)) continue;
    if (!hasRoom(s.activeOut, cap, spare.out[s.index], s.bandwidthBytesPerSec)) continue;
    let list = edges.get(t.index);
    if (!list) edges.set(t.index, (list = []));
    list.push({ job: job.id, source });
  }
  const bySource = new Map<number, { target: number; job: number }>();
  const seen = new Int32Array(w.nodes.length);
  let stamp = 0;
  const claim = (target: number): boolean => {
    for (const { job, source } of edges.get(target)!) {
      if (seen[source] === stamp) continue;
      seen[source] = stamp;
      const holder = bySource.get(source);
      if (holder === undefined || claim(holder.target)) {
        bySource.set(source, { target, job });
        return true;
      }
    }
    return false;
  };
  for (const target of edges.keys()) {
    stamp++;
    claim(target);
  }
  return new Set([...bySource.values()].map((p) => p.job));
}

/**
 * Within each risk rank, copies whose ends have the most copies still queued go first: a node with more to do
 * than the others decides when the rebuild ends, so it should never wait while its copies could run (longest
 * work first, as in any open-shop schedule). A stable sort: equal copies keep the queue's order.
 */
function busiestEndsFirst(w: World, queued: readonly CopyJob[]): CopyJob[] {
  const plan = w.migrator.plannedSources;
  const waitingIn = new Int32Array(w.nodes.length);
  const waitingOut = new Int32Array(w.nodes.length);
  for (const job of queued) {
    waitingIn[job.target]++;
    const source = plan.get(job.id);
    if (source !== undefined) waitingOut[source]++;
  }
  const work = (job: CopyJob) => {
    const source = plan.get(job.id);
    return Math.max(waitingIn[job.target], source === undefined ? 0 : waitingOut[source]);
  };
  return [...queued].sort((a, b) => (a.queueRank ?? 0) - (b.queueRank ?? 0) || work(b) - work(a));
}

/**
 * Bandwidth each node leaves unused in each direction: its rebuild bandwidth minus the rates of the copies moving
 * through it. A stalled stream keeps its slot but moves nothing, so its share is spare.
 */
interface Spare {
  in: Float64Array;
  out: Float64Array;
}

function spareBandwidth(w: World): Spare {
  const spare: Spare = {
    in: Float64Array.from(w.nodes, (n) => n.bandwidthBytesPerSec),
    out: Float64Array.from(w.nodes, (n) => n.bandwidthBytesPerSec),
  };
  for (const job of w.migrator.jobs.values()) {
    if (job.phase !== 'snapshot' || job.source === null) continue;
    spare.in[job.target] -= job.rateBytesPerSec;
    spare.out[job.source] -= job.rateBytesPerSec;
  }
  return spare;
}

/**
 * A node takes another copy in one direction while it has a slot (`maxConcurrentCopiesPerNode`) AND bandwidth to
 * spare. Copies share a node's bandwidth, so a second stream onto a node whose one stream already fills it adds
 * nothing: it halves the first, and the half its other end can no longer send is wasted (the rate is the smaller
 * of the two ends' shares). Waiting for a node with room keeps every stream at full speed.
 */
const SPARE_EPSILON = 1e-6;
function hasRoom(active: number, cap: number, spare: number, bandwidth: number): boolean {
  return active < cap && spare > bandwidth * SPARE_EPSILON;
}

/**
 * Starts one queued copy if it can start now. A copy given a new target is
 * tried again at once: nothing else may come along to start it later (a
 * quiet cluster has no further event), and it would wait for ever.
 */
function tryStart(w: World, job: CopyJob, cap: number, spare: Spare): { source: number; target: number } | null {
  const shard = w.shards[job.shard];
  if (job.catchUp) return tryStartCatchUp(w, job, shard, cap, spare);
  // Each retarget adds the old target to the job's avoid list, so this ends.
  for (let attempt = 0; attempt <= w.nodes.length; attempt++) {
    const current = w.nodes[job.target];
    if (healthOf(current) !== 'ACTIVE' || !current.registered) {
      const why = current.registered ? `the monitor says ${current.id} is ${healthOf(current)}` : `${current.id} is no longer registered`;
      if (retarget(w, job, why) === null) return null;
    }
    const target = w.nodes[job.target];
    if (!hasRoom(target.activeIn, cap, spare.in[target.index], target.bandwidthBytesPerSec)) return null;
    const source = pickSource(w, job, shard, spare);
    if (source === 'busy') return null;
    if (source !== 'none') {
      startCopy(w, job, source);
      return { source: source.node.index, target: target.index };
    }
    if (shard.replicas.some((r) => !job.avoidSources.includes(r) && healthOf(w.nodes[r]) === 'ACTIVE')) return null;
    if (retarget(w, job, `no source can reach ${target.id}`) === null) return null;
  }
  return null;
}

/**
 * A snapshot catch-up has one target, the returning node: it waits for a slot there and for a source that may
 * serve (never re-planned elsewhere; failures.ts drops it if the node goes away).
 */
function tryStartCatchUp(w: World, job: CopyJob, shard: ShardRow, cap: number, spare: Spare): { source: number; target: number } | null {
  const target = w.nodes[job.target];
  if (healthOf(target) === 'DEAD' || !hasRoom(target.activeIn, cap, spare.in[target.index], target.bandwidthBytesPerSec)) return null;
  const source = pickSource(w, job, shard, spare);
  if (source === 'busy' || source === 'none') return null;
  startCopy(w, job, source);
  return { source: source.node.index, target: target.index };
}

/** The source chosen for a copy, and how many replicas could have served it (for the trace's "why"). */
interface SourcePick {
  node: NodeRow;
  servable: number;
  planned: boolean;
}

/**
 * A source is a replica the router lists, the monitor believes ACTIVE, and that may serve its data: not the
 * copy's own target, not recovering, catching up, amnesiac, divergent or corrupt (quorum/isolation.ts, §5.1).
 * The planned one (source-plan.ts): the copy waits while it is busy. Without a plan (a source just refused
 * by corruption found as it was read), the least busy.
 */
function pickSource(w: World, job: CopyJob, shard: ShardRow, spare: Spare): SourcePick | 'busy' | 'none' {
  const cap = w.params.maxConcurrentCopiesPerNode;
  const planned = w.migrator.plannedSources.get(job.id) ?? null;
  let best: NodeRow | null = null;
  let servable = 0;
  let plannedBusy = false;
  for (const r of shard.replicas) {
    const node = w.nodes[r];
    if (job.avoidSources.includes(r) || r === job.target || healthOf(node) !== 'ACTIVE' || !node.registered) continue;
    if (sourceRefusal(w, shard, r) !== null) continue;
    servable++;
    if (!hasRoom(node.activeOut, cap, spare.out[r], node.bandwidthBytesPerSec)) {
      if (r === planned) plannedBusy = true;
      continue;
    }
    // Never a corrupt source: one cp knows of is refused above; one nobody knew of fails its checksums as the copy reads it.
    if (corruptSourceRefused(w, r, shard.index)) continue;
    if (best !== null && best.index === planned) continue;
    // Fewest running copies, then fewest bytes sent so far (when nothing is planned).
    if (
      !best ||
      r === planned ||
      node.activeOut < best.activeOut ||
      (node.activeOut === best.activeOut && w.migrator.bytesOutByNode[r] < w.migrator.bytesOutByNode[best.index])
    )
      best = node;
  }
  if (plannedBusy) return 'busy';
  if (best) return { node: best, servable, planned: best.index === planned };
  return servable > 0 ? 'busy' : 'none';
}

/** Why this replica serves the copy, in a few words for the trace. */
function sourceWhy(shardId: string, pick: SourcePick): string {
  const { node, servable } = pick;
  if (node.activeOut > 0)
    return `${node.id} already sends ${node.activeOut === 1 ? '1 other copy' : `${node.activeOut} other copies`}: no replica that can serve ${shardId} is idle.`;
  return servable === 1
    ? `${node.id} sends no other copy and is the only replica that can serve ${shardId}.`
    : `${node.id} sends no other copy (one of ${servable} replicas that can serve ${shardId}).`;
}

function startCopy(w: World, job: CopyJob, pick: SourcePick): void {
  const source = pick.node;
  const shard = w.shards[job.shard];
  const why = sourceWhy(shard.id, pick);
  const target = w.nodes[job.target];
  job.source = source.index;
  sendJobEvent(w, job, { type: 'copy.started' });
  // The plan goes into the control plane's journal as the target is told (a no-op without one).
  noteCopyPlanned(w, job);
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
    job.catchUp
      ? `Catching ${target.id} up on ${shard.id} by snapshot: copying ${formatBytes(w.shardSizeBytes)} from ${source.id}, ` +
          `then the log tail (its own copy is older than the primary's log reaches). ${why}`
      : `Copying ${shard.id} (${formatBytes(w.shardSizeBytes)}) from ${source.id} to ${target.id}: snapshot first, then the log tail. ${why}`,
    'info',
    { shard: shard.id, source: source.id, target: target.id, ...(job.catchUp ? { catchUp: true } : {}) },
  );
  // A catch-up adds no replica: the shard's copy count does not change.
  if (!job.catchUp) sendShardEvent(w, shard, { type: 'copy.started', copies: shard.replicas.length, copying: activeCount(w, shard) });
}
