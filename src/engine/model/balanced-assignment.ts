/**
 * Gives each item (a shard to copy) one of its allowed nodes so that the busiest node finishes as early as
 * possible, when node i moves one whole item every `size / rates[i]` seconds and already has `base[i]` items in
 * hand. Used twice: by the restore bound (restore-bound.ts: the earliest time the sources or the targets could
 * be done), and by the migrator to choose each queued copy's source (sim/migrator/source-plan.ts), so the plan
 * meets the bound by the same reasoning the bound is derived from.
 *
 * Method: T starts at the count-only bound (every node used at its rate, ignoring which items may go where; never
 * later than the answer). At T node i may hold c_i = floor(T·rate_i / size) − base_i items. Each unplaced item
 * takes a node with room, or moves placed items along an augmenting path (breadth-first: the shortest chain of
 * moves) to make room; while some item stays unplaced, T moves to the next moment some node can finish one more
 * whole item. A maximum matching with capacities, so the result is exact. Deterministic: nodes are tried in the
 * order each item lists them.
 */
export interface BalancedAssignment {
  /** The node each item goes to (-1: it lists no node). */
  nodeOf: Int32Array;
  /** When the busiest node is done, in ms (0 with no items; Infinity when some item lists no node). */
  finishMs: number;
  /** The most items any node was given (its base not counted). */
  maxPerNode: number;
}

const TOLERANCE = 1e-9;

export function balancedAssignment(
  choices: readonly (readonly number[])[],
  rates: readonly number[],
  size: number,
  base?: ArrayLike<number>,
): BalancedAssignment {
  const items = choices.length;
  const nodeOf = new Int32Array(items).fill(-1);
  if (items === 0) return { nodeOf, finishMs: 0, maxPerNode: 0 };
  const used = [...new Set(choices.flat())].sort((a, b) => a - b);
  const baseOf = (i: number) => (base ? base[i] : 0);
  const n = rates.length;
  const load = new Int32Array(n);
  const room = new Int32Array(n);
  const held: number[][] = Array.from({ length: n }, () => []);
  const seen = new Int32Array(n);
  const via = new Int32Array(n);
  let stamp = 0;

  let t = (used.reduce((a, i) => a + baseOf(i), items) * size) / used.reduce((a, i) => a + rates[i], 0);
  const setRoom = () => {
    for (const i of used) room[i] = Math.max(0, Math.floor((t * rates[i]) / size + TOLERANCE) - baseOf(i));
  };

  const move = (item: number, to: number) => {
    const from = nodeOf[item];
    if (from >= 0) {
      held[from].splice(held[from].indexOf(item), 1);
      load[from]--;
    }
    nodeOf[item] = to;
    held[to].push(item);
    load[to]++;
  };

  const place = (item: number): boolean => {
    stamp++;
    const queue: number[] = [];
    for (const node of choices[item]) {
      if (seen[node] === stamp) continue;
      seen[node] = stamp;
      via[node] = item;
      queue.push(node);
    }
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head];
      if (load[node] < room[node]) {
        // Walk the chain back: each item moves to the node that reached it, freeing its old node for the one before.
        for (let at = node; ; ) {
          const mover = via[at];
          const from = nodeOf[mover];
          move(mover, at);
          if (mover === item) return true;
          at = from;
        }
      }
      for (const other of held[node])
        for (const next of choices[other]) {
          if (seen[next] === stamp) continue;
          seen[next] = stamp;
          via[next] = other;
          queue.push(next);
        }
    }
    return false;
  };

  if (choices.some((c) => c.length === 0)) {
    for (let i = 0; i < items; i++) if (choices[i].length > 0) nodeOf[i] = choices[i][0];
    return { nodeOf, finishMs: Infinity, maxPerNode: 0 };
  }
  for (;;) {
    setRoom();
    let all = true;
    for (let i = 0; i < items; i++) if (nodeOf[i] < 0 && !place(i)) all = false;
    if (all) break;
    let next = Infinity;
    for (const i of used) next = Math.min(next, (Math.floor((t * rates[i]) / size + TOLERANCE) + 1) * (size / rates[i]));
    t = next;
  }
  let maxPerNode = 0;
  for (const i of used) maxPerNode = Math.max(maxPerNode, load[i]);
  return { nodeOf, finishMs: t * 1000, maxPerNode };
}
