/** An in-memory store restarts from a snapshot plus the log after it, or from the whole log. */
import type { ScenarioFile } from '../scenario-file';

export const snapshotVsReplay: ScenarioFile = {
  id: 'snapshot-vs-replay',
  title: 'Snapshot plus a short log, or the whole log: which restarts faster?',
  seed: 1,
  profile: 'zeptodb',
  nodes: 6,
  racks: 6,
  shards: 90,
  replicationFactor: 3,
  shardSizeBytes: 16777216,
  workload: { writesPerSec: 1000 },
  params: { snapshotEveryRecords: 5000, walApplyMsPerRecord: 0.1, walReplayChunkRecords: 256 },
  timeline: [
    { atMs: 34855, command: { type: 'node.crash', node: 'n3' } },
    { atMs: 35855, command: { type: 'node.restart', node: 'n3' } },
  ],
};
