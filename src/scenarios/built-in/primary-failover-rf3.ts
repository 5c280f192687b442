/** Primary failover at RF 3, RethinkDB-style. */
import type { ScenarioFile } from '../scenario-file';

export const primaryFailoverRf3: ScenarioFile = {
  id: 'primary-failover-rf3',
  title: 'Primary failover at RF 3: a brief gap, no lost writes',
  seed: 1,
  profile: 'rethinkdb',
  nodes: 3,
  racks: 3,
  shards: 12,
  replicationFactor: 3,
  workload: { writesPerSec: 20, readsPerSec: 10 },
  timeline: [{ atMs: 5000, command: { type: 'node.crash', node: 'n1' } }],
};
