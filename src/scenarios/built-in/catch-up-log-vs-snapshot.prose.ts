/** What the learner reads — Catching up after an absence: from the primary's log when it still reaches back, by a whole copy when it does not. */
import type { ScenarioProse } from '../scenario-prose';

export const catchUpLogVsSnapshotProse: ScenarioProse = {
  description: 'x'.repeat(100),
  watch: [
    'Three nodes hold one 64 MiB shard, s001 (primary n1); clients write 20 times a second. The primary’s log keeps its last 50 entries (etcd keeps 5,000).',
    'n2 is away from 5 s to 6 s, then replays its log for about a second. The 40 writes it missed are still in n1’s log: catchup.logTail fetches them in a few milliseconds, a round trip plus 40 records at 32 MiB/s.',
    'n3 is away from 10 s to 50 s and misses about 800 writes. cp declares it DEAD at about 20 s but has no fourth node to re-home s001 to, so it waits.',
    'When n3 returns, its last contact is far past the 10 s hold and the log no longer reaches back (CockroachDB held truncation for a replica contactable in the last 10 s). catchup.snapshot: n3 copies all of s001 from n1, 64 MiB at 32 MiB/s = 2 s, then the log tail.',
    'Hundreds of times n2’s cost for an absence 40 times longer: this is why real systems hold the log for a replica heard from recently, and why a short outage can turn into hours of snapshots under a rate limit.',
  ],
};
