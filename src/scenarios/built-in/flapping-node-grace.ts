/** A node that comes back in time: the grace period saves a rebuild. */
import type { ScenarioFile } from '../scenario-file';

export const flappingNodeGrace: ScenarioFile = {
  id: 'flapping-node-grace',
  title: 'A brief outage inside the grace period: nothing moves',
  seed: 1,
  nodes: 6,
  racks: 6,
  shards: 120,
  replicationFactor: 3,
  params: { rehomeGraceMs: 20000 },
  timeline: [
    { atMs: 5000, command: { type: 'node.crash', node: 'n2' } },
    { atMs: 18000, command: { type: 'node.restart', node: 'n2' } },
  ],
};
