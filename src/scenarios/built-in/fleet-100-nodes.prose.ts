/** What the learner reads — 100 nodes in 10 racks: n3 dies, 300 of 10,000 shards re-home. */
import type { ScenarioProse } from '../scenario-prose';

export const fleet100NodesProse: ScenarioProse = {
  description:
    'The worked example at the size of a real storage fleet: a hundred nodes in ten racks hold 10,000 shards. ' +
    'Too many nodes to draw one by one, so the cluster view shows each rack as a tile with its counts. ' +
    'Watch one rack lose a node and the copies fan out from every other rack.',
  watch: [
    'Before 5 s: 100 nodes in racks r1 to r10, ten in each, every one of them up. Each node holds about 300 replicas.',
    'At 5 s n3 crashes. Its rack, r3, still reads 10 up: cp has not noticed. Search for n3 to open r3 and see the node itself.',
    'About 2.5 s later r3 shows 1 suspect; at 14.5 s it shows 1 dead, with a ✕ as well as a colour.',
    'The 300 shards that had a copy on n3 need a new home. The arrows between the racks show how many copies flow from each rack to the others: the work spreads over all 99 survivors, about three shards each.',
    'Because the load is spread so thin, RF is back about 4 s after n3 was declared DEAD, faster than the six-node worked example although 300 shards moved instead of 200.',
  ],
};
