/** The whole cluster loses power at once: with periodic fsync the writes of the last second are gone everywhere; with perCommit none. */
import type { ScenarioFile } from '../scenario-file';

export const clusterPowerLoss: ScenarioFile = {
  id: 'cluster-power-loss',
  title: 'Cluster-wide power loss with periodic fsync: the last second of acknowledged writes is gone',
  seed: 3,
  nodes: 3,
  racks: 3,
  shards: 6,
  replicationFactor: 3,
  shardSizeBytes: 16777216,
  workload: { writesPerSec: 20 },
  params: { walSyncMode: 'periodic', walSyncPeriodMs: 1000, tornWriteProbability: 0.5 },
  timeline: [
    { atMs: 10900, command: { type: 'cluster.powerLoss' } },
    { atMs: 13000, command: { type: 'node.restart', node: 'n1' } },
    { atMs: 13000, command: { type: 'node.restart', node: 'n2' } },
    { atMs: 13000, command: { type: 'node.restart', node: 'n3' } },
  ],
};

/** The same outage with every write flushed before it is acknowledged: nothing acknowledged is lost. */
export const clusterPowerLossPerCommit: ScenarioFile = {
  ...clusterPowerLoss,
  id: 'cluster-power-loss-per-commit',
  title: 'Cluster-wide power loss with perCommit fsync: no acknowledged write is lost',
  params: { ...clusterPowerLoss.params, walSyncMode: 'perCommit' },
};
