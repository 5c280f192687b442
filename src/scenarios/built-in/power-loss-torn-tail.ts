/** A power cut takes the unflushed end of a node's log; replay stops at the torn record; peers fill the gap. */
import type { ScenarioFile } from '../scenario-file';

export const powerLossTornTail: ScenarioFile = {
  id: 'power-loss-torn-tail',
  title: 'Power loss: the unflushed end of the log is gone, its last record torn',
  seed: 1,
  profile: 'postgresql',
  nodes: 3,
  racks: 3,
  shards: 3,
  replicationFactor: 3,
  shardSizeBytes: 16777216,
  placement: { s001: ['n1', 'n2', 'n3'], s002: ['n2', 'n1', 'n3'], s003: ['n1', 'n2', 'n3'] },
  workload: { writesPerSec: 20 },
  params: { walSyncMode: 'periodic' },
  timeline: [
    { atMs: 5500, command: { type: 'node.crash', node: 'n3', kind: 'power' } },
    { atMs: 8000, command: { type: 'node.restart', node: 'n3' } },
  ],
};
