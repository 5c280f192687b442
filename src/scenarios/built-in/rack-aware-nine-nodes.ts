/** Nine nodes in three racks: n5 dies and its copies stay in rack r2. */
import type { ScenarioFile } from '../scenario-file';

export const rackAwareNineNodes: ScenarioFile = {
  id: 'rack-aware-nine-nodes',
  title: 'Nine nodes, three racks: the rebuild stays in the rack',
  seed: 1,
  nodes: 9,
  racks: 3,
  shards: 300,
  replicationFactor: 3,
  timeline: [{ atMs: 5000, command: { type: 'node.crash', node: 'n5' } }],
};
