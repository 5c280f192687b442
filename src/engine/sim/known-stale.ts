/**
 * The stale keys the cluster has learnt of (belief, design recovery-repair.md §7.2): per shard, per replica, the keys
 * it is known to hold an old version of. Found by shard first, so a client write to a shard with nothing known about
 * it costs one lookup and makes nothing: a flat set of `${shard}:${replica}:${key}` strings made three strings a
 * write once anything at all was known (bench case b: ~100 bytes of garbage a write through the whole repair).
 */
export class KnownStaleKeys {
  private readonly byShard = new Map<number, Map<number, Set<number>>>();
  private count = 0;

  /** How many (shard, replica, key) are known stale: the `staleKeysKnown` metric. */
  get size(): number {
    return this.count;
  }

  has(shard: number, replica: number, key: number): boolean {
    return this.byShard.get(shard)?.get(replica)?.has(key) ?? false;
  }

  add(shard: number, replica: number, key: number): void {
    let replicas = this.byShard.get(shard);
    if (!replicas) this.byShard.set(shard, (replicas = new Map()));
    let keys = replicas.get(replica);
    if (!keys) replicas.set(replica, (keys = new Set()));
    if (keys.has(key)) return;
    keys.add(key);
    this.count++;
  }

  delete(shard: number, replica: number, key: number): boolean {
    const replicas = this.byShard.get(shard);
    const keys = replicas?.get(replica);
    if (!replicas || !keys || !keys.delete(key)) return false;
    this.count--;
    if (keys.size === 0) replicas.delete(replica);
    if (replicas.size === 0) this.byShard.delete(shard);
    return true;
  }

  /** Forgets every key known stale on the replica's copy of the shard (the copy is gone). */
  forgetReplica(shard: number, replica: number): void {
    const replicas = this.byShard.get(shard);
    const keys = replicas?.get(replica);
    if (!replicas || !keys) return;
    this.count -= keys.size;
    replicas.delete(replica);
    if (replicas.size === 0) this.byShard.delete(shard);
  }

  /** A write of `key` reached these replicas: each now holds its newest version. */
  forgetReached(shard: number, key: number, reached: readonly number[]): void {
    if (!this.byShard.has(shard)) return;
    for (let i = 0; i < reached.length; i++) this.delete(shard, reached[i], key);
  }
}
