/** Two servers: automatic failover never happens. */
import type { ScenarioFile } from '../scenario-file';

export const twoServerNoFailover: ScenarioFile = {
  id: 'two-server-no-failover',
  title: 'Two servers: losing either one stops every write',
  seed: 1,
  profile: 'rethinkdb',
  nodes: 2,
  racks: 2,
  shards: 4,
  replicationFactor: 2,
  workload: { writesPerSec: 10 },
  timeline: [{ atMs: 5000, command: { type: 'node.crash', node: 'n2' } }],
};
