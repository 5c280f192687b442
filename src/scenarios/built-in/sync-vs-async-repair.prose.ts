/** What the learner reads — Exercise 6: synchronous (read-path) versus asynchronous (background) repair. */
import type { ScenarioProse } from '../scenario-prose';

const SHARED =
  'Cassandra-like: six nodes hold sixteen shards of 1,024 keys at RF 3, written and read at QUORUM, 50 writes and 50 reads a second, hinted handoff off. n3 is down from 10 s to 30 s; nothing is re-homed.';

export const syncVsAsyncRepairProse: ScenarioProse = {
  description:
    'Synchronous repair fixes a stale replica on the read path, before the read answers: the reader pays. Compare ' +
    'this run with sync-vs-async-repair-async, where reads never repair and a background anti-entropy pass does.',
  watch: [
    SHARED,
    'At 30 s n3 is back holding 396 keys stale. read_repair is BLOCKING, anti-entropy off.',
    'When the two replicas a read asks disagree, the coordinator writes the newest version back to n3 before it answers (read.repaired). By 120 s reads have repaired 140 keys and waited 560 ms for it in all, 4 ms each; no stale read was served: at QUORUM (R + W > N) one of the two replicas asked always holds the newest write.',
    'New writes overwrite stale keys too, but keys no read and no write touches stay stale: 69 at 120 s, among them the keys of shards where n3 is the third replica, which a QUORUM read never asks.',
    'At 120 s a full repair streams 6,016 keys and nothing is stale at 120.1 s. Now load sync-vs-async-repair-async and compare.',
  ],
};

export const syncVsAsyncRepairAsyncProse: ScenarioProse = {
  description:
    'Asynchronous repair: reads never repair (read_repair NONE) and never wait; every node runs an anti-entropy ' +
    'session for its shards every 30 s, in the background. Compare with sync-vs-async-repair.',
  watch: [
    SHARED,
    'read_repair is NONE; anti-entropy runs every 30 s. While n3 is down its shards’ sessions fail (a session needs every replica): 6 repair.failed before 30 s.',
    'Reads still notice stale replicas — 108 read.digestMismatch entries — but answer with the newest copy and fix nothing; no read waits, and no stale read was served (QUORUM).',
    'The next passes compare every shard’s trees and stream the differing leaves: by 60.0 s nothing is stale, after 9,856 keys streamed and 78 MiB validated. Background repair reached keys no read asked for; it paid in disk reads, not in read latency.',
    'At 120 s the same full repair as the other run finds nothing left to stream.',
  ],
};
