/** What the learner reads — A node that comes back in time: the grace period saves a rebuild. */
import type { ScenarioProse } from '../scenario-prose';

export const flappingNodeGraceProse: ScenarioProse = {
  description:
    'Not every silent node is gone for good; many just reboot. With a 20-second grace period after a node ' +
    'is declared dead, n2 restarts and rejoins before any copy begins, so no data is moved. ' +
    'Set the grace period to zero to see the wasted rebuild it prevents.',
  watch: [
    'Six nodes in six racks, 120 shards. The grace period (rehomeGraceMs) is 20 s: re-homing waits 20 s after a node is declared DEAD.',
    'At 5 s n2 crashes. About 10 s later it is declared DEAD and its 60 shards are under-replicated, but no copy starts: the grace clock runs.',
    'At 18 s n2 restarts, replays its write-ahead log, and heartbeats again well before the grace period ends.',
    'n2 rejoins, its own copies catch up from the log, and every shard is whole again: bytes moved stay at 0.',
    'Now set the grace period to 0 in the FailoverManager panel and replay: the same blip triggers a full rebuild, wasted when n2 returns. That churn is why real systems wait minutes before re-homing.',
  ],
};
