/** One flipped bit in the middle of a log, and what each of the four recovery modes does about it. */
import type { ScenarioFile } from '../scenario-file';

export const recoveryModesMidLog: ScenarioFile = {
  id: 'recovery-modes-mid-log',
  title: 'One bad record mid-log: stop there, refuse to start, or skip it',
  seed: 1,
  profile: 'postgresql',
  nodes: 3,
  racks: 3,
  shards: 3,
  replicationFactor: 3,
  shardSizeBytes: 16777216,
  placement: { s001: ['n1', 'n2', 'n3'], s002: ['n2', 'n1', 'n3'], s003: ['n1', 'n2', 'n3'] },
  workload: { writesPerSec: 10 },
  timeline: [
    { atMs: 4900, command: { type: 'wal.corrupt', node: 'n3', at: 'middle' } },
    { atMs: 5000, command: { type: 'node.crash', node: 'n3' } },
    { atMs: 7000, command: { type: 'node.restart', node: 'n3' } },
  ],
};
