import { sourceRefusal } from './isolation';
import { voterChangeMayAct } from '../control-plane/journal';
import { record, setVoters, type ShardRow, type World } from '../world';

/**
 * A vote left by a node the router dropped goes to a replica it does list
 * that holds every acknowledged write (a re-homed copy, a returning node),
 * unless that replica is configured not to vote. Only such a replica may
 * vote: otherwise a majority without those writes could elect a primary.
 *
 * A shard left with fewer voters than its replication factor (an emergency
 * repair kept only the replicas cp reached, or recreated it on one node)
 * takes each replica re-replication adds as a voter once it has caught up,
 * as RethinkDB does. Adding a voter that holds every acknowledged write
 * keeps each of those writes on a majority of the larger set.
 */
export function fillVacantVotes(w: World, shard: ShardRow): void {
  const full = shard.voters.length >= w.replicationFactor;
  if (full && shard.voters.every((v) => shard.replicas.includes(v))) return;
  for (const r of shard.replicas) {
    if (shard.voters.includes(r)) continue;
    if (w.nodes[r].disk.get(shard.index) !== shard.lsn || sourceRefusal(w, shard, r) !== null) continue;
    const gone = shard.voters.find((v) => !shard.replicas.includes(v));
    // A replica an emergency repair demoted may take a vote whose holder the router dropped: it holds every
    // acknowledged write, and without it a returning copy that filled RF would leave the vote vacant for good.
    // A replica the scenario configured not to vote never votes.
    if (shard.nonVoting?.has(r) && (gone === undefined || configuredNonVoter(w, shard, r))) continue;
    if (gone === undefined && shard.voters.length >= w.replicationFactor) return;
    // With a metadata journal the change waits for its voters.changed entry to commit (commitVoterChange).
    if (!voterChangeMayAct(w, shard, gone ?? null, r)) return;
    changeVoter(w, shard, gone ?? null, r);
  }
}

function changeVoter(w: World, shard: ShardRow, gone: number | null, incoming: number): void {
  shard.nonVoting?.delete(incoming);
  if (gone !== null) replaceVoter(w, shard, gone, incoming);
  else addVoter(w, shard, incoming);
}

/**
 * A journaled voter change is committed: it takes effect if it still holds on today's facts (the incoming replica
 * listed and caught up, the vote still vacant). The caller then refreshes the shard (its other vacant votes).
 */
export function commitVoterChange(w: World, shard: ShardRow, gone: number | null, incoming: number): void {
  const fits =
    !shard.voters.includes(incoming) &&
    shard.replicas.includes(incoming) &&
    w.nodes[incoming].disk.get(shard.index) === shard.lsn &&
    sourceRefusal(w, shard, incoming) === null &&
    (gone === null ? shard.voters.length < w.replicationFactor : shard.voters.includes(gone) && !shard.replicas.includes(gone));
  if (fits) changeVoter(w, shard, gone, incoming);
}

function configuredNonVoter(w: World, shard: ShardRow, node: number): boolean {
  const configured = w.scenario.voters[shard.id];
  return configured !== undefined && !configured.includes(w.nodes[node].id);
}

function addVoter(w: World, shard: ShardRow, incoming: number): void {
  setVoters(shard, [...shard.voters, incoming]);
  record(
    w,
    shard.id,
    'voters.changed',
    `${shard.id}'s voters are now ${shard.voters.map((v) => w.nodes[v].id).join(', ')}: ${w.nodes[incoming].id} has caught up and joins them.`,
    'detail',
    { shard: shard.id, voters: shard.voters.map((v) => w.nodes[v].id) },
  );
}

export function replaceVoter(w: World, shard: ShardRow, gone: number, incoming: number): void {
  setVoters(shard, shard.voters.map((v) => (v === gone ? incoming : v)));
  shard.promised?.delete(gone);
  // The configuration was rewritten without the old node; if it was the configured primary, the acting one is now.
  if (shard.configuredPrimary === gone) shard.configuredPrimary = shard.primary !== null ? shard.primary : incoming;
  record(
    w,
    shard.id,
    'voters.changed',
    `${shard.id}'s voters are now ${shard.voters.map((v) => w.nodes[v].id).join(', ')}: ${w.nodes[incoming].id} replaces ${w.nodes[gone].id}.`,
    // Every re-homed copy does this; the copy's own entry is the news, this is the shard's detail.
    'detail',
    { shard: shard.id, voters: shard.voters.map((v) => w.nodes[v].id) },
  );
}
