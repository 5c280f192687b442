/**
 * Exercise 10: the stage a partial-failure test plan plays on (design recovery-repair.md §14 row 10). The scenario
 * itself only sets the scene — a node that replays its log, anti-entropy sessions that run for seconds — and the
 * learner's plan (examples/plans/partial-failures.json) injects the faults, run over many seeds by
 * `npm run sim -- --plan <file> --seeds 1..20 --check`.
 */
import type { ScenarioFile } from '../scenario-file';
import { LEADERLESS_CLASSROOM } from './leaderless-classroom';

export const partialFailureLab: ScenarioFile = {
  ...LEADERLESS_CLASSROOM,
  id: 'partial-failure-lab',
  title: 'Partial network failures: the stage for a test plan',
  workload: { writesPerSec: 20, readsPerSec: 20 },
  params: {
    ...LEADERLESS_CLASSROOM.params,
    // Validation reads each 1 MiB replica at 512 KiB/s: a repair session lasts seconds, long enough to cut into.
    validationBytesPerSec: 524288,
    // No timed checkpoint and 20 ms a record: n3 replays its whole log, seconds of it whatever the seed, so a fault
    // can land in the middle of the replay in every run.
    checkpointIntervalMs: 0,
    walApplyMsPerRecord: 20,
    // Anti-entropy every 30 s, so what a failed session or an expired hint left stale converges without an operator.
    antiEntropyIntervalMs: 30000,
  },
  timeline: [
    // n3 loses power and comes back: its restart replays the log written since its last checkpoint.
    { atMs: 15000, command: { type: 'node.crash', node: 'n3', kind: 'power' } },
    { atMs: 25000, command: { type: 'node.restart', node: 'n3' } },
  ],
};
