/** What the learner reads — A power cut takes the unflushed end of a node's log; replay stops at the torn record; peers fill the gap. */
import type { ScenarioProse } from '../scenario-prose';

export const powerLossTornTailProse: ScenarioProse = {
  description:
    'PostgreSQL with synchronous_commit = off acknowledges a commit before its log is flushed. Here every node ' +
    'flushes its log once a second, and n3 loses power between two flushes. Step through its replay: it applies ' +
    'record after record until it meets the one the power cut tore, and stops there. What n3 forgot, its peers ' +
    'still hold.',
  watch: [
    'Three nodes hold three shards at RF 3, n3 a secondary of each; clients write 20 times a second. With walSyncMode periodic a node acknowledges a write at once and flushes its log every second, as PostgreSQL does with synchronous_commit = off.',
    'At 5.5 s n3 loses power. Its entry says what survived: 10 records sat after the fsync line (#99), 2 of them reached the disk, #102 is torn and #103–#109 are gone. Some were writes it had acknowledged.',
    'At 8 s n3 restarts. Open its Log view and step: with no checkpoint yet, replay starts at the beginning of the log, applies #1 to #101 one at a time, and stops at #102 (PostgreSQL: “invalid record length”). Nothing after it exists.',
    'The replay takes 1,007 ms: 500 ms start-up, 104 KiB read at 64 MiB/s, 101 records applied at 5 ms each. The Recovery panel fills in the formula.',
    'Verified, n3 is amnesiac: it came back 8 acknowledged writes short. It takes no vote on a shard until it has caught up from that shard’s primary, which takes a few milliseconds here.',
    'Nothing is lost: the writes n3 forgot were on n1 and n2, which kept their power. Had every node lost power at once (cluster.powerLoss), those writes would be gone.',
  ],
};
