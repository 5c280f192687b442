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
 *
 * This file is the folder's door: modules outside migrator/ import from here;
 * files inside import each other directly (see CONTEXT.md for their order).
 */
export { planTarget } from './targets';
export { sendJobEvent } from './job-machine';
export { bytesDoneNow, rebalanceRates, rebuildBytesRemaining } from './transfer';
export { activeCount, catchUpJobOf, enqueueJob, holdFailover, NO_FAILOVER, releaseFailover } from './jobs';
export { checkCopyStreams } from './streams';
export { pumpCopies } from './start-copies';
export { replanWaitingShards } from './replan';
export { onCaughtUp, onSnapshotDone } from './commit';
export { abandonCatchUp, abortJobsTouching, cancelJob, failJob, forgetFailedSources, giveUpOnStream, type CopyFailureBlame } from './failures';
