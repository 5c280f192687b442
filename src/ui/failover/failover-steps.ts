import type { FailoverEvent, FailoverManagerView, FailoverStep, Metrics } from '../../engine/index';

export type StepStatus = 'done' | 'current' | 'pending' | 'skipped';

export interface PathStep {
  key: string;
  title: string;
  /** What happens here, in the learner's words. */
  detail: string;
  status: StepStatus;
}

/** The failover path in order. `migrating` and `fallback` share a slot: one or the other runs. */
const ORDER: readonly Exclude<FailoverStep, 'idle' | 'fallback'>[] = [
  'removingFromRouter',
  'removingFromCoordinator',
  'waitingGrace',
  'computingTargets',
  'migrating',
  'callback',
];

/**
 * Re-replication still running after the failover path itself finished. With
 * `asyncReReplicate` the manager fires its callback and goes idle while the
 * copies go on for tens of seconds; the failover is not over for the learner
 * until they land.
 */
export interface BackgroundRebuild {
  /** Failed nodes whose copies are still running, oldest first. */
  nodes: string[];
  inFlight: number;
  queued: number;
}

export function backgroundRebuild(
  events: readonly FailoverEvent[],
  metrics: Pick<Metrics, 'copiesInFlight' | 'copiesQueued'>,
): BackgroundRebuild | null {
  const running = events.filter((e) => e.reReplicationAttempted && e.completedAtMs === null).map((e) => e.failedNode);
  if (running.length === 0) return null;
  return { nodes: [...new Set(running)], inFlight: metrics.copiesInFlight, queued: metrics.copiesQueued };
}

/**
 * The steps of the path with their status for the node being failed over.
 * When the manager is idle but a failed node's copies still run in the
 * background, that failover stays on screen with its migrate step lit (the
 * callback already fired: it does not wait for the copies). With nothing in
 * progress every step is pending.
 */
export function failoverPath(manager: FailoverManagerView, graceMs: number, rebuild: BackgroundRebuild | null = null): PathStep[] {
  const inBackground = manager.step === 'idle' && rebuild !== null;
  const node = manager.currentNode ?? (inBackground ? rebuild.nodes[rebuild.nodes.length - 1] : 'the node');
  const step: FailoverStep = inBackground ? 'migrating' : manager.step;
  const at = step === 'fallback' ? ORDER.indexOf('migrating') : ORDER.indexOf(step as (typeof ORDER)[number]);
  return ORDER.map((key, i) => {
    let status: StepStatus = step === 'idle' ? 'pending' : i < at ? 'done' : i === at ? 'current' : 'pending';
    if (inBackground && key === 'callback') status = 'done';
    if (key === 'waitingGrace' && graceMs === 0 && status !== 'current') status = 'skipped';
    const text = describe(key, node, graceMs, step === 'fallback');
    if (key === 'migrating' && status === 'current' && rebuild) text.detail = copyingDetail(rebuild, inBackground);
    return { key, status, ...text };
  });
}

function copyingDetail(rebuild: BackgroundRebuild, inBackground: boolean): string {
  const counts = `${rebuild.inFlight} ${rebuild.inFlight === 1 ? 'copy' : 'copies'} in flight, ${rebuild.queued} queued`;
  return inBackground
    ? `Copying in the background: ${counts}. The callback has fired; the failover is done when the last copy lands.`
    : `Copying each shard from a surviving replica to its target: ${counts}.`;
}

function describe(key: (typeof ORDER)[number], node: string, graceMs: number, fellBack: boolean): { title: string; detail: string } {
  switch (key) {
    case 'removingFromRouter':
      return { title: 'Router drops it', detail: `Queries stop going to ${node}; its replicas leave the routing table.` };
    case 'removingFromCoordinator':
      return { title: 'Coordinator drops it', detail: `${node} is no longer a member; no new work is planned on it.` };
    case 'waitingGrace':
      return graceMs === 0
        ? { title: 'Grace period', detail: 'Off (0 s): re-homing starts at once.' }
        : { title: 'Grace period', detail: `Wait ${graceMs / 1000} s in case ${node} comes back before copying anything.` };
    case 'computingTargets':
      return { title: 'Compute targets', detail: 'For each shard it held, pick a new node: distinct, rack-diverse, least loaded.' };
    case 'migrating':
      return fellBack
        ? { title: 'Fall back', detail: 'No migration: only the callback runs, shards stay under-replicated.' }
        : { title: 'Migrate or fall back', detail: 'Copy each shard from a surviving replica to its target, or fall back to callback only.' };
    case 'callback':
      return { title: 'Callback', detail: 'Report the FailoverEvent: shards affected, re-replication attempted and succeeded.' };
  }
}
