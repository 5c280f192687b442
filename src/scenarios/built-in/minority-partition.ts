/**
 * A minority partition.
 *
 * What the learner should watch:
 * 1. Five nodes, twenty shards at RF 3, 20 writes a second.
 * 2. At 5 s the network splits: n1 and n2 on one side, cp with n3, n4 and n5
 *    on the other. Shards led from the minority side stop taking writes: the
 *    router cannot reach their primary.
 * 3. cp declares n1 and n2 DEAD about 10 s later. Shards with two voters on
 *    the majority side get a new primary. Shards with two voters on the
 *    minority side cannot: cp reaches only one of their three voters.
 * 4. At 40 s the partition heals; the stranded shards elect primaries, laggards
 *    backfill, and no acknowledged write was lost.
 */
import type { ScenarioFile } from '../scenario-file';

export const minorityPartition: ScenarioFile = {
  id: 'minority-partition',
  title: 'A minority partition: the majority side carries on',
  description:
    'The network splits n1 and n2 away from the control plane and the other three nodes. Shards that keep a ' +
    'majority of voters with the control plane fail over; shards with two voters on the cut-off side wait until the network heals.',
  seed: 1,
  profile: 'rethinkdb',
  nodes: 5,
  racks: 5,
  shards: 20,
  replicationFactor: 3,
  workload: { writesPerSec: 20 },
  timeline: [
    { atMs: 5000, command: { type: 'network.partition', groups: [['n1', 'n2'], ['cp', 'n3', 'n4', 'n5']] } },
    { atMs: 40000, command: { type: 'network.heal' } },
  ],
};
