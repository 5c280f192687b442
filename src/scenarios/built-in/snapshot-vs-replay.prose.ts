/** What the learner reads — An in-memory store restarts from a snapshot plus the log after it, or from the whole log. */
import type { ScenarioProse } from '../scenario-prose';

export const snapshotVsReplayProse: ScenarioProse = {
  description:
    'An in-memory store (ZeptoDB-like, as etcd and ZooKeeper) loses its state in a crash and rebuilds it at ' +
    'restart: load the latest snapshot, then replay the log after it. n3 holds 720 MiB and snapshots every 5,000 ' +
    'log records. Compare its restart with replaying the whole log, and find where one overtakes the other.',
  watch: [
    'Six nodes hold 90 shards of 16 MiB at RF 3: n3 keeps 45 replicas, 720 MiB, in memory. Its log already holds 200,000 records from before the run starts (counted, not simulated one by one), and clients add about 500 a second.',
    'Every 5,000 records a node writes a snapshot; n3’s last one is at #200,000. At 4.76 s, 2,400 records later, n3’s process crashes; at 5.76 s it restarts.',
    'While it is away, writes to the shards n3 leads fail: the restart time is downtime for them.',
    'The restart loads the snapshot (720 MiB at 512 MiB/s: 1,406 ms), then replays the 2,400 records after it (38 ms to read, 240 ms to apply at 0.1 ms each), after 500 ms of start-up: 2,184 ms in all, as the Recovery panel shows.',
    'Now load “replay-without-snapshot”: the same run with snapshots off. n3 must replay all 202,400 records: 500 + 3,162 + 20,240 ms = 23.9 s, eleven times longer.',
    'Loading 720 MiB costs as much as replaying about 12,200 records (1,406 ms ÷ 0.1156 ms a record). With a shorter log the whole replay would win; real logs run to hundreds of thousands of records between snapshots (etcd takes one every 100,000), where the snapshot wins by far.',
  ],
};

/** The learner's words for the run without snapshots. */
export const replayWithoutSnapshotProse: ScenarioProse = {
  description:
    'The snapshot-vs-replay run with snapshots turned off. An in-memory store that never snapshots must rebuild its ' +
    'state from every log record it ever wrote: n3 replays 202,400 records before it can serve again.',
  watch: [
    'The same cluster, history and crash as snapshot-vs-replay; only snapshotEveryRecords is 0.',
    'At 5.76 s n3 restarts and there is no snapshot to load: redo starts at the first record of its log.',
    'Replay reads 4 MiB segments, one step each; the Recovery panel fills in 500 ms + 202,400 × 1,048 B ÷ 64 MiB/s + 202,400 × 0.1 ms = 23.9 s.',
    'Meanwhile cp declares n3 DEAD and re-homes its replicas: a long replay is an outage the rest of the cluster has to cover.',
  ],
};
