/** Catching up after an absence: from the primary's log when it still reaches back, by a whole copy when it does not. */
import type { ScenarioFile } from '../scenario-file';

export const catchUpLogVsSnapshot: ScenarioFile = {
  id: 'catch-up-log-vs-snapshot',
  title: 'Catching up after an absence: a few log entries, or a whole snapshot',
  seed: 1,
  nodes: 3,
  racks: 3,
  shards: 1,
  replicationFactor: 3,
  placement: { s001: ['n1', 'n2', 'n3'] },
  workload: { writesPerSec: 20 },
  params: { logRetainEntries: 50, logTruncationHoldMs: 10000, rebuildBytesPerSecPerNode: 33554432, catchUpBytesPerSec: 33554432 },
  timeline: [
    { atMs: 5000, command: { type: 'node.crash', node: 'n2' } },
    { atMs: 6000, command: { type: 'node.restart', node: 'n2' } },
    { atMs: 10000, command: { type: 'node.crash', node: 'n3' } },
    { atMs: 50000, command: { type: 'node.restart', node: 'n3' } },
  ],
};
