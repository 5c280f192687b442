import type { LostWrites, WorkloadSpec } from '../types';
import type { Scheduled } from './event-queue';
import type { SimEvent } from './rows';

/**
 * The world's client-traffic record (`w.workload`): written by workload.ts; writes lost when a node loses its
 * disk (node-lifecycle.ts) or a repair rolls them back (emergency-repair.ts) are counted there too. Read by anyone.
 */
export interface WorkloadRecord {
  /** Writes and reads per second, as the scenario or the latest command set them. */
  spec: WorkloadSpec;
  /** The next client write and read, while traffic runs. */
  timers: { write: Scheduled<SimEvent> | null; read: Scheduled<SimEvent> | null };
  writesAcked: number;
  writesFailed: number;
  writesLost: number;
  readsFresh: number;
  readsStale: number;
  readsFailed: number;
  lostWrites: LostWrites[];
}

export function newWorkloadRecord(spec: WorkloadSpec): WorkloadRecord {
  return {
    spec: { ...spec },
    timers: { write: null, read: null },
    writesAcked: 0,
    writesFailed: 0,
    writesLost: 0,
    readsFresh: 0,
    readsStale: 0,
    readsFailed: 0,
    lostWrites: [],
  };
}
