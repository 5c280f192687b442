/** What the learner reads — Exercise 5: a Merkle exchange you can predict, whole tree or level by level. */
import type { ScenarioProse } from '../scenario-prose';

const SETTING =
  'Cassandra-like, six nodes, sixteen shards of 1,024 keys, RF 2: s001 has two replicas, n2 and n4. Writes at CL ONE, 8 a second; no hints, no reads, so only repair fixes anything. Trees of depth D = 4: 16 leaves of 64 keys each.';

export const merkleDivergenceProse: ScenarioProse = {
  description:
    'Two replicas of one shard differ in a handful of keys. Before you run the repair, predict how many hashes the ' +
    'replicas exchange and how many keys are streamed; then run it and check. The Repair panel of s001 draws both trees.',
  watch: [
    SETTING,
    'At 10 s 2 keys of n4’s copy of s001 rot (replica.corrupt:n4,s001,2). From 12 s to 17 s n4 is down and misses 5 more writes to s001. At 30 s the two replicas differ in 7 keys.',
    'Predict: a key lies in leaf floor(token × 16 / 2³²) of its shard; these 7 fall in 5 leaves: 0, 2, 8, 10, 14 (the stale-key table lists them). Whole tree (Cassandra): each replica sends every hash, 2^(D+1) − 1 = 31, so 62 in one round trip. Streamed: every key of each differing leaf, d × 1,024 / 2^D = 320.',
    'At 30 s repair.run:s001,full: the trees are received, 5 leaves differ, 320 keys are streamed for 7 differing keys (overstreaming ×45.7), and the roots match again: c8383ed1. Level by level the same comparison would have cost 46 hashes: see merkle-divergence-level-by-level.',
    'At 40 s a full repair of every shard brings the writes n4 missed on its other shards: nothing is stale at 40.1 s.',
  ],
};

export const merkleDivergenceLevelByLevelProse: ScenarioProse = {
  description:
    'The same divergence, compared the Dynamo/Riak way: the replicas exchange roots, then descend only into the ' +
    'subtrees that differ, one round trip a level. Predict the hashes from the differing nodes at each level.',
  watch: [
    SETTING,
    'As in merkle-divergence: at 10 s 2 keys of n4’s copy rot, from 12 s to 17 s n4 misses writes, and at 30 s the replicas differ in 7 keys, in 5 of the 16 leaves.',
    'Level by level, each side sends 1 + 2 × Σ diff(ℓ) hashes, diff(ℓ) being the differing nodes at level ℓ above the leaves: 1 + 2 + 3 + 5, so 1 + 2 × 11 = 23 a side, 46 in all, over D + 1 = 5 round trips (merkle.rootsCompared, then merkle.descend per level). The whole tree would be 62 in one.',
    'The same leaves differ (0, 2, 8, 10, 14) and the same 320 keys are streamed: the exchange strategy changes what is compared, not what is repaired. With few differing leaves in a deep tree the saving is large (D = 15, one leaf: 31 hashes against 65,535).',
    'At 40 s a full repair of every shard converges the cluster.',
  ],
};
