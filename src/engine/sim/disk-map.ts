/**
 * A node's disk (shard → applied LSN) that remembers which shards it changed since someone last asked, so the
 * shard codes at 100,000 shards (shard-codes-view.ts) re-derive only the shards whose copies moved instead of
 * reading every voter's LSN every frame. It is an ordinary Map to everything else: the engine reads and writes
 * it as before, and `touched` is not part of the run (a digest or a trace never reads it).
 */
export class DiskMap extends Map<number, number> {
  /** Shards set or deleted since the last takeTouched(); at most every shard this disk ever held. */
  touched = new Set<number>();

  override set(shard: number, lsn: number): this {
    // Map's constructor calls set() before the field above exists; nothing has been asked of it yet then.
    this.touched?.add(shard);
    return super.set(shard, lsn);
  }

  override delete(shard: number): boolean {
    this.touched.add(shard);
    return super.delete(shard);
  }

  override clear(): void {
    for (const shard of this.keys()) this.touched.add(shard);
    super.clear();
  }

  /** The shards changed since the last call, handed to `each`, and forgotten. */
  takeTouched(each: (shard: number) => void): void {
    for (const shard of this.touched) each(shard);
    this.touched.clear();
  }
}
