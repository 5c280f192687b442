import type { Command } from '../types';
import { liveReach, quorumOf, type Reach } from './quorum';
import type { NodeRow, World } from './world';

/**
 * The what-if preview: which shards that take writes now would stop at the
 * moment a fault is injected. It evaluates the same quorum rule the engine
 * uses against a copy of "who is up, who reaches whom" with the fault
 * applied, and changes nothing.
 */
export function shardsHitBy(w: World, command: Command): string[] {
  const reach = reachAfter(w, command);
  if (reach === null) return [];
  const live = liveReach(w);
  const hit: string[] = [];
  for (const shard of w.shards) {
    if (quorumOf(w, shard, live).state !== 'writable') continue;
    if (quorumOf(w, shard, reach).state !== 'writable') hit.push(shard.id);
  }
  return hit;
}

function reachAfter(w: World, command: Command): Reach | null {
  const live = liveReach(w);
  switch (command.type) {
    case 'node.crash':
    case 'node.destroy':
      return withDown(live, (n) => n.id === command.node);
    case 'rack.fail':
      return withDown(live, (n) => n.rack === command.rack);
    case 'link.cut': {
      const { a, b } = command;
      // A request and its answer both need the link, so even a one-way cut breaks the pair.
      const isPair = (x: string, y: string) => (x === a && y === b) || (x === b && y === a);
      return { up: live.up, connected: (x, y) => live.connected(x, y) && !isPair(x, y) };
    }
    case 'network.partition': {
      const groupOf = new Map<string, number>();
      command.groups.forEach((g, i) => g.forEach((id) => groupOf.set(id, i)));
      const side = (id: string) => groupOf.get(id) ?? 0;
      return { up: live.up, connected: (x, y) => live.connected(x, y) && side(x) === side(y) };
    }
    default:
      return null;
  }
}

function withDown(live: Reach, isVictim: (n: NodeRow) => boolean): Reach {
  return { up: (n) => live.up(n) && !isVictim(n), connected: live.connected };
}
