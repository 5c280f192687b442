/** What the learner reads — Primary failover at RF 3, RethinkDB-style. */
import type { ScenarioProse } from '../scenario-prose';

export const primaryFailoverRf3Prose: ScenarioProse = {
  description:
    'n1 crashes while clients write. Writes to the shards it led fail until the control plane declares it dead ' +
    'and elects new primaries from the two voters it can still reach, a majority. Watch the write chart dip and recover.',
  watch: [
    'Three nodes, twelve shards at RF 3, 20 client writes a second. Each node is the primary of four shards.',
    'At 5 s n1 crashes. Writes to its four shards fail at once: the router still sends them to n1, and cp has not noticed yet.',
    'About 10 s later cp declares n1 DEAD. After a 1.5 s election each of those shards has a new primary in a new term, chosen by the two voters cp reaches: a majority. Writes succeed again, and no acknowledged write is lost.',
    'Nothing is re-replicated (RethinkDB never does that on its own): the shards stay one copy short, and a second failure would stop their writes.',
  ],
};
