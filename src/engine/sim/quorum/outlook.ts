import { cpActing } from '../control-plane/journal';
import { isUp, type ShardRow, type World } from '../world';
import { linked, reachableVoters, respondsToCp } from './reach';
import { sourceRefusal } from './isolation';
import { majorityOf } from './write-quorum';

/** What the coordinator on cp can see before it elects: whether an election can succeed, and if not, why in words. */

export interface ElectionOutlook {
  possible: boolean;
  visible: number[];
  candidates: number[];
  why: string;
}

/** What the coordinator on cp can see of the shard's voters, and whom it could appoint. */
export function electionOutlook(w: World, shard: ShardRow): ElectionOutlook {
  // A 3-member control plane between leaders holds no election (design §8.3); the new leader retries stalled ones.
  if (!cpActing(w))
    return { possible: false, visible: [], candidates: [], why: 'there is no control-plane leader to hold the election until its members elect one' };
  const total = shard.voters.length;
  // An amnesiac, catching-up or corrupt voter answers cp but does not vote (isolation.ts, §5.1–§5.2).
  const visible = shard.voters.filter(
    (v) => respondsToCp(w, w.nodes[v]) && w.nodes[v].disk.has(shard.index) && sourceRefusal(w, shard, v) === null,
  );
  const names = (list: number[]) => (list.length === 0 ? 'none' : list.map((v) => w.nodes[v].id).join(', '));
  if (visible.length < majorityOf(total)) {
    return {
      possible: false,
      visible,
      candidates: [],
      why:
        `cp can reach ${visible.length} of its ${total} voters (${names(visible)}); electing a primary needs ${majorityOf(total)}` +
        (total === 1
          ? ' — it has a single voter, so losing that one stops failover until it returns or a caught-up copy takes its vote'
          : total === 2
            ? ' — with two voters, losing either one stops failover, so a two-server cluster never fails over'
            : '') +
        nonTransitiveNote(w, shard, visible),
    };
  }
  // Every acknowledged write sits on a majority of voters, so a visible majority always includes a voter holding all of them.
  const candidates = visible.filter(
    (v) => w.nodes[v].disk.get(shard.index) === shard.lsn && reachableVoters(w, shard, v) >= majorityOf(total),
  );
  if (candidates.length === 0)
    return {
      possible: false,
      visible,
      candidates,
      why: `no voter that holds every acknowledged write (LSN ${shard.lsn}) reaches a majority of the voters`,
    };
  return { possible: true, visible, candidates, why: '' };
}

/**
 * RethinkDB #4357: failover is decided centrally. If some voter reaches a
 * majority of the voters on its own, the replicas could carry on, yet the
 * coordinator that cannot see them will not act.
 */
function nonTransitiveNote(w: World, shard: ShardRow, visible: number[]): string {
  const need = majorityOf(shard.voters.length);
  const group = shard.voters.find((v) => isUp(w.nodes[v]) && reachableVoters(w, shard, v) >= need);
  if (group === undefined) return '';
  const peers = shard.voters.filter((v) => linked(w, w.nodes[group], w.nodes[v]) && w.nodes[v].disk.has(shard.index));
  const names = peers.map((v) => w.nodes[v].id).join(' and ');
  const hidden = peers.filter((v) => !visible.includes(v)).map((v) => w.nodes[v].id);
  // A bridge (a peer cp does reach) makes the cut non-transitive; without one it is a plain partition.
  if (peers.some((v) => visible.includes(v)))
    return (
      `. Yet ${names} can reach each other, a majority: the connectivity is non-transitive ` +
      `(cp cannot reach ${hidden.join(', ')}). The coordinator on cp counts only voters it reaches itself, so it does not fail over ` +
      `(RethinkDB issue #4357)`
    );
  return `. ${names} still form a majority, but on the other side of a partition from cp, which decides failover`;
}
