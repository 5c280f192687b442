/** What the learner reads — A whole rack goes dark: no rack-diverse home is left. */
import type { ScenarioProse } from '../scenario-prose';

export const rackOutageProse: ScenarioProse = {
  description:
    'Losing a rack takes out one copy of every shard at the same moment. With only two racks left, ' +
    'there is no rack that lacks a copy, so the rebuild places the third copy next to an existing one ' +
    'and the trace explains the trade-off.',
  watch: [
    'Nine nodes in three racks; each of the 180 shards has one copy per rack.',
    'At 5 s rack r1 loses power: n1, n4 and n7 stop together, and every shard drops to two copies at once.',
    'The three nodes are declared DEAD within a second of each other; the failover manager handles them one after another.',
    'Every survivor sits in r2 or r3, and each shard already has a copy in both. No candidate is in “a rack without a copy”, so the rack rule is relaxed, and the trace says so for each choice.',
    'Every shard gets its third copy back, but two of its copies now share a rack: a second rack failure could take out two copies at once.',
  ],
};
