/** A restart, phase by phase: replay, verify, catch up, serve. */
import type { ScenarioFile } from '../scenario-file';

export const restartWalkthrough: ScenarioFile = {
  id: 'restart-walkthrough',
  title: 'A restart, phase by phase: replay, verify, catch up, serve',
  seed: 28,
  profile: 'postgresql',
  nodes: 3,
  racks: 3,
  shards: 3,
  replicationFactor: 3,
  shardSizeBytes: 16777216,
  placement: { s001: ['n1', 'n3', 'n2'], s002: ['n3', 'n1', 'n2'], s003: ['n1', 'n3', 'n2'] },
  workload: { writesPerSec: 20 },
  params: { walSyncMode: 'periodic' },
  timeline: [
    { atMs: 27300, command: { type: 'node.crash', node: 'n2', kind: 'power' } },
    { atMs: 29000, command: { type: 'node.restart', node: 'n2' } },
  ],
};
