/** Exercise 5: two replicas of s001 differ in a few known keys; the learner predicts the Merkle exchange, then runs it. */
import type { ScenarioFile } from '../scenario-file';
import { LEADERLESS_CLASSROOM } from './leaderless-classroom';

export const merkleDivergence: ScenarioFile = {
  ...LEADERLESS_CLASSROOM,
  id: 'merkle-divergence',
  title: 'A Merkle exchange you can predict: two replicas, a few differing keys',
  // RF 2 and s001 pinned to n2 and n4: exactly one pair of trees to compare. CL ONE keeps writes going while n4 is down.
  replicationFactor: 2,
  placement: { s001: ['n2', 'n4'] },
  workload: { writesPerSec: 8, readsPerSec: 0 },
  params: { ...LEADERLESS_CLASSROOM.params, writeConsistency: 'ONE', readConsistency: 'ONE', hintedHandoff: false },
  timeline: [
    { atMs: 10000, command: { type: 'replica.corrupt', node: 'n4', shard: 's001', keys: 2 } },
    { atMs: 12000, command: { type: 'node.crash', node: 'n4' } },
    { atMs: 17000, command: { type: 'node.restart', node: 'n4' } },
    // The writes stop, so the trees hold still while you predict and the session runs.
    { atMs: 25000, command: { type: 'workload.set', writesPerSec: 0 } },
    { atMs: 30000, command: { type: 'repair.run', shard: 's001', mode: 'full' } },
    // Then every other shard n4 missed writes on, so the cluster converges.
    { atMs: 40000, command: { type: 'repair.run', shard: 'all', mode: 'full' } },
  ],
};

/** The same divergence compared level by level from the root (Dynamo, Riak), one round trip a level. */
export const merkleDivergenceLevelByLevel: ScenarioFile = {
  ...merkleDivergence,
  id: 'merkle-divergence-level-by-level',
  title: 'The same Merkle exchange, level by level: fewer hashes, more round trips',
  params: { ...merkleDivergence.params, merkleExchange: 'levelByLevel' },
};
