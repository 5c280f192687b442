/** Silent bit rot, found only by a deep scrub, then repaired by the operator. */
import type { ScenarioFile } from '../scenario-file';

export const bitRotDeepScrub: ScenarioFile = {
  id: 'bit-rot-deep-scrub',
  title: 'Silent bit rot: found only by a deep scrub, fixed by pg repair',
  seed: 1,
  profile: 'ceph',
  nodes: 4,
  racks: 4,
  shards: 12,
  replicationFactor: 3,
  shardSizeBytes: 16777216,
  placement: { s004: ['n1', 'n2', 'n3'] },
  workload: { writesPerSec: 10 },
  timeline: [
    { atMs: 20000, command: { type: 'replica.corrupt', node: 'n2', shard: 's004' } },
    { atMs: 90000, command: { type: 'shard.repair', shard: 's004' } },
  ],
};
