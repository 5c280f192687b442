/** What the learner reads — three disks destroyed at once; shards with no copy come back only from backup b1. */
import type { ScenarioProse } from '../scenario-prose';

export const restoreFromBackupProse: ScenarioProse = {
  description:
    'Replication protects against losing one disk, not three at once. Here n1, n2 and n3 are destroyed together, and ' +
    'shards s001–s004 lived only there: no copy is left to re-replicate from. The operator restores the whole cluster ' +
    'from backup b1, taken at 30 s. Everything acknowledged after that instant is gone (the RPO), and the restore takes ' +
    'as long as its formula says (the RTO). Open the "Backups & restore" tab beside Metrics.',
  watch: [
    'Six nodes hold twelve shards of 256 MiB at RF 3; clients write 20 times a second. At 30 s backup b1 copies every shard as of that instant: 599 acknowledged writes.',
    'At 45 s n1–n3 lose their disks for good. s001–s004 had no other copy: they are LOST. The surviving shards re-home onto n4–n6 and keep taking writes.',
    'At 60 s cluster.restore:b1 reloads every shard onto the three running nodes — the lost ones included — and client traffic pauses. Copies still under way stop: the restore rewrites every shard.',
    'RTO = 12 shards × 3 copies × 256 MiB = 9 GiB ÷ (3 nodes × 128 MiB/s) = 24 s: the restore finishes at 84 s.',
    'RPO: the 453 writes acknowledged after 30 s are listed as lost, shard by shard, with the cause "restored to backup b1 taken at 30.0 s" — including those on shards that had survived, since a cluster restore takes every shard back to one instant.',
    'Compare restore-from-backup-pitr: with the log archived, the same restore replays it to the moment of the disaster and loses far fewer writes.',
  ],
};

export const restoreFromBackupPitrProse: ScenarioProse = {
  description:
    'The outage of restore-from-backup with walArchive on: every sealed log segment is archived, as PostgreSQL\'s ' +
    'archive_command does. The restore loads backup b1 and then replays the archived log up to 45 s, the moment the ' +
    'disks were destroyed (point-in-time recovery: a base backup plus archived WAL).',
  watch: [
    'Segments are 64 KiB here (walSegmentBytes), 62 writes each; a segment is archived once it is full, so writes in the segment still open cannot be replayed.',
    'At 60 s cluster.restore:b1,45000 loads the backup as before (24 s), then scans and applies the 300 archived writes acknowledged between 30 s and 45 s: 307 KiB at 64 MiB/s plus 300 × 5 ms.',
    'RTO = 24 s + 5 ms + 1,500 ms ≈ 25.5 s, filled in on the restore panel.',
    'RPO falls from 453 writes to 153: only the writes the surviving shards took after 45 s are lost, with the cause "restored to backup b1 taken at 30.0 s and its archived log up to 45.0 s".',
  ],
};
