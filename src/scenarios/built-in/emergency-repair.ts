/** Emergency repair of a shard that lost two of its three voters. */
import type { ScenarioFile } from '../scenario-file';

export const emergencyRepair: ScenarioFile = {
  id: 'emergency-repair',
  title: 'Emergency repair: writes back, at the price of the ones only the lost voters had',
  seed: 1,
  profile: 'rethinkdb',
  nodes: 3,
  racks: 3,
  shards: 1,
  replicationFactor: 3,
  placement: { s001: ['n1', 'n2', 'n3'] },
  workload: { writesPerSec: 10 },
  timeline: [
    { atMs: 3000, command: { type: 'network.partition', groups: [['n1', 'n2', 'cp'], ['n3']] } },
    { atMs: 4000, command: { type: 'link.heal', a: 'cp', b: 'n3' } },
    { atMs: 12000, command: { type: 'node.crash', node: 'n1' } },
    { atMs: 12000, command: { type: 'node.crash', node: 'n2' } },
    { atMs: 13000, command: { type: 'network.heal' } },
  ],
};
