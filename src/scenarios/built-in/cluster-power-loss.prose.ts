/** What the learner reads — the whole cluster loses power at once; periodic fsync loses the last writes everywhere, perCommit none. */
import type { ScenarioProse } from '../scenario-prose';

export const clusterPowerLossProse: ScenarioProse = {
  description:
    'Every node loses power at the same instant, disks intact (design §10: a cluster-wide outage). Each keeps only ' +
    'the log it had flushed. With walSyncMode periodic a node acknowledges a write before it flushes, as Cassandra ' +
    'does with commitlog_sync: periodic, so the writes of the last flush period can be gone from every replica at once. ' +
    'Its twin cluster-power-loss-per-commit runs the same outage with every write flushed before it is acknowledged.',
  watch: [
    'Three nodes hold six shards at RF 3; clients write 20 times a second. Every node flushes its log once a second (walSyncPeriodMs 1000).',
    'At 10.9 s cluster.powerLoss cuts every node. Each crash entry says which records after its fsync line reached the disk, which one tore and which never arrived.',
    'The writes.lost alert lists the acknowledged writes no replica kept — 10 here, shard by shard — each LostWrites entry naming its cause, walSyncMode periodic. The bound is writesPerSec × walSyncPeriodMs = 20 × 1 s = 20.',
    'At 13 s the nodes restart and replay their logs; replay stops at a torn record. A node that came back behind what it acknowledged is amnesiac until it catches up from a peer that kept more.',
    'Load cluster-power-loss-per-commit: the same cut loses nothing — every crash entry says its log was flushed up to its last record.',
  ],
};

export const clusterPowerLossPerCommitProse: ScenarioProse = {
  description:
    'The same cluster-wide power cut as cluster-power-loss, with walSyncMode perCommit: a node flushes its log before it ' +
    'acknowledges a write. Nothing acknowledged can be lost to a power cut, whatever happens to every replica at once.',
  watch: [
    'At 10.9 s every node loses power. Each crash entry says its log was flushed up to its last record: nothing in it is lost.',
    'The nodes restart at 13 s and replay; no writes.lost alert appears and writesLost stays 0.',
    'The price is an fsync per write (the simulator charges no fsync latency, a simplification); Cassandra trades it away with commitlog_sync: periodic.',
  ],
};
