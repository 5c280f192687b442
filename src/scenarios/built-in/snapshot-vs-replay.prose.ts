/** What the learner reads — An in-memory store restarts from a snapshot plus the log after it, or from the whole log. */
import type { ScenarioProse } from '../scenario-prose';

export const snapshotVsReplayProse: ScenarioProse = {
  description:
    'An in-memory store (ZeptoDB-like, as etcd and ZooKeeper) loses its state in a crash and rebuilds it at ' +
    'restart: load the latest snapshot, then replay the log after it. n3 holds 720 MiB and snapshots every 5,000 ' +
    'log records. Compare its restart with replaying the whole log, and find where one overtakes the other.',
  watch: [
    'Six nodes hold 90 shards of 16 MiB at RF 3: n3 keeps 45 replicas, 720 MiB, in memory. Clients write 1,000 times a second, so n3’s log grows by about 500 records a second.',
    'Every 5,000 records each node writes a snapshot. At 34.9 s, 2,400 records after its third snapshot (#15,003), n3’s process crashes; at 35.9 s it restarts.',
    'While it is away, writes to the 15 shards n3 leads fail: the restart time is downtime for them.',
    'The restart loads the snapshot (720 MiB at 512 MiB/s: 1,406 ms), then replays the 2,400 records after it (37 ms to read, 240 ms to apply at 0.1 ms each), after 500 ms of start-up: 2,184 ms in all, as the Recovery panel shows.',
    'Now without snapshots: load the scenario again and enter config.set:params.snapshotEveryRecords=0 before playing. n3 then replays all 17,400 records since it started: 500 + 272 + 1,740 = 2,512 ms.',
    'The snapshot wins only because the log is long enough. Loading 720 MiB costs as much as replaying about 12,200 records (1,406 ms ÷ 0.1156 ms a record); crash n3 earlier than that and the whole log is faster. Real logs grow to hundreds of thousands of records (etcd snapshots every 100,000), where the snapshot wins by far.',
  ],
};
