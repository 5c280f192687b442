/** What the learner reads — Six nodes, n3 dies: 200 shards re-home. */
import type { ScenarioProse } from '../scenario-prose';

export const rehomeWorkedExampleProse: ScenarioProse = {
  description:
    'A small cluster keeps three copies of every shard. When n3 stops, the monitor needs a few seconds ' +
    'to be sure it is gone; then each shard that lost a copy gets a fresh one on a surviving node. ' +
    'Watch the under-replicated count climb to 200 and drain back to zero as the rebuild spreads evenly.',
  watch: [
    'Before 5 s: 400 shards × 3 copies on 6 nodes in 6 racks. Every node holds 200 replicas and every shard is healthy.',
    'At 5 s n3 crashes. Its heartbeats stop, yet cp still shows it ACTIVE: truth and belief now disagree.',
    'After 3 s of silence n3 turns SUSPECT; after 10 s it is declared DEAD. That gap is the detection delay.',
    'The failover manager drops n3 from the router and the coordinator, then picks a new home for each of the 200 shards that had a copy there.',
    'Copies run under each node’s bandwidth limit and copy cap. Each of the five survivors receives about 40 shards (ideal: 200 ÷ 5).',
    'Under-replicated falls back to 0. Bytes moved equal exactly what n3 held (200 × 64 MiB = 12.5 GiB). Compare time to restore RF with the durability window, which also counts the detection delay.',
  ],
};
