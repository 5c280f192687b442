import { electionPending, quorumOf } from './quorum';
import { rejoiningCopiesOf } from './rejoining-copies';
import { healthOf, isUp, type ShardRow, type World } from './world';

/**
 * What "healthy" means for one shard, read from the truth rather than from
 * the control plane's bookkeeping: exactly RF replicas on distinct live
 * ACTIVE nodes, every voter one of them, the primary and every voter holding
 * every acknowledged write, writable, and nothing in flight (no copy, no
 * backfill, no pending election, no returning copy). Returns why not, or null.
 * O(RF) per shard; callers check it only once the cheap cluster-wide
 * conditions hold.
 */
export function shardNotWhole(w: World, shard: ShardRow): string | null {
  // No closure made per call: this runs over 100,000 shards before every event (node ids only when a reason is worded).
  const rf = w.replicationFactor;
  if (shard.replicas.length !== rf) return `${shard.id} has ${shard.replicas.length} replica(s) at RF ${rf}`;
  // No Sets here: this runs over every shard (100,000 in the bench) and RF is small.
  for (let i = 1; i < rf; i++)
    if (shard.replicas.lastIndexOf(shard.replicas[i - 1]) !== i - 1)
      return `${shard.id} lists ${shard.replicas.map((r) => nodeIdOf(w, r)).join(', ')}: one node twice`;
  for (const r of shard.replicas) {
    const node = w.nodes[r];
    if (!isUp(node) || healthOf(node) !== 'ACTIVE') return `${shard.id}'s replica ${node.id} is not a live ACTIVE node`;
    if (!node.disk.has(shard.index)) return `${shard.id}'s replica ${node.id} holds no copy of it`;
    if (shard.divergent?.has(r)) return `${shard.id}'s replica ${node.id} holds a rolled-back history`;
  }
  const voters = shard.voters;
  for (let i = 0; i < voters.length; i++) {
    const v = voters[i];
    if (voters.indexOf(v) !== i) return `${shard.id} lists a voter twice`;
    if (!shard.replicas.includes(v)) return `${shard.id}'s voter ${nodeIdOf(w, v)} is not one of its replicas`;
    if (w.nodes[v].disk.get(shard.index) !== shard.lsn) return `${shard.id}'s voter ${nodeIdOf(w, v)} lacks acknowledged writes`;
  }
  if (shard.primary === null) return `${shard.id} has no primary`;
  if (!shard.replicas.includes(shard.primary)) return `${shard.id}'s primary ${nodeIdOf(w, shard.primary)} is not one of its replicas`;
  if (w.nodes[shard.primary].disk.get(shard.index) !== shard.lsn)
    return `${shard.id}'s primary ${nodeIdOf(w, shard.primary)} does not hold every acknowledged write`;
  if (shard.jobs.length > 0 || (shard.catchUps?.size ?? 0) > 0 || electionPending(shard)) return `${shard.id} has work in flight`;
  if ((rejoiningCopiesOf(w, shard.index)?.size ?? 0) > 0) return `${shard.id} has a returning copy still backfilling`;
  // With no cut link and no newer promise, live voters that hold every write already make it writable.
  if (w.network.cutCount === 0 && shard.promised === null) return null;
  const quorum = quorumOf(w, shard);
  if (quorum.state !== 'writable') return `${shard.id} refuses writes: ${quorum.reason ?? quorum.state}`;
  return null;
}

function nodeIdOf(w: World, i: number): string {
  return w.nodes[i].id;
}

/** The first shard that is not truly whole, with why; null when every shard is. */
export function firstShardNotWhole(w: World): string | null {
  for (const shard of w.shards) {
    const why = shardNotWhole(w, shard);
    if (why !== null) return why;
  }
  return null;
}
