import { sendJobEvent } from './job-machine';
import { rebalanceRates, setTransfer, settle } from './transfer';
import { isUp, sourceOf, unschedule, type CopyJob, type World } from '../world';

/**
 * Streams that stop and start again. The migrator never reads the truth about
 * nodes: when an end of a stream dies or the link between them is cut, the
 * stream simply stops making progress, and only after `copyStreamTimeoutMs`
 * does the migrator give up on it (failures.ts `giveUpOnStream`).
 */

/** Truth: can this copy's stream move bytes? Both ends up in the process that opened it, and linked both ways. */
export function streamAlive(w: World, job: CopyJob): boolean {
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
export function stallStream(w: World, job: CopyJob): void {
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
  for (const job of w.migrator.jobs.values()) {
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
 * Ends a running copy's stream and puts the job back in the queue: frees its
 * slots, and counts the bytes already sent as wasted (they were moved, and
 * `bytesMoved` keeps them). Returns those bytes.
 */
export function stopStream(w: World, job: CopyJob, phase: CopyJob['phase'] = job.phase): number {
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
  w.migrator.bytesAbandoned += wastedBytes;
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
