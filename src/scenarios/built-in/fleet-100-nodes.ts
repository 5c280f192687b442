/** A hundred nodes in ten racks, n3 dies: 300 of 10,000 shards re-home. The shape `npm run bench` measures. */
import type { ScenarioFile } from '../scenario-file';

export const fleet100Nodes: ScenarioFile = {
  id: 'fleet-100-nodes',
  title: '100 nodes in 10 racks: n3 dies, 300 of 10,000 shards re-home',
  seed: 1,
  nodes: 100,
  racks: 10,
  shards: 10000,
  replicationFactor: 3,
  shardSizeBytes: 67108864,
  timeline: [{ atMs: 5000, command: { type: 'node.crash', node: 'n3' } }],
};
