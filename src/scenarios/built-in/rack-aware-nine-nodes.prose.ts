/** What the learner reads — Nine nodes in three racks: n5 dies and its copies stay in rack r2. */
import type { ScenarioProse } from '../scenario-prose';

export const rackAwareNineNodesProse: ScenarioProse = {
  description:
    'Every shard has one copy per rack. When n5 in rack r2 fails, the other two racks already hold a copy ' +
    'of each of its shards, so the new copies can only go to the two surviving nodes in r2. ' +
    'Open a shard to see which candidates were turned down, and why.',
  watch: [
    'Nodes are dealt over racks in turn: r1 holds n1, n4, n7; r2 holds n2, n5, n8; r3 holds n3, n6, n9. Every shard keeps one copy in each rack.',
    'At 5 s n5 (rack r2) crashes. About 10 s later it is declared DEAD and its 100 shards are under-replicated.',
    'Racks r1 and r3 already hold a copy of each of those shards, so the only rack-diverse homes are n5’s rack-mates n2 and n8. Select any such shard: “Why this target” shows the nodes in r1 and r3 turned down for their rack.',
    'n2 and n8 receive 50 shards each. Only two nodes take the new copies, so the rebuild is slower than if all eight survivors helped: that is the price of a copy in every failure domain.',
  ],
};
