import { sourceRefusal } from '../quorum';
import { corruptSourceRefused } from '../corrupt-copies';
import { sendShardEvent } from '../shard-events';
import { sendJobEvent } from './job-machine';
import { activeCount } from './jobs';
import { orderCopyQueue } from './queue-order';
import { retarget } from './retarget';
import { stallStream, streamAlive } from './streams';
import { rebalanceRates } from './transfer';
import { formatBytes, healthOf, record, type CopyJob, type NodeRow, type ShardRow, type World } from '../world';

/**
 * Starts every queued copy that can start now, most endangered shards first:
 * one copy left, then below a majority, then merely under-replicated.
 */
export function pumpCopies(w: World): void {
  const queued = orderCopyQueue(w, [...w.migrator.jobs.values()].filter((j) => j.phase === 'queued'));
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
  if (job.catchUp) return tryStartCatchUp(w, job, shard, cap);
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

/**
 * A snapshot catch-up has one target, the returning node: it waits for a slot there and for a source that may
 * serve (never re-planned elsewhere; failures.ts drops it if the node goes away).
 */
function tryStartCatchUp(w: World, job: CopyJob, shard: ShardRow, cap: number): { source: number; target: number } | null {
  const target = w.nodes[job.target];
  if (healthOf(target) === 'DEAD' || target.activeIn >= cap) return null;
  const source = pickSource(w, job, shard);
  if (source === 'busy' || source === 'none') return null;
  startCopy(w, job, source);
  return { source: source.index, target: target.index };
}

/**
 * A source is a replica the router lists, the monitor believes ACTIVE, and that may serve its data: not the
 * copy's own target, not recovering, catching up, amnesiac, divergent or corrupt (quorum/isolation.ts, §5.1).
 */
function pickSource(w: World, job: CopyJob, shard: ShardRow): NodeRow | 'busy' | 'none' {
  const cap = w.params.maxConcurrentCopiesPerNode;
  let best: NodeRow | null = null;
  let anyViable = false;
  for (const r of shard.replicas) {
    const node = w.nodes[r];
    if (job.avoidSources.includes(r) || r === job.target || healthOf(node) !== 'ACTIVE' || !node.registered) continue;
    if (sourceRefusal(w, shard, r) !== null) continue;
    anyViable = true;
    if (node.activeOut >= cap) continue;
    // Never a corrupt source: one cp knows of is refused above; one nobody knew of fails its checksums as the copy reads it.
    if (corruptSourceRefused(w, r, shard.index)) continue;
    // Spread the reads: fewest running copies, then fewest bytes sent so far.
    if (
      !best ||
      node.activeOut < best.activeOut ||
      (node.activeOut === best.activeOut && w.migrator.bytesOutByNode[r] < w.migrator.bytesOutByNode[best.index])
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
    job.catchUp
      ? `Catching ${target.id} up on ${shard.id} by snapshot: copying ${formatBytes(w.shardSizeBytes)} from ${source.id}, ` +
          `then the log tail (its own copy is older than the primary's log reaches).`
      : `Copying ${shard.id} (${formatBytes(w.shardSizeBytes)}) from ${source.id} to ${target.id}: snapshot first, then the log tail.`,
    'info',
    { shard: shard.id, source: source.id, target: target.id, ...(job.catchUp ? { catchUp: true } : {}) },
  );
  // A catch-up adds no replica: the shard's copy count does not change.
  if (!job.catchUp) sendShardEvent(w, shard, { type: 'copy.started', copies: shard.replicas.length, copying: activeCount(w, shard) });
}
