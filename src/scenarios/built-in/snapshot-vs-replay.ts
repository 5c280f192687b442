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
  // 200,000 records stand for the traffic before t = 0 (design recovery-repair.md §4): the last snapshot before the
  // run is at #200,000, and the crash comes 2,400 records after it, when n3 appends #202,400 (at 4,758 ms).
  params: { snapshotEveryRecords: 5000, walApplyMsPerRecord: 0.1, walReplayChunkRecords: 256, walHistoryRecords: 200000 },
  timeline: [
    { atMs: 4759, command: { type: 'node.crash', node: 'n3' } },
    { atMs: 5759, command: { type: 'node.restart', node: 'n3' } },
  ],
};

/** The same run with snapshots turned off: the restart replays the whole log since n3 was born. */
export const replayWithoutSnapshot: ScenarioFile = {
  ...snapshotVsReplay,
  id: 'replay-without-snapshot',
  title: 'The same restart without snapshots: the whole log, record by record',
  params: { ...snapshotVsReplay.params, snapshotEveryRecords: 0 },
};
