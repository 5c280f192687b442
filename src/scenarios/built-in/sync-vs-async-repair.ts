/** Exercise 6: the same outage repaired on the read path (blocking read repair) or in the background (anti-entropy). */
import type { ScenarioFile } from '../scenario-file';
import { LEADERLESS_CLASSROOM } from './leaderless-classroom';

export const syncVsAsyncRepair: ScenarioFile = {
  ...LEADERLESS_CLASSROOM,
  id: 'sync-vs-async-repair',
  title: 'Synchronous repair: reads wait while they fix what they read',
  workload: { writesPerSec: 50, readsPerSec: 50 },
  params: { ...LEADERLESS_CLASSROOM.params, hintedHandoff: false, readRepair: 'BLOCKING', antiEntropyIntervalMs: 0 },
  timeline: [
    { atMs: 10000, command: { type: 'node.crash', node: 'n3' } },
    { atMs: 30000, command: { type: 'node.restart', node: 'n3' } },
    // At the end a full repair, so both runs converge and can be compared at rest.
    { atMs: 120000, command: { type: 'repair.run', shard: 'all', mode: 'full' } },
  ],
};

/** The same outage with read repair off and anti-entropy every 30 s: reads never wait; stale keys wait for the next pass. */
export const syncVsAsyncRepairAsync: ScenarioFile = {
  ...syncVsAsyncRepair,
  id: 'sync-vs-async-repair-async',
  title: 'Asynchronous repair: reads never wait; anti-entropy catches up every 30 s',
  params: { ...syncVsAsyncRepair.params, readRepair: 'NONE', antiEntropyIntervalMs: 30000 },
};
