/** The same crash during replay with the page-LSN rule off: the second replay applies what the first already had. */
import type { ScenarioFile } from '../scenario-file';

export const crashDuringReplayNotIdempotent: ScenarioFile = {
  id: 'crash-during-replay-not-idempotent',
  title: 'The same crash during replay, without the page-LSN rule: writes counted twice',
  seed: 1,
  profile: 'postgresql',
  nodes: 3,
  racks: 3,
  shards: 3,
  replicationFactor: 3,
  shardSizeBytes: 16777216,
  placement: { s001: ['n1', 'n2', 'n3'], s002: ['n2', 'n1', 'n3'], s003: ['n1', 'n2', 'n3'] },
  workload: { writesPerSec: 20 },
  params: { idempotentApply: false },
  timeline: [
    { atMs: 5000, command: { type: 'node.crash', node: 'n3', kind: 'power' } },
    { atMs: 7000, command: { type: 'node.restart', node: 'n3' } },
    { atMs: 7750, command: { type: 'node.crash', node: 'n3' } },
    { atMs: 8500, command: { type: 'node.restart', node: 'n3' } },
  ],
};
