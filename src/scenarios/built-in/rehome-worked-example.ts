/** Six nodes, n3 dies: 200 shards re-home. */
import type { ScenarioFile } from '../scenario-file';

export const rehomeWorkedExample: ScenarioFile = {
  id: 'rehome-worked-example',
  title: 'Six nodes, n3 dies: 200 shards re-home',
  seed: 1,
  nodes: 6,
  racks: 6,
  shards: 400,
  replicationFactor: 3,
  shardSizeBytes: 67108864,
  timeline: [{ atMs: 5000, command: { type: 'node.crash', node: 'n3' } }],
};
