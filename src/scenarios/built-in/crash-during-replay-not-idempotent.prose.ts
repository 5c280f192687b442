/** What the learner reads — The same crash during replay with the page-LSN rule off: the second replay applies what the first already had. */
import type { ScenarioProse } from '../scenario-prose';

export const crashDuringReplayNotIdempotentProse: ScenarioProse = {
  description:
    'The run of “A crash in the middle of replay”, with one switch turned off for teaching: idempotentApply. ' +
    'Replay no longer asks whether the data already holds a record before it applies it. Every write here is ' +
    'x = x + 1, so a record applied twice adds one write nobody made.',
  watch: [
    'The same cluster, the same power loss at 5 s, the same restart at 7 s and the same second crash at 7.75 s, 49 records into the first replay.',
    'At 8.5 s n3 restarts and replays from the start of its log again. Step through it: #1 to #49 are “already in” their shard’s data (the page LSN is past them), but with idempotentApply off each is applied again.',
    'It finishes with 99 applied and 0 skipped, where the idempotent run applied 50 and skipped 49. The replay even takes 245 ms longer: 49 more records at 5 ms each.',
    'recordsAppliedTwice reads 49, and n3’s counters run 49 ahead of the writes clients made. No checksum catches it: each record was valid, only applied once too often.',
    'This is why redo must be idempotent: a crash can land in any replay, and the next one must be free to start over.',
  ],
};
