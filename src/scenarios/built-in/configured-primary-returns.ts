/** The configured primary comes back. */
import type { ScenarioFile } from '../scenario-file';

export const configuredPrimaryReturns: ScenarioFile = {
  id: 'configured-primary-returns',
  title: 'The configured primary returns, catches up and takes its role back',
  seed: 1,
  profile: 'rethinkdb',
  nodes: 3,
  racks: 3,
  shards: 6,
  replicationFactor: 3,
  workload: { writesPerSec: 20 },
  timeline: [
    { atMs: 5000, command: { type: 'node.crash', node: 'n1' } },
    { atMs: 25000, command: { type: 'node.restart', node: 'n1' } },
  ],
};
