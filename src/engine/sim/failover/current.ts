import type { FailoverEvent } from '../../types';
import type { World } from '../world';

/** The node and the FailoverEvent the running failover path is handling. */

export function currentNode(w: World): number | null {
  const id = w.failoverPath.machine.context.current;
  return id === null ? null : (w.nodeIndexById.get(id) ?? null);
}

export function nodeName(w: World, node: number | null): string {
  return node === null ? '?' : w.nodes[node].id;
}

export function currentEvent(w: World): FailoverEvent | undefined {
  return w.failoverPath.events[w.failoverPath.events.length - 1];
}
