/** Exercise 9: the control-plane leader dies in the middle of re-homing — with the journal, without it, and cold. */
import type { ScenarioFile } from '../scenario-file';

/**
 * The worked example's cluster (six nodes, n3 dies holding 200 shards) under a 3-member control plane. cp1 dies
 * at 16.775 s: 1 ms after it dispatched its third wave of copies, whose plans had reached no follower yet (one link
 * latency is 2 ms), while the second wave's copies, planned and committed a second earlier, are catching up.
 */
export const cpLeaderDiesMidRehome: ScenarioFile = {
  id: 'cp-leader-dies-mid-rehome',
  title: 'The cp leader dies mid-re-homing: the journal keeps the plans',
  seed: 1,
  nodes: 6,
  racks: 6,
  shards: 400,
  replicationFactor: 3,
  shardSizeBytes: 67108864,
  controlPlane: { members: 3, journal: true, standby: 'hot' },
  timeline: [
    { atMs: 5000, command: { type: 'node.crash', node: 'n3' } },
    { atMs: 16775, command: { type: 'cp.crash', member: 'cp1' } },
    { atMs: 25000, command: { type: 'cp.restart', member: 'cp1' } },
  ],
};

/** The same run without a metadata journal: the new leader starts from its last snapshot of placement. */
export const cpLeaderDiesMidRehomeNoJournal: ScenarioFile = {
  ...cpLeaderDiesMidRehome,
  id: 'cp-leader-dies-mid-rehome-no-journal',
  title: 'The cp leader dies mid-re-homing, with no journal: plans lost',
  controlPlane: { members: 3, journal: false, standby: 'hot' },
};

/** The same run with cold standbys: the new leader replays the journal before it acts. */
export const cpLeaderDiesMidRehomeCold: ScenarioFile = {
  ...cpLeaderDiesMidRehome,
  id: 'cp-leader-dies-mid-rehome-cold',
  title: 'The cp leader dies mid-re-homing, cold standby: replay first',
  controlPlane: { members: 3, journal: true, standby: 'cold' },
};
