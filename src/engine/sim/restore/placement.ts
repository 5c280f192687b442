import { isUp, type World } from '../world';

/**
 * Where each shard is reloaded (design §10: "on its current placement"): the running nodes its placement lists,
 * topped up to the replication factor (or every running node, if fewer) with the running nodes holding the fewest
 * replicas — so a lost shard, whose placement lists nobody, comes back on fresh nodes. Deterministic: ties go to
 * the lowest node. The least-loaded node is kept on a heap, so 100,000 shards on 1,000 nodes cost a few log-steps each.
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
  const heap = new LoadHeap(live.map((n) => [load.get(n)!, n]));
  for (const list of placement) {
    const skipped: [number, number][] = [];
    while (list.length < want) {
      const top = heap.pop()!;
      if (list.includes(top[1])) skipped.push(top);
      else {
        list.push(top[1]);
        heap.push([top[0] + 1, top[1]]);
      }
    }
    for (const entry of skipped) heap.push(entry);
  }
  return placement;
}

/** A min-heap of [load, node], ordered by load then node index. */
class LoadHeap {
  private items: [number, number][] = [];

  constructor(entries: [number, number][]) {
    for (const e of entries) this.push(e);
  }

  private less(a: [number, number], b: [number, number]): boolean {
    return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  }

  push(entry: [number, number]): void {
    const items = this.items;
    items.push(entry);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): [number, number] | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && this.less(items[l], items[m])) m = l;
        if (r < items.length && this.less(items[r], items[m])) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m], items[i]];
        i = m;
      }
    }
    return top;
  }
}
