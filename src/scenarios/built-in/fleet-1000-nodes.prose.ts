/** What the learner reads — 1,000 nodes in 40 racks: n3 dies, then rack r7 goes dark. */
import type { ScenarioProse } from '../scenario-prose';

export const fleet1000NodesProse: ScenarioProse = {
  description:
    'A thousand nodes in forty racks hold 100,000 shards. First one node dies, then a whole rack loses power. ' +
    'The cluster view shows each rack as a tile with its counts of up, suspect and dead nodes and its copies in and out; ' +
    'open a rack, or search for a node, to see the nodes inside.',
  watch: [
    'Before 5 s: 40 racks of 25 nodes each, all up. Every node holds about 300 replicas.',
    'At 5 s n3 crashes. Within seconds rack r3 reads 1 suspect, then 1 dead: that one tile tells you which rack lost a node, and opening it shows which node.',
    'n3’s 300 shards re-home onto about 300 different nodes in the other racks, so the copy flows are thin and RF is back within a few seconds.',
    'At 30 s rack r7 loses power: all 25 of its nodes stop at once. cp notices them one by one over the next ten seconds, and the r7 tile goes from 25 up through suspect to 25 dead.',
    'About 7,500 shards lost a copy in r7. Watch the copies flow out of the 38 healthy racks (never into r3’s dead node or r7), until under-replicated falls back to 0.',
  ],
};
