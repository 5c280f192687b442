/** A second node dies while the first rebuild is still copying. */
import type { ScenarioFile } from '../scenario-file';

export const secondFailureDuringRebuild: ScenarioFile = {
  id: 'second-failure-during-rebuild',
  title: 'A second failure mid-rebuild: one-copy shards first',
  seed: 1,
  nodes: 6,
  racks: 6,
  shards: 400,
  replicationFactor: 3,
  timeline: [
    { atMs: 5000, command: { type: 'node.crash', node: 'n3' } },
    { atMs: 20000, command: { type: 'node.crash', node: 'n5' } },
  ],
};
