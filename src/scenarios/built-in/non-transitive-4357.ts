/** RethinkDB issue #4357: non-transitive connectivity stalls failover. */
import type { ScenarioFile } from '../scenario-file';

export const nonTransitive4357: ScenarioFile = {
  id: 'non-transitive-4357',
  title: 'Non-transitive cut: a majority exists, yet no failover (RethinkDB #4357)',
  seed: 1,
  profile: 'rethinkdb',
  nodes: 3,
  racks: 3,
  shards: 3,
  replicationFactor: 3,
  placement: { s001: ['n1', 'n2', 'n3'], s002: ['n2', 'n3', 'n1'], s003: ['n3', 'n1', 'n2'] },
  workload: { writesPerSec: 6 },
  timeline: [
    { atMs: 2000, command: { type: 'link.cut', a: 'cp', b: 'n2' } },
    { atMs: 4000, command: { type: 'node.crash', node: 'n1' } },
    { atMs: 40000, command: { type: 'link.heal', a: 'cp', b: 'n2' } },
  ],
};
