import { copyPhaseOf } from '../../machines/copy-job-stepper';
import type { CopyJobStateValue } from '../../machines/copy-job.machine';
import { respondsToCp } from '../quorum';
import { sendShardEvent } from '../shard-events';
import { activeCount, dropJob } from './jobs';
import { retarget } from './retarget';
import { pumpCopies } from './start-copies';
import { stopStream } from './streams';
import { rebalanceRates } from './transfer';
import { formatBytes, record, sourceOf, type CopyJob, type NodeRow, type World } from '../world';

/** Copies that break: a node went down, a stream timed out, a replica came back another way. */

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
  if (!job.catchUp) sendShardEvent(w, shard, { type: 'copy.failed', copies: shard.replicas.length, copying: activeCount(w, shard) });
  if (blame === 'target') {
    if (job.catchUp) abandonCatchUp(w, job);
    else retarget(w, job, why);
  }
  rebalanceRates(w, touched);
}

/**
 * A stream made no progress for `copyStreamTimeoutMs`: the migrator abandons
 * the copy and re-plans it. It blames the end that stopped answering and avoids
 * it for this copy only; it picks the replacement on the monitor's belief, so a
 * node the monitor still trusts may be chosen even if it is down too.
 */
export function giveUpOnStream(w: World, job: CopyJob): void {
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
  if (blame === 'target' && job.catchUp) {
    abandonCatchUp(w, job);
    record(
      w,
      'migrator',
      'copy.streamStalled',
      `The stream to ${target.id} stalled for ${stalledFor}; its snapshot catch-up of ${shard.id} is dropped${wasted}. ` +
        `${target.id} plans its catch-up again when it is heard from.`,
      'warn',
      data,
    );
  } else if (blame === 'target') {
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
  if (!job.catchUp) sendShardEvent(w, shard, { type: 'copy.failed', copies: shard.replicas.length, copying: activeCount(w, shard) });
  rebalanceRates(w, touched);
  pumpCopies(w);
}

/** A node went down or left the placement: break its copies and re-plan them. */
export function abortJobsTouching(w: World, node: NodeRow, why: string): void {
  for (const job of [...w.migrator.jobs.values()]) {
    if (job.target === node.index) {
      if (job.catchUp) abandonCatchUp(w, job);
      else if (job.phase === 'queued') retarget(w, job, why);
      else failJob(w, job, why, 'target');
    } else if (job.source === node.index && job.phase === 'snapshot') {
      failJob(w, job, why, 'source');
    }
  }
}

/** The network healed or a node came back: sources that failed before deserve another try. */
export function forgetFailedSources(w: World): void {
  for (const job of w.migrator.jobs.values()) job.avoidSources = [];
}

/**
 * A snapshot catch-up whose target went away or stopped answering: dropped, never sent elsewhere. The replica
 * still lags, and its next catch-up is planned when its shard is next brought in line (catch-up.ts).
 */
export function abandonCatchUp(w: World, job: CopyJob): void {
  const shard = w.shards[job.shard];
  cancelJob(w, job);
  shard.catchUps?.delete(job.target);
  if (shard.catchUps?.size === 0) shard.catchUps = null;
}

/** Removes a job that is no longer needed (its replica came back another way). */
export function cancelJob(w: World, job: CopyJob): void {
  const touched = job.phase === 'snapshot' ? new Set([sourceOf(job), job.target]) : null;
  stopStream(w, job);
  if (touched) rebalanceRates(w, touched);
  dropJob(w, job);
}
