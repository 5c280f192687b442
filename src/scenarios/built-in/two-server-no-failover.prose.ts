/** What the learner reads — Two servers: automatic failover never happens. */
import type { ScenarioProse } from '../scenario-prose';

export const twoServerNoFailoverProse: ScenarioProse = {
  description:
    'With two voters per shard a majority means both. When n2 crashes, no shard can take writes and the control ' +
    'plane never fails over. Restart n2, or use emergency repair on a shard, to get writes back.',
  watch: [
    'Two nodes, four shards at RF 2. Each shard has two voters, so a write needs both, and so does an election.',
    'At 5 s n2 crashes. Every write fails from then on: the shards n1 leads reach one voter of two, and the shards n2 led have no primary.',
    'cp declares n2 DEAD but elects nobody: it reaches one voter of two, which is not more than half. It waits for ever.',
    'Only an operator can help: select a shard and run an emergency repair, or restart n2.',
  ],
};
