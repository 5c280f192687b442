import { CONTROL_PLANE } from '../../types';
import { healthOf, isUp, type NodeRow, type ShardRow, type World } from '../world';

/** Who reaches whom: cp to a node, node to node, and a voter to the rest of its shard's voters. */

/** cp can exchange messages with the node right now and has not given up on it. */
export function respondsToCp(w: World, node: NodeRow): boolean {
  return isUp(node) && w.network.connected(CONTROL_PLANE, node.id) && healthOf(node) !== 'DEAD';
}

export function linked(w: World, a: NodeRow, b: NodeRow): boolean {
  return a === b || (isUp(a) && isUp(b) && w.network.connected(a.id, b.id));
}

/** Who is up and who reaches whom: the live network, or a what-if variant of it. */
export interface Reach {
  up(node: NodeRow): boolean;
  connected(a: string, b: string): boolean;
}

const liveReaches = new WeakMap<World, Reach>();

/** The live network as a Reach; one per world, since quorum checks run per write and per shard on every publish. */
export function liveReach(w: World): Reach {
  let reach = liveReaches.get(w);
  if (!reach) {
    reach = { up: isUp, connected: (a, b) => w.network.connected(a, b) };
    liveReaches.set(w, reach);
  }
  return reach;
}

export function reachableVoters(w: World, shard: ShardRow, from: number): number {
  let n = 0;
  for (const v of shard.voters) if (linked(w, w.nodes[from], w.nodes[v]) && w.nodes[v].disk.has(shard.index)) n++;
  return n;
}
