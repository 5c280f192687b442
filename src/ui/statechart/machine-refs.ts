import type { CopyView, MachineRef } from '../../engine/index';

/**
 * Which machines each place shows. Kept apart from the panel (which loads on demand) because the inspector and
 * the failover panel need these at start-up, and they are tiny.
 */

/** A node: the control plane's health monitor for it (the belief, what failover acts on) and its process (the truth). */
export function nodeMachineRefs(id: string): MachineRef[] {
  return [
    { kind: 'healthMonitor', id },
    { kind: 'node', id },
  ];
}

/** A shard: its replication machine, its primary's machine, and the machine of each copy job running for it. */
export function shardMachineRefs(id: string, copies: readonly CopyView[]): MachineRef[] {
  return [{ kind: 'shard', id }, { kind: 'shardPrimary', id }, ...copyJobRefs(id, copies)];
}

/**
 * The copy jobs of one shard. A copy job's id is `<shard>→<target>` (a shard never runs two copies to one node;
 * the engine's listMachines uses the same), unless its CopyView names the job itself (`jobId`).
 */
export function copyJobRefs(shard: string, copies: readonly CopyView[]): MachineRef[] {
  const refs: MachineRef[] = [];
  for (const copy of copies) {
    if (copy.shard !== shard) continue;
    const jobId = (copy as CopyView & { jobId?: string | null }).jobId;
    refs.push({ kind: 'copyJob', id: typeof jobId === 'string' ? jobId : `${copy.shard}→${copy.target}` });
  }
  return refs;
}

export const FAILOVER_MANAGER_REFS: readonly MachineRef[] = [{ kind: 'failoverManager', id: 'fm' }];
