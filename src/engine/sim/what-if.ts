import { CONTROL_PLANE, type Command, type WhatIfReport } from '../types';
import { liveReach, quorumOf, type Reach } from './quorum';
import type { NodeRow, ShardRow, World } from './world';

/**
 * The what-if preview: what a fault would do at the moment it is injected.
 * It evaluates the engine's own rules against a copy of "who is up, who
 * reaches whom" with the fault applied, and changes nothing. Two effects:
 * copies the router would no longer reach (the subject of every scenario),
 * and shards that take writes now and would stop (which matters to clients).
 */
export function whatIf(w: World, command: Command): WhatIfReport {
  const report: WhatIfReport = { loseCopy: [], lastCopy: [], lost: [], stopWrites: [] };
  const reach = reachAfter(w, command);
  if (reach === null) return report;
  const live = liveReach(w);
  for (const shard of w.shards) {
    const before = reachableCopies(w, shard, live);
    const after = reachableCopies(w, shard, reach);
    if (after < before) {
      report.loseCopy.push(shard.id);
      if (after === 1) report.lastCopy.push(shard.id);
      if (after === 0) report.lost.push(shard.id);
    }
    if (quorumOf(w, shard, live).state === 'writable' && quorumOf(w, shard, reach).state !== 'writable') report.stopWrites.push(shard.id);
  }
  return report;
}

/** Shards whose writes the command would stop (the writes half of `whatIf`, kept for compatibility). */
export function shardsHitBy(w: World, command: Command): string[] {
  return whatIf(w, command).stopWrites;
}

/** Copies the router on cp could use: on a node that is up and that cp reaches. */
function reachableCopies(w: World, shard: ShardRow, reach: Reach): number {
  let n = 0;
  for (const r of shard.replicas) {
    const node = w.nodes[r];
    if (reach.up(node) && reach.connected(CONTROL_PLANE, node.id)) n++;
  }
  return n;
}

function reachAfter(w: World, command: Command): Reach | null {
  const live = liveReach(w);
  switch (command.type) {
    case 'node.crash':
    case 'node.destroy':
      return withDown(live, (n) => n.id === command.node);
    case 'rack.fail':
      return withDown(live, (n) => n.rack === command.rack);
    case 'cluster.powerLoss':
      return withDown(live, () => true);
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
