/**
 * Nine nodes in three racks: n5 dies and its copies stay in rack r2.
 *
 * What the learner should watch:
 * 1. Nodes are dealt over racks in turn: r1 = n1, n4, n7; r2 = n2, n5, n8;
 *    r3 = n3, n6, n9. Each shard keeps one copy in each rack.
 * 2. At 5 s n5 (rack r2) crashes; about 10 s later it is declared DEAD and
 *    its 100 shards are under-replicated.
 * 3. For every such shard, racks r1 and r3 already hold a copy, so the only
 *    rack-diverse candidates are n5's rack-mates n2 and n8. Ask any shard
 *    why it went where it went: nodes in r1 and r3 are rejected for their rack.
 * 4. n2 and n8 receive about 50 shards each; because only two nodes write,
 *    the rebuild takes longer than if all eight survivors could help.
 *    That is the price of keeping a copy in every failure domain.
 */
import type { ScenarioFile } from '../scenario-file';

export const rackAwareNineNodes: ScenarioFile = {
  id: 'rack-aware-nine-nodes',
  title: 'Nine nodes, three racks: the rebuild stays in the rack',
  description:
    'Every shard has one copy per rack. When n5 in rack r2 fails, the other two racks already hold a copy ' +
    'of each of its shards, so the new copies can only go to the two surviving nodes in r2. ' +
    'Open a shard to see which candidates were turned down, and why.',
  seed: 1,
  nodes: 9,
  racks: 3,
  shards: 300,
  replicationFactor: 3,
  timeline: [{ atMs: 5000, command: { type: 'node.crash', node: 'n5' } }],
};
