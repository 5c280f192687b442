import { CopyJobStepper } from '../../machines/copy-job-stepper';
import type { TargetChoice } from '../../types';
import type { CopyJob } from '../rows';

/** The world's migrator record (`w.migrator`): written by the files of migrator/, read by anyone. */
export interface MigratorRecord {
  copyJobStepper: CopyJobStepper;
  /** Copy jobs queued or running, by id. */
  jobs: Map<number, CopyJob>;
  nextJobId: number;
  /**
   * The replica each queued copy will read from (job id → node), planned for the whole queue at once
   * (source-plan.ts), and the most copies that plan gives any one source.
   */
  plannedSources: Map<number, number>;
  sourcePlanMaxPerNode: number;
  /** Why each shard's latest target was chosen (or none was), for "why this target" (failover's fallback amends it). */
  explanations: Map<number, TargetChoice>;
  // Running totals for the metrics.
  bytesMoved: number;
  bytesAbandoned: number;
  targetsByNode: Int32Array;
  bytesInByNode: Float64Array;
  bytesOutByNode: Float64Array;
}

export function newMigratorRecord(nodeCount: number): MigratorRecord {
  return {
    copyJobStepper: new CopyJobStepper(),
    jobs: new Map(),
    nextJobId: 1,
    plannedSources: new Map(),
    sourcePlanMaxPerNode: 0,
    explanations: new Map(),
    bytesMoved: 0,
    bytesAbandoned: 0,
    targetsByNode: new Int32Array(nodeCount),
    bytesInByNode: new Float64Array(nodeCount),
    bytesOutByNode: new Float64Array(nodeCount),
  };
}
