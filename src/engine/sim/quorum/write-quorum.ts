import { CONTROL_PLANE, type QuorumState } from '../../types';
import { sourceRefusal } from './isolation';
import { leaderlessQuorumOf } from './leaderless-writability';
import { liveReach, type Reach } from './reach';
import type { ShardRow, World } from '../world';

/** Whether a write can be acknowledged: a primary that reaches more than half of the voters, each caught up and on its term. */

export const majorityOf = (voters: number): number => Math.floor(voters / 2) + 1;

/**
 * How much of the shard's acknowledged history a node's copy holds: its LSN, or for a copy an emergency
 * repair rolled back, no more than its split point (what it holds above that is not the shard's history).
 * Undefined when the node has no copy.
 */
export function historyHeld(w: World, shard: ShardRow, node: number): number | undefined {
  const row = w.nodes[node];
  let lsn = row.disk.get(shard.index);
  // A node that is down holds durably what its surviving log can replay, above its pages (power-loss.ts).
  if (lsn !== undefined && row.life.value !== 'up') lsn = Math.max(lsn, row.disk.held(shard.index) ?? 0);
  const split = shard.divergent?.get(node);
  return lsn === undefined || split === undefined ? lsn : Math.min(lsn, split);
}

function promisedTerm(shard: ShardRow, node: number): number {
  return shard.promised?.get(node) ?? shard.term;
}

/** Voters that would take a write from `leader` in `term`: linked, caught up, not isolated, and not promised to a later term. */
export function acceptingVoters(w: World, shard: ShardRow, leader: number, term: number, reach: Reach = liveReach(w)): number {
  const lead = w.nodes[leader];
  if (!reach.up(lead)) return 0;
  let count = 0;
  for (const v of shard.voters) {
    const voter = w.nodes[v];
    const heard = v === leader || (reach.up(voter) && reach.connected(lead.id, voter.id));
    if (!heard || promisedTerm(shard, v) > term) continue;
    // An amnesiac, catching-up, divergent or corrupt voter does not count (isolation.ts, §5.1–§5.2).
    if (voter.disk.get(shard.index) === shard.lsn && sourceRefusal(w, shard, v) === null) count++;
  }
  return count;
}

export interface QuorumView {
  state: QuorumState;
  reason: string | null;
}

/** Can the shard take a write right now, and if not, why not (in words a learner can act on). */
export function quorumOf(w: World, shard: ShardRow, reach: Reach = liveReach(w)): QuorumView {
  if (shard.replicas.length === 0 && shard.primary === null && !w.nodes.some((n) => n.disk.has(shard.index)))
    return { state: 'lost', reason: 'no replica of it is left anywhere' };
  // Leaderless: no primary and no voters; the write consistency level decides (design recovery-repair.md §7.1).
  if (w.params.replication === 'leaderless') return leaderlessQuorumOf(w, shard, reach);
  if (shard.primary === null) return { state: 'noPrimary', reason: shard.noPrimaryReason ?? 'no primary' };
  const p = w.nodes[shard.primary];
  if (!reach.up(p) || !reach.connected(CONTROL_PLANE, p.id))
    return {
      state: 'primaryUnreachable',
      reason:
        `the router cannot reach its primary ${p.id} (${reach.up(p) ? 'the link is cut' : 'it is down'}); ` +
        `writes time out until cp declares ${p.id} DEAD and elects another`,
    };
  const reached = acceptingVoters(w, shard, shard.primary, shard.term, reach);
  if (reached < majorityOf(shard.voters.length))
    return {
      state: 'noQuorum',
      reason: `its primary ${p.id} reaches ${reached} of ${shard.voters.length} voters; a write needs ${majorityOf(shard.voters.length)}`,
    };
  return { state: 'writable', reason: null };
}
