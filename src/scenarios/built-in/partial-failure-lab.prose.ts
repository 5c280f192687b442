/** What the learner reads — Exercise 10: a test plan of partial network failures, run over many seeds. */
import type { ScenarioProse } from '../scenario-prose';

export const partialFailureLabProse: ScenarioProse = {
  description:
    'The stage for a test plan. On its own this run only sets the scene: n3 loses power and replays its whole log on ' +
    'the way back, and anti-entropy compares the replicas every 30 s. A plan file adds the faults — one-way and ' +
    'non-transitive cuts, the control plane cut off, a fault during replay, a fault during repair — and the CLI ' +
    'replays it over many seeds, checking every invariant after every step: ' +
    'npm run sim -- --plan examples/plans/partial-failures.json --seeds 1..20 --check.',
  watch: [
    'Cassandra-like: six nodes hold sixteen shards at RF 3, written and read at QUORUM, 20 writes and 20 reads a second. Anti-entropy compares each shard’s replicas every 30 s; validation reads 512 KiB/s, so a session lasts seconds and a fault can land inside one.',
    'At 15 s n3 loses power. Repair sessions that need it fail (repair.failed) and wait for the next tick; the other replicas keep hints for it.',
    'At 25 s n3 restarts. There is no checkpoint, so it replays its whole log at 20 ms a record: 153 records, 25.0 s to 28.5 s. A crash or a cut of n3 in that window is a fault during replay.',
    'Then the hints arrive and nothing is stale: the run converges at 28.7 s. That is the baseline a plan’s faults must not break.',
    'The example plan (examples/plans/partial-failures.json) cuts cp off from every node at 2 s (cp-isolation), n1 → n2 one way at 12 s, n4 ↔ n5 both ways at 14 s while both still reach n1 (non-transitive, the RethinkDB #4357 shape), crashes n3 mid-replay at 26.5 s and n2 during a repair at 40.5 s, and heals everything at 60 s.',
    'Run it over seeds 1..20 with --check: each seed’s line gives its digest, whether every invariant held after every step and when it converged; the coverage lines name the fault that covered each class. Add {"atMs": 0, "command": "config.set:params.idempotentApply=false"} and every seed fails on “replay applies every committed, valid record after the checkpoint exactly once”.',
  ],
};
