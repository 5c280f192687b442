/** What the learner reads — Exercise 1: read repair fixes only what is read; a full anti-entropy repair fixes the rest. */
import type { ScenarioProse } from '../scenario-prose';

export const readRepairVsAntiEntropyProse: ScenarioProse = {
  description:
    'A replica misses writes while it is down. Two mechanisms bring it back in line: read repair, on the read path, ' +
    'fixes a key when a read happens to compare it; anti-entropy (nodetool repair) compares every key range with ' +
    'Merkle trees and streams what differs. Watch which keys each one reaches.',
  watch: [
    'Cassandra-like: six nodes hold sixteen shards of 1,024 keys at RF 3, written and read at QUORUM (2 of 3), hinted handoff off. One key in ten (102 per shard) is hot and takes 90 % of the traffic.',
    'At 10 s n3 stops. For 20 s writes reach the other two replicas and are acknowledged; n3 misses 504 of them, and when it restarts at 30 s it holds 396 keys stale (341 of them hot) across its 8 shards. Nothing is re-homed: as in Cassandra, a down node stays in the ring.',
    'From 30 s the clients only read, 50 a second. A read at QUORUM asks two replicas; when their digests differ, read repair writes the newest version back before answering (read.repaired), and the client waits one more round trip, 4 ms. By 90 s reads have repaired 220 keys on n3, 219 of them hot; the reads waited 880 ms in all.',
    'Read repair reaches only keys that are read, on the replicas the read asks. At 90 s 176 keys are still stale: 42 cold keys and 35 hot ones no read has touched yet, and all 99 on s012 and s015, where n3 is the third replica, so a QUORUM read never asks it.',
    'At 90 s repair.run:all,full: each shard’s three replicas build Merkle trees of depth 4 (16 leaves) and send them whole, 31 hashes each, 1,488 in all. On the 8 shards that differ, every key of each differing leaf is streamed: 8,576 keys for 176 stale keys (overstreaming ×48.7). Nothing is stale at 90.1 s.',
  ],
};
