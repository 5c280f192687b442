/** Exercise 1: read repair fixes only what is read (hot keys first); a full anti-entropy repair fixes the rest. */
import type { ScenarioFile } from '../scenario-file';
import { LEADERLESS_CLASSROOM } from './leaderless-classroom';

export const readRepairVsAntiEntropy: ScenarioFile = {
  ...LEADERLESS_CLASSROOM,
  id: 'read-repair-vs-anti-entropy',
  title: 'Read repair fixes what is read; anti-entropy fixes the rest',
  workload: { writesPerSec: 50, readsPerSec: 50 },
  params: { ...LEADERLESS_CLASSROOM.params, hintedHandoff: false, readRepair: 'BLOCKING' },
  timeline: [
    { atMs: 10000, command: { type: 'node.crash', node: 'n3' } },
    { atMs: 30000, command: { type: 'node.restart', node: 'n3' } },
    // From here on the clients only read: whatever stale keys go away, reads took them away.
    { atMs: 30000, command: { type: 'workload.set', writesPerSec: 0, readsPerSec: 50 } },
    { atMs: 90000, command: { type: 'repair.run', shard: 'all', mode: 'full' } },
  ],
};
