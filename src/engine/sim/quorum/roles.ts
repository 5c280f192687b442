import type { ReplicaRole } from '../../types';
// Re-exported: quorum's users import it from here (and index.ts); it lives below write-quorum so that file can use it.
export { holders } from './holders';
import { rejoiningCopiesOf } from '../rejoining-copies';
import { linked, respondsToCp } from './reach';
import { acceptingVoters, majorityOf } from './write-quorum';
import { isUp, record, type NodeRow, type ShardRow, type World } from '../world';

/** Each replica's role as its shard sees it (primary, secondary, waiting for quorum…), and old primaries learning the new term. */

export function defaultRole(shard: ShardRow, node: number): ReplicaRole {
  return node === shard.primary ? 'primary' : 'secondary';
}

export function roleOf(shard: ShardRow, node: number): ReplicaRole {
  return shard.roles?.get(node) ?? defaultRole(shard, node);
}

export function updateRoles(w: World, shard: ShardRow): void {
  const primary = shard.primary !== null ? w.nodes[shard.primary] : null;
  const hasQuorum = primary !== null && acceptingVoters(w, shard, primary.index, shard.term) >= majorityOf(shard.voters.length);
  let roles: Map<number, ReplicaRole> | null = null;
  const visit = (r: number) => {
    const node = w.nodes[r];
    const before = roleOf(shard, r);
    const up = isUp(node);
    const caughtUp = node.disk.get(shard.index) === shard.lsn && !shard.divergent?.has(r);
    const linkedToPrimary = primary !== null && linked(w, primary, node);
    // The calm case (a leading primary, caught-up secondaries) needs no machine step and stores nothing.
    const calm = up && (r === shard.primary ? hasQuorum : linkedToPrimary && caughtUp && r !== shard.primary);
    if (calm && before === defaultRole(shard, r)) return;
    const after = w.quorum.roleStepper.next(before, { up, isPrimary: r === shard.primary, hasQuorum, hasPrimary: primary !== null, linkedToPrimary, caughtUp });
    if (after !== defaultRole(shard, r)) (roles ??= new Map()).set(r, after);
    if (after !== before) announceRole(w, shard, node, before, after);
  };
  for (const r of shard.replicas) visit(r);
  for (const v of shard.voters) if (!shard.replicas.includes(v) && w.nodes[v].disk.has(shard.index)) visit(v);
  const rejoining = rejoiningCopiesOf(w, shard.index);
  if (rejoining)
    for (const r of rejoining)
      if (!shard.replicas.includes(r) && !shard.voters.includes(r) && w.nodes[r].disk.has(shard.index)) visit(r);
  shard.roles = roles;
}

/**
 * Only the changes a learner must notice get a trace entry: a primary losing
 * or regaining its quorum. The rest (a crashed node's replicas going
 * disconnected, a backfill ending) already has an entry of its own.
 */
function announceRole(w: World, shard: ShardRow, node: NodeRow, before: ReplicaRole, after: ReplicaRole): void {
  const lost = after === 'waitingForQuorum';
  const regained = before === 'waitingForQuorum' && after === 'primary';
  // Leaderless: no primary waits for quorum; the write path says what each write reached (leaderless/writes.ts).
  if ((!lost && !regained) || w.params.replication === 'leaderless') return;
  record(
    w,
    node.id,
    'replica.role',
    lost
      ? `${node.id}, ${shard.id}'s primary, is waiting for quorum and refuses writes: it reaches ` +
          `${acceptingVoters(w, shard, node.index, shard.term)} of ${shard.voters.length} voters; a write needs ${majorityOf(shard.voters.length)}.`
      : `${node.id} reaches a majority of ${shard.id}'s voters again and takes writes.`,
    'warn',
    { shard: shard.id, node: node.id, from: before, to: after },
  );
}

/** Old primaries learn of the new term as soon as they can hear the new primary or cp. */
export function forgetInformedLeaders(w: World, shard: ShardRow): void {
  if (!shard.staleLeaders) return;
  for (const [node] of shard.staleLeaders) {
    const n = w.nodes[node];
    const informed =
      !isUp(n) || respondsToCp(w, n) || (shard.primary !== null && linked(w, w.nodes[shard.primary], n));
    if (informed) shard.staleLeaders.delete(node);
  }
  if (shard.staleLeaders.size === 0) shard.staleLeaders = null;
}
