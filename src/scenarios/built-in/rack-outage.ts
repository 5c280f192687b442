/**
 * A whole rack goes dark: no rack-diverse home is left.
 *
 * What the learner should watch:
 * 1. Nine nodes in three racks; each of the 180 shards has one copy per rack.
 * 2. At 5 s rack r1 fails: n1, n4 and n7 stop together, and every shard
 *    drops to two copies at once.
 * 3. The three nodes are declared DEAD at about the same time; the failover
 *    manager handles them one after another.
 * 4. Every surviving node sits in r2 or r3, and each shard already has a copy
 *    in both. No candidate satisfies "a rack without a copy", so the engine
 *    relaxes the rack rule and says so in the trace for each choice.
 * 5. The cluster gets back to three copies per shard, but now two of them
 *    share a rack: a second rack failure could take out two copies at once.
 */
import type { ScenarioFile } from '../scenario-file';

export const rackOutage: ScenarioFile = {
  id: 'rack-outage',
  title: 'Rack r1 fails: the rack rule must bend',
  description:
    'Losing a rack takes out one copy of every shard at the same moment. With only two racks left, ' +
    'there is no rack that lacks a copy, so the rebuild places the third copy next to an existing one ' +
    'and the trace explains the trade-off.',
  seed: 1,
  nodes: 9,
  racks: 3,
  shards: 180,
  replicationFactor: 3,
  timeline: [{ atMs: 5000, command: { type: 'rack.fail', rack: 'r1' } }],
};
