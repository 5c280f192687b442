/** A thousand nodes in forty racks: n3 dies, then rack r7 goes dark. The console's largest picture. */
import type { ScenarioFile } from '../scenario-file';

export const fleet1000Nodes: ScenarioFile = {
  id: 'fleet-1000-nodes',
  title: '1,000 nodes in 40 racks: n3 dies, then rack r7 goes dark',
  seed: 1,
  nodes: 1000,
  racks: 40,
  shards: 100000,
  replicationFactor: 3,
  shardSizeBytes: 67108864,
  timeline: [
    { atMs: 5000, command: { type: 'node.crash', node: 'n3' } },
    { atMs: 30000, command: { type: 'rack.fail', rack: 'r7' } },
  ],
};
