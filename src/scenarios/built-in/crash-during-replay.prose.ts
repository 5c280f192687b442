/** What the learner reads — A node crashes again halfway through its replay; the second replay must not apply anything twice. */
import type { ScenarioProse } from '../scenario-prose';

export const crashDuringReplayProse: ScenarioProse = {
  description:
    'n3 loses power and restarts, and halfway through its replay it crashes again. The second replay reads the same ' +
    'log from the same start, but the records the first pass applied are already in the data. Applying them again ' +
    'would count those writes twice. Watch the page-LSN rule skip them.',
  watch: [
    'Three nodes hold three shards at RF 3, n3 a secondary of each; clients write 20 times a second. The PostgreSQL-like profile flushes the log before each acknowledgement, so the power loss at 5 s costs n3 no log record, only the data pages written since its last checkpoint.',
    'At 7 s n3 restarts and replays its 99 records from the start of its log, 5 ms each. At 7.75 s, 49 records in, its process crashes again.',
    'At 8.5 s it restarts. Step through the second replay: #1 to #49 are skipped, each “already in” its shard’s data (the page LSN is at or past the record); #50 to #99 are applied. It finishes with 50 applied and 49 skipped.',
    'recordsAppliedTwice stays 0, and each replica’s counter equals its LSN: every write counted once.',
    'Turn the rule off to see why it exists: enter config.set:params.idempotentApply=false before 8.5 s. The second pass applies all 99, 49 of them for the second time: recordsAppliedTwice is 49 and n3’s counters run 49 writes ahead of what was acknowledged.',
  ],
};
