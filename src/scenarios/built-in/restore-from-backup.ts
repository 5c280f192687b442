/** Three of six disks are destroyed at once: shards with no copy left come back only from backup b1; RPO and RTO by formula. */
import type { ScenarioFile } from '../scenario-file';

const nodes3 = (a: string, b: string, c: string) => [a, b, c];

/** Backup b1 at 30 s; at 45 s three disks are destroyed together. */
const OUTAGE: NonNullable<ScenarioFile['timeline']> = [
  { atMs: 30000, command: { type: 'backup.take', id: 'b1' } },
  { atMs: 45000, command: { type: 'node.destroy', node: 'n1' } },
  { atMs: 45000, command: { type: 'node.destroy', node: 'n2' } },
  { atMs: 45000, command: { type: 'node.destroy', node: 'n3' } },
];

export const restoreFromBackup: ScenarioFile = {
  id: 'restore-from-backup',
  title: 'Restore from backup: three disks gone, the cluster back as of b1 (RPO and RTO)',
  seed: 1,
  nodes: 6,
  racks: 1,
  shards: 12,
  replicationFactor: 3,
  shardSizeBytes: 268435456,
  // s001–s004 live only on n1–n3: destroying those three disks leaves no copy of them anywhere.
  placement: {
    s001: nodes3('n1', 'n2', 'n3'),
    s002: nodes3('n2', 'n3', 'n1'),
    s003: nodes3('n3', 'n1', 'n2'),
    s004: nodes3('n1', 'n3', 'n2'),
    s005: nodes3('n4', 'n5', 'n6'),
    s006: nodes3('n5', 'n6', 'n4'),
    s007: nodes3('n6', 'n4', 'n5'),
    s008: nodes3('n4', 'n6', 'n5'),
    s009: nodes3('n1', 'n4', 'n5'),
    s010: nodes3('n2', 'n5', 'n6'),
    s011: nodes3('n3', 'n6', 'n4'),
    s012: nodes3('n4', 'n1', 'n2'),
  },
  workload: { writesPerSec: 20 },
  params: { restoreBytesPerSecPerNode: 134217728 },
  timeline: [...OUTAGE, { atMs: 60000, command: { type: 'cluster.restore', backup: 'b1' } }],
};

/** The same outage with the log archived: point-in-time recovery to the moment of the disaster loses far fewer writes. */
export const restoreFromBackupPitr: ScenarioFile = {
  ...restoreFromBackup,
  id: 'restore-from-backup-pitr',
  title: 'Point-in-time restore: backup b1 plus archived log up to the disaster',
  params: { ...restoreFromBackup.params, walArchive: true, walSegmentBytes: 65536 },
  timeline: [...OUTAGE, { atMs: 60000, command: { type: 'cluster.restore', backup: 'b1', targetMs: 45000 } }],
};
