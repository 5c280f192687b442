import { failoverManagerMachine, type FailoverManagerContext } from '../../machines/failover-manager.machine';
import { initialSnapshot } from '../../machines/machine-step';
import type { FailoverEvent } from '../../types';
import type { FailoverSnapshot } from '../rows';

/**
 * The world's failover-path record (`w.failoverPath`): written by the files of failover/; the migrator keeps
 * each path's count of outstanding and unplaced copies, read by anyone.
 */
export interface FailoverPathRecord {
  /** The failover-manager machine's snapshot. */
  machine: FailoverSnapshot;
  /** Shards the current failover must re-home, gathered when the router drops the node. */
  affectedShards: number[];
  /** Shards a failover path left to a node that came back in its grace period (node index → shard indexes). */
  leftToReturning: Map<number, number[]>;
  /** Targets computed but not yet handed to the migrator. */
  plan: { shard: number; target: number }[];
  /** One per failover path started, in order. */
  events: FailoverEvent[];
  /** Failover event index → copy jobs still outstanding for it. */
  jobsOutstanding: Map<number, number>;
  /** Failover event index → shards its copies could not place. */
  shardsUnplaced: Map<number, number>;
}

/** `settings`: the machine's input (the failover config and the params it times its steps by). */
export function newFailoverPathRecord(
  settings: Omit<FailoverManagerContext, 'current' | 'queue' | 'currentReturned' | 'currentRejoined'>,
): FailoverPathRecord {
  return {
    machine: initialSnapshot(failoverManagerMachine, settings),
    affectedShards: [],
    leftToReturning: new Map(),
    plan: [],
    events: [],
    jobsOutstanding: new Map(),
    shardsUnplaced: new Map(),
  };
}
