/** What the learner reads — Silent bit rot, found only by a deep scrub, then repaired by the operator. */
import type { ScenarioProse } from '../scenario-prose';

export const bitRotDeepScrubProse: ScenarioProse = {
  description:
    'A key in n2\'s copy of s004 rots on disk. Nothing reads it, so nothing notices: not the clients, not the light ' +
    'scrubs that compare sizes and counts. Only a deep scrub, which reads every byte, finds it. Ceph then marks the ' +
    'placement group inconsistent and waits for an operator.',
  watch: [
    'Ceph-like profile: four nodes hold twelve 16 MiB shards at RF 3, s004 on n1, n2 and n3. Each node light-scrubs every 20 s and deep-scrubs every 60 s (Ceph: daily and weekly).',
    'At 20 s one key of n2’s copy of s004 rots. n2’s deep scrub had read s004 at 16 s, just before.',
    'Light scrubs pass it: they compare sizes and object counts, and rot changes neither.',
    'At 82.3 s n2’s next deep scrub starts, reading its 9 replicas in shard order at 16 MiB/s, one second each. It reaches s004, the third, at 85.3 s: replica.corruptDetected. The rot went unnoticed for 65 s; on average a deep scrub needs half an interval plus half a pass, 34.5 s here.',
    'Until then, losing n1 and n3 would have left only the bad copy. Now s004 is flagged inconsistent: writes go on, reads avoid n2’s copy, and nothing repairs it by itself (Ceph’s osd_scrub_auto_repair is off).',
    'At 90 s the operator runs shard.repair:s004 (ceph pg repair): the bad key is rewritten from n1’s good copy and s004 is consistent again.',
  ],
};
