import { isUp, type World } from '../world';

/**
 * Where each shard is reloaded (design §10: "on its current placement"): the running nodes its placement lists,
 * topped up to the replication factor (or every running node, if fewer) with the running nodes holding the fewest
 * replicas — so a lost shard, whose placement lists nobody, comes back on fresh nodes. Deterministic: ties go to
 * the lowest node.
 */
export function restorePlacement(w: World): number[][] {
  const live = w.nodes.filter(isUp).map((n) => n.index);
  const want = Math.min(w.replicationFactor, live.length);
  const load = new Map<number, number>(live.map((n) => [n, 0]));
  const placement = w.shards.map((shard) => {
    const keep = shard.replicas.filter((r) => load.has(r)).slice(0, want);
    for (const r of keep) load.set(r, load.get(r)! + 1);
    return keep;
  });
  for (const list of placement) {
    while (list.length < want) {
      let best = -1;
      for (const n of live) if (!list.includes(n) && (best < 0 || load.get(n)! < load.get(best)!)) best = n;
      list.push(best);
      load.set(best, load.get(best)! + 1);
    }
  }
  return placement;
}
