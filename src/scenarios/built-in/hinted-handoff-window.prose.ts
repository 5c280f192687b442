/** What the learner reads — Exercise 7: hinted handoff inside and past the hint window. */
import type { ScenarioProse } from '../scenario-prose';

const SHARED =
  'Cassandra-like: six nodes hold sixteen shards of 1,024 keys at RF 3; writes at QUORUM, 50 a second; reads at CL ONE, 20 a second; hinted handoff on, with a 60 s hint window (Cassandra’s max_hint_window is 3 h).';

export const hintedHandoffWindowProse: ScenarioProse = {
  description:
    'While a replica is down, the coordinator of each write it misses keeps a hint and hands it over when the ' +
    'replica returns: the cluster stays available and the replica catches up without a repair — if the outage is ' +
    'shorter than the hint window. Compare with hinted-handoff-window-exceeded.',
  watch: [
    SHARED,
    'n3 is down from 10 s to 40 s, then replays its log until 41.8 s. It holds 8 of the 16 shards, so 25 writes a second miss it: §15 predicts 750 hints for 30 s, and by the time n3 serves again the coordinators have stored 788 (hint.stored). It holds 546 keys stale then: some keys were written more than once.',
    'Once n3 is seen alive, each of the 5 other nodes hands its hints over in one batch at 1 MiB/s × 2 threads shared by 5 nodes: the biggest, 213 hints, takes 520 ms. 2 hints carried a write older than one n3 already had (a later write reached it after its return): hint.superseded, applied at most once.',
    'By 42.4 s nothing is stale and no hint expired, without any repair; CL ONE reads served no stale read. Temporary inconsistency, then none.',
  ],
};

export const hintedHandoffWindowExceededProse: ScenarioProse = {
  description:
    'The same cluster with n3 down 90 s, past the 60 s hint window: after 60 s no more hints are kept, and the writes ' +
    'n3 misses from then on come back only through repair.',
  watch: [
    SHARED,
    'n3 is down from 10 s to 100 s. §15 predicts 1,500 hints in the first 60 s, and 1,482 are stored; at 70 s hint.windowExpired: from then on nothing is hinted. §15 predicts 750 unhinted writes, and the run counts 788 (hintsExpired).',
    'The hints are handed over by 102.8 s, but 523 keys on n3 are still stale: the writes that came after the window closed.',
    'Hints are best effort. Until a repair, CL ONE reads that n3 answers can be stale: 20 stale reads served by 120 s, with 347 keys still stale.',
    'At 120 s repair.run:all,full streams 11,008 keys; nothing is stale at 120.2 s. Cassandra’s advice: after an outage longer than the hint window, run a repair.',
  ],
};

export const hintedHandoffAnyLostProse: ScenarioProse = {
  description:
    'At CL ANY a write is acknowledged even when no replica can take it: a hint on the coordinator is enough. That ' +
    'hint is then the only copy of the write, and hints live and die with the node that keeps them.',
  watch: [
    'Cassandra-like: six nodes hold sixteen shards of 1,024 keys at RF 3, s001 on n4, n5 and n6; writes at CL ANY, 50 a second; hinted handoff on.',
    'At 10 s n4, n5 and n6 stop: every replica of s001 is down. Writes to s001 are still acknowledged — n1 coordinates them and keeps each as a hint (“a hint on the coordinator is its only copy”).',
    'At 13 s n1 crashes holding 100 hints (hint.lost). 11 of them were writes to s001 that no replica holds: lost for good, and listed in LostWrites with the cause “held only as a hint”. The others are writes some replica does hold.',
    'At 20 s the four nodes restart and the hints that survived are handed over, but the writes whose hints died with n1 leave 46 keys stale.',
    'At 30 s repair.run:all,full brings those back from the replicas that took them; nothing is stale at 30.1 s. The 11 writes to s001 stay lost: no replica ever had them. Hints help availability; they are not durability.',
  ],
};
