/** What the learner reads — Exercise 8: incremental repair, and the rot it cannot see. */
import type { ScenarioProse } from '../scenario-prose';

export const incrementalRepairProse: ScenarioProse = {
  description:
    'Incremental repair compares only what was written since the last repair, so it is cheap to run often. But data ' +
    'marked repaired is never compared again: if it rots later, only a full repair (or a deep scrub) finds it. That ' +
    'is why the Cassandra docs say to run full repairs too.',
  watch: [
    'Cassandra-like: six nodes hold sixteen shards of 1,024 keys (1 MiB each) at RF 3, written at QUORUM, 50 a second; no hints, no reads.',
    'n3 is down from 5 s to 12 s and comes back with 174 keys stale. At 20 s a full repair reads every replica to build its trees, 48.0 MiB in all, streams 7,680 keys, and marks each shard repaired up to the writes it had seen (repair.marked).',
    'n5 is down from 30 s to 37 s: 156 keys stale. At 45 s an incremental repair (ReplicaRepair.CompareChecksumsSince) builds trees over the writes since the mark only: 3.7 MiB read, 7.6 % of the full repair, and 5,888 keys streamed. Nothing is stale.',
    'At 55 s the writes stop. At 60 s key 606 of n2’s copy of s004 rots. No write has touched it since s004 was marked repaired up to write 145: it lies in data marked repaired.',
    'At 65 s another incremental repair reads only the writes since the mark (those of 45 s to 55 s), 1.5 MiB: for every shard the replicas already agree (repair.finished). The rot is invisible to it, and cp knows of no corruption.',
    'At 80 s a full repair compares every key: leaf 4 of s004 differs. n2’s copy differs from both other replicas’, so the leaf’s 64 keys are streamed for each pair: 128 keys for one rotten key (48.0 MiB read to find it). Nothing is stale at 80.0 s.',
  ],
};
