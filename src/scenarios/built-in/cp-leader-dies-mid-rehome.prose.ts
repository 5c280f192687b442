/** What the learner reads — Exercise 9: the control-plane leader dies in the middle of re-homing. */
import type { ScenarioProse } from '../scenario-prose';

const SHARED =
  'Six nodes hold 400 shards at RF 3; the control plane is three members, cp1 (leader), cp2 and cp3, in racks r1–r3. At 5 s n3 dies; ' +
  'about 10 s later it is declared DEAD and the migrator starts copying its 200 shards, five at a time.';

export const cpLeaderDiesMidRehomeProse: ScenarioProse = {
  description:
    'Every decision about placement and roles (a copy plan or commit, a DEAD declaration, a new primary or voter set) is written to the control plane’s metadata journal and takes effect only once a ' +
    'majority of members hold it. At 16.775 s cp1 dies, 1 ms after it dispatched a wave of copies whose plans no follower holds yet. ' +
    'Watch the new leader sort what it finds: committed plans go on, orphan copies are removed and planned again. ' +
    'Compare with cp-leader-dies-mid-rehome-no-journal and cp-leader-dies-mid-rehome-cold.',
  watch: [
    SHARED,
    'Open the journal view: each copy.planned entry is committed 2 ms after it is appended (one follower holds it).',
    'At 16.775 s cp1 dies (cp.leaderLost). Copies keep streaming node to node, but those that catch up wait: no leader can commit them, so the router keeps the old placement. Clients keep their cached routes.',
    'About a second later the first follower whose election timeout runs out stands (cp.electionStarted), wins a majority (cp.elected), commits its no-op and, a hot standby, needs no replay (cp.journalReplayed, 0 ms).',
    'cp.stateValidated: the copies with committed plans go on and are committed; the five copies started 1 ms before the crash are orphans (replica.gc, orphanCopies 5) and are planned again.',
    'monitor.restarted: no node can be declared DEAD before a full 10 s under the new leader. At 25 s cp1 comes back as a follower and drops the entries it appended alone (cp.journalTruncated).',
    'Every shard returns to RF 3 and no invariant breaks; bytes moved are n3’s 12.5 GiB plus the orphans’ few wasted bytes.',
  ],
};

export const cpLeaderDiesMidRehomeNoJournalProse: ScenarioProse = {
  description:
    'The same failure without a metadata journal. The new leader knows only the last snapshot of placement it was sent, ' +
    'which predates n3’s death: the copy jobs cp1 was running are lost, and every shard still short of a replica looks whole to it. ' +
    'Nobody repairs them, and the invariant “every under-replicated shard is queued, copying or explained” names each one.',
  watch: [
    SHARED,
    'At 16.775 s cp1 dies; the election proceeds as with the journal.',
    'cp.journalReplayed: there is nothing to replay. cp.stateValidated lists the lost copy jobs and the shards nobody will repair.',
    'Under-replicated stays above zero for good: the run never gets healthy. This is the lesson of exercise 9 — the journal is what lets a new leader resume, and resuming must be idempotent.',
  ],
};

export const cpLeaderDiesMidRehomeColdProse: ScenarioProse = {
  description:
    'The same failure with cold standbys: a follower keeps the journal but does not apply it, so the new leader first replays ' +
    'every entry since the last journal snapshot (cpApplyMsPerEntry each). It is elected exactly as fast as a hot standby, ' +
    'but the control plane stays unavailable longer: compare cpUnavailableMs with cp-leader-dies-mid-rehome.',
  watch: [
    SHARED,
    'cp.journalReplayed says how many entries the new leader replays and how long it takes (entries × 1 ms).',
    'cpLeaderlessMs is the same as with a hot standby; cpUnavailableMs is larger by the replay.',
    'The design’s formula: cp failover ≈ election timeout + round trip (+ entries × cpApplyMsPerEntry when cold).',
  ],
};
