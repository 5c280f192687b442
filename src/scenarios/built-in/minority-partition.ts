/** A minority partition. */
import type { ScenarioFile } from '../scenario-file';

export const minorityPartition: ScenarioFile = {
  id: 'minority-partition',
  title: 'A minority partition: the majority side carries on',
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
