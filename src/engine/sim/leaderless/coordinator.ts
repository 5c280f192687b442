import { CONTROL_PLANE } from '../../types';
import { isUp, type NodeRow, type ShardRow, type World } from '../world';
import { keyCount, keyReplica } from './replica-key';

/**
 * Who coordinates a client request in leaderless mode (design recovery-repair.md §7.1): a token-aware driver sends
 * it to the first replica, in placement order, that is up and that the client reaches; with none, to the first node
 * it reaches at all (Cassandra: any node can coordinate). Never `shard.primary`: there is no primary here.
 */
export function chooseCoordinator(w: World, shard: ShardRow): NodeRow | null {
  // No cut link anywhere (the usual case, asked per client write): up is enough.
  const open = w.network.cutCount === 0;
  const replicas = shard.replicas;
  for (let i = 0; i < replicas.length; i++) {
    const node = w.nodes[replicas[i]];
    if (isUp(node) && (open || w.network.connected(CONTROL_PLANE, node.id))) return node;
  }
  return anyAnswering(w);
}

/** chooseCoordinator for a shard whose replicas are read from its replica key (≥ 0, replica-key.ts). */
export function chooseCoordinatorByKey(w: World, key: number): NodeRow | null {
  const open = w.network.cutCount === 0;
  const count = keyCount(key);
  for (let k = 0; k < count; k++) {
    const node = w.nodes[keyReplica(key, count, k)];
    if (isUp(node) && (open || w.network.connected(CONTROL_PLANE, node.id))) return node;
  }
  return anyAnswering(w);
}

/** With no replica to take it, the first node the client reaches at all (Cassandra: any node can coordinate). */
function anyAnswering(w: World): NodeRow | null {
  for (const node of w.nodes) if (answers(w, node)) return node;
  return null;
}

function answers(w: World, node: NodeRow): boolean {
  return isUp(node) && w.network.connected(CONTROL_PLANE, node.id);
}

/** The replica answers the coordinator's request: it runs and the link both ways is up (itself always). */
export function reaches(w: World, coordinator: NodeRow, replica: NodeRow): boolean {
  return isUp(replica) && (replica === coordinator || w.network.cutCount === 0 || w.network.connected(coordinator.id, replica.id));
}
