import type { FailoverManagerView, FailoverStep } from '../../engine/index';

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
 * The steps of the path with their status for the node being failed over.
 * With no node in progress every step is pending.
 */
export function failoverPath(manager: FailoverManagerView, graceMs: number): PathStep[] {
  const node = manager.currentNode ?? 'the node';
  const at = manager.step === 'fallback' ? ORDER.indexOf('migrating') : ORDER.indexOf(manager.step as (typeof ORDER)[number]);
  return ORDER.map((key, i) => {
    let status: StepStatus = manager.step === 'idle' ? 'pending' : i < at ? 'done' : i === at ? 'current' : 'pending';
    if (key === 'waitingGrace' && graceMs === 0 && status !== 'current') status = 'skipped';
    return { key, status, ...describe(key, node, graceMs, manager.step === 'fallback') };
  });
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
