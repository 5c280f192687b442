/**
 * Primaries, terms and write quorums (DESIGN.md §2, seed 003, domain facts §1).
 *
 * A shard takes writes while its primary reaches more than half of its
 * voters. When cp gives up on a primary (the monitor declares it DEAD), the
 * coordinator on cp elects a new one, but only from voters it can talk to
 * itself, and only while those are more than half of the voters: a two-node
 * shard never fails over, and a non-transitive cut can stall failover even
 * though a majority of replicas can talk to each other (RethinkDB #4357).
 * The configured primary takes its role back once it returns and catches up.
 *
 * This file is the folder's door: modules outside quorum/ import from here;
 * files inside import each other directly (see CONTEXT.md for their order).
 */
export { liveReach, respondsToCp, type Reach } from './reach';
export { acceptingVoters, historyHeld, majorityOf, quorumOf, type QuorumView } from './write-quorum';
export { holders, roleOf } from './roles';
export { holderList } from './holders';
export { leaderlessRoleOf } from './leaderless-writability';
export { cancelCatchUps, catchUpSource } from './catch-up';
export { isAmnesiacReplica, isolationOf, isolationWords, sourceRefusal, type IsolationReason } from './isolation';
export { cancelElection, commitAppointment, electionPending, onElectionTimer, reholdElection, setPrimary, stepDownAmnesiac } from './elections';
export { commitVoterChange } from './voters';
export { withNews } from './news';
export { handBackPending } from './hand-over';
export { announceReintegrated, completeCatchUp, onReplicaCaughtUp, refreshAllShards, refreshShard, refreshShards, shardsOfNodes } from './refresh';
