import { CONTROL_PLANE } from '../../types';
import { replicasNeeded } from '../leaderless/consistency';
import type { NodeRow, ShardRow, World } from '../world';
import type { Reach } from './reach';
import { holders } from './holders';
import type { QuorumState } from '../../types';

/** Same shape as write-quorum's QuorumView (declared here so write-quorum can import this file without a cycle). */
interface QuorumView {
  state: QuorumState;
  reason: string | null;
}

/**
 * Can a leaderless shard take a write right now (design recovery-repair.md §7.1)? There is no primary and no voters:
 * the coordinator a token-aware driver picks (the first replica the client reaches, else any node it reaches) must
 * reach as many replicas as the write consistency level asks for (ANY: any coordinator at all, with hints on).
 * Mirrors leaderless/coordinator.ts and writes.ts without their side effects, over any Reach (what-if too).
 */
export function leaderlessQuorumOf(w: World, shard: ShardRow, reach: Reach): QuorumView {
  const coordinator = coordinatorOf(w, shard, reach);
  if (coordinator === null) return { state: 'noQuorum', reason: 'no node the client reaches can coordinate a write' };
  const cl = w.params.writeConsistency;
  const rf = w.replicationFactor;
  if (cl === 'ANY' && (w.params.hintedHandoff || w.params.sloppyQuorum)) return { state: 'writable', reason: null };
  const reached = replicasReached(w, shard, coordinator, reach);
  const need = replicasNeeded(cl, rf);
  // A sloppy quorum (Dynamo) lets stand-ins count: a write is refused only when no node at all could hold it.
  const missed = holders(w, shard).length - reached.length;
  const standIns = w.params.sloppyQuorum ? Math.min(missed, standInsAvailable(w, shard, coordinator, reach)) : 0;
  if (reached.length + standIns >= need)
    return { state: 'writable', reason: null };
  return {
    state: 'noQuorum',
    reason:
      `CL ${cl} needs ${need} of ${rf} replica${rf === 1 ? '' : 's'}; ` +
      (reached.length === 0 ? 'a coordinator reaches none' : `a coordinator reaches only ${reached.map((n) => n.id).join(', ')}`),
  };
}

/** The replicas (with a copy) that the shard's coordinator reaches: down or cut-off ones miss writes. */
export function replicasReached(w: World, shard: ShardRow, coordinator: NodeRow, reach: Reach): NodeRow[] {
  const out: NodeRow[] = [];
  for (const r of holders(w, shard)) {
    const node = w.nodes[r];
    if (node.disk.has(shard.index) && reachesReplica(coordinator, node, reach)) out.push(node);
  }
  return out;
}

/** The node a token-aware driver sends the shard's requests to (leaderless/coordinator.ts), over `reach`. */
export function coordinatorOf(w: World, shard: ShardRow, reach: Reach): NodeRow | null {
  const answers = (node: NodeRow) => reach.up(node) && reach.connected(CONTROL_PLANE, node.id);
  for (const r of shard.replicas) if (answers(w.nodes[r])) return w.nodes[r];
  for (const node of w.nodes) if (answers(node)) return node;
  return null;
}

function reachesReplica(coordinator: NodeRow, replica: NodeRow, reach: Reach): boolean {
  return reach.up(replica) && (replica === coordinator || reach.connected(coordinator.id, replica.id));
}

function standInsAvailable(w: World, shard: ShardRow, coordinator: NodeRow, reach: Reach): number {
  let n = 0;
  for (const node of w.nodes)
    if (!shard.replicas.includes(node.index) && reachesReplica(coordinator, node, reach)) n++;
  return n;
}

/** A replica's role in a leaderless shard's view: every replica is alike; one the coordinator cannot reach is cut off. */
export function leaderlessRoleOf(w: World, shard: ShardRow, node: number, reach: Reach): 'secondary' | 'disconnected' {
  const coordinator = coordinatorOf(w, shard, reach);
  return coordinator !== null && reachesReplica(coordinator, w.nodes[node], reach) ? 'secondary' : 'disconnected';
}
