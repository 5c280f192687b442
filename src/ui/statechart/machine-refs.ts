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
 * The copy jobs of one shard. The engine names a copy's job on its CopyView (`jobId`) once copy jobs are machines;
 * until then a copy has no job to show.
 */
export function copyJobRefs(shard: string, copies: readonly CopyView[]): MachineRef[] {
  const refs: MachineRef[] = [];
  for (const copy of copies) {
    const jobId = (copy as CopyView & { jobId?: string | null }).jobId;
    if (copy.shard === shard && typeof jobId === 'string') refs.push({ kind: 'copyJob', id: jobId });
  }
  return refs;
}

export const FAILOVER_MANAGER_REFS: readonly MachineRef[] = [{ kind: 'failoverManager', id: 'fm' }];
