/**
 * The classroom cluster the repair exercises share (design recovery-repair.md §14): the Cassandra-like profile
 * (leaderless, QUORUM writes and reads, whole-tree repair) on six nodes, sixteen shards of 1,024 keys at RF 3, trees
 * of depth 4 (16 leaves, small enough to draw). A down node stays in the ring, as in Cassandra, where only an operator
 * removes a node: nothing is re-homed, and cp does not declare it DEAD for five minutes, so the node comes back to
 * its replicas in their placement order and repair is what brings them up to date. Not a scenario itself: each
 * exercise spreads it and sets its own id, traffic, hints and timeline.
 */
import type { ScenarioFile } from '../scenario-file';

export const LEADERLESS_CLASSROOM = {
  seed: 1,
  profile: 'cassandra',
  nodes: 6,
  racks: 6,
  shards: 16,
  replicationFactor: 3,
  // 1,024 keys × a 1 KiB row (walWriteBytes).
  shardSizeBytes: 1048576,
  params: {
    keysPerShard: 1024,
    merkleMaxDepth: 4,
    deadAfterMs: 300000,
  },
} satisfies Omit<ScenarioFile, 'id'>;
