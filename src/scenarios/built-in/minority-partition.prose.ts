/** What the learner reads — A minority partition. */
import type { ScenarioProse } from '../scenario-prose';

export const minorityPartitionProse: ScenarioProse = {
  description:
    'The network splits n1 and n2 away from the control plane and the other three nodes. Shards that keep a ' +
    'majority of voters with the control plane fail over; shards with two voters on the cut-off side wait until the network heals.',
  watch: [
    'Five nodes, twenty shards at RF 3, 20 writes a second.',
    'At 5 s the network splits: n1 and n2 on one side; cp, n3, n4 and n5 on the other. Shards led from the small side stop taking writes: the router cannot reach their primary.',
    'About 10 s later cp declares n1 and n2 DEAD. Shards with two voters on the majority side get a new primary. Shards with two voters on the small side cannot: cp reaches only one of their three voters.',
    'At 40 s the partition heals. The stranded shards elect primaries, laggards backfill, and no acknowledged write was lost.',
  ],
};
