/** What the learner reads — A restart, phase by phase: replay, verify, catch up, serve. */
import type { ScenarioProse } from '../scenario-prose';

export const restartWalkthroughProse: ScenarioProse = {
  description:
    'Follow n2 from a power loss back to serving, and write down the order in which it does things. A recovering ' +
    'node serves nothing until it has replayed and verified, and votes on a shard only once it has caught up; the ' +
    'event log\'s next-event button stops at each phase.',
  watch: [
    'Three nodes hold three shards at RF 3, n2 a secondary of each; clients write 20 times a second, and each node flushes its log every second (walSyncMode periodic). n2 takes a checkpoint at 24.8 s (#496).',
    'At 27.3 s n2 loses power. Of the 6 records after its fsync line (#540) none reached the disk whole: #541 is torn and #542–#546 are gone.',
    'At 29 s it restarts. Replay: it reads its control file and starts after checkpoint #496 (wal.replayStarted), applies #497 to #540, meets the torn #541 (wal.tornRecord) and finishes there (wal.replayFinished).',
    'Verify: it checks each replica’s header checksum (node.verified) and starts to heartbeat again. It came back 6 acknowledged writes short, so it is amnesiac on all three shards.',
    'Catch up: it plans what to fetch from its peers (catchup.planned), three shards from their primaries’ logs. Reintegrate: once every replica has caught up, it votes on all of them again (node.reintegrated).',
  ],
};
