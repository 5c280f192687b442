/** Exercise 8: incremental repair validates only what changed since the last repair — and so never sees old rot. */
import type { ScenarioFile } from '../scenario-file';
import { LEADERLESS_CLASSROOM } from './leaderless-classroom';

export const incrementalRepair: ScenarioFile = {
  ...LEADERLESS_CLASSROOM,
  id: 'incremental-repair',
  title: 'Incremental repair: cheap, and blind to data already marked repaired',
  workload: { writesPerSec: 50, readsPerSec: 0 },
  params: { ...LEADERLESS_CLASSROOM.params, hintedHandoff: false },
  timeline: [
    { atMs: 5000, command: { type: 'node.crash', node: 'n3' } },
    { atMs: 12000, command: { type: 'node.restart', node: 'n3' } },
    { atMs: 20000, command: { type: 'repair.run', shard: 'all', mode: 'full' } },
    { atMs: 30000, command: { type: 'node.crash', node: 'n5' } },
    { atMs: 37000, command: { type: 'node.restart', node: 'n5' } },
    { atMs: 45000, command: { type: 'repair.run', shard: 'all', mode: 'incremental' } },
    // The writes stop; everything written so far has been repaired. Then a key rots on n2's copy of s004.
    { atMs: 55000, command: { type: 'workload.set', writesPerSec: 0 } },
    { atMs: 60000, command: { type: 'replica.corrupt', node: 'n2', shard: 's004', keys: 1 } },
    { atMs: 65000, command: { type: 'repair.run', shard: 'all', mode: 'incremental' } },
    { atMs: 80000, command: { type: 'repair.run', shard: 'all', mode: 'full' } },
  ],
};
