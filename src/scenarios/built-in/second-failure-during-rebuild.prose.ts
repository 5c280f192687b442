/** What the learner reads — A second node dies while the first rebuild is still copying. */
import type { ScenarioProse } from '../scenario-prose';

export const secondFailureDuringRebuildProse: ScenarioProse = {
  description:
    'The rebuild after one failure takes tens of seconds, and that is a window in which another failure ' +
    'hurts more. Here n5 dies while n3\'s shards are still being copied, so some shards fall to a single ' +
    'copy. Watch the copy queue reorder itself so those shards are protected first.',
  watch: [
    'The same cluster as the worked example: 6 nodes in 6 racks, 400 shards at RF 3.',
    'At 5 s n3 crashes. About 10 s later it is DEAD and 200 shards start re-homing, a few copies at a time per node.',
    'At 20 s, with most copies still queued, n5 crashes too. Shards that had copies on both n3 and n5 now have one live copy: the grid marks them “1” (last copy) and Fewest copies drops to 1.',
    'For a few seconds cp still believes n5 is up. Copies streaming to or from it stall until the stream times out; queued copies aimed at n5 move elsewhere once the monitor suspects it. The gap between truth and belief has a cost.',
    'Once n5 is DEAD, shards down to one copy jump to the front of the copy queue, ahead of shards that still have two: the rebuild is ordered by risk.',
  ],
};
