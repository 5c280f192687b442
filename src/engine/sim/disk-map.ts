/**
 * A node's disk (shard → applied LSN) that remembers which shards it changed since someone last asked, so the
 * shard codes at 100,000 shards (shard-codes-view.ts) re-derive only the shards whose copies moved instead of
 * reading every voter's LSN every frame. It is an ordinary Map to everything else: the engine reads and writes
 * it as before, and `touched` is not part of the run (a digest or a trace never reads it).
 *
 * Nothing is tracked until the first takeTouched(): that call is the baseline (the shard-code cache makes it right
 * after a full pass) and hands nothing over. A run nobody draws (the CLI, the bench, a test) then pays no Set
 * insert per write (bench case b: ~1M writes to disk).
 */
export class DiskMap extends Map<number, number> {
  /** Shards set or deleted since the last takeTouched(); null until the first call (nothing asked, nothing kept). */
  touched: Set<number> | null = null;

  override set(shard: number, lsn: number): this {
    // Map's constructor calls set() before the field above exists; nothing has been asked of it yet then.
    if (this.touched) this.touched.add(shard);
    return super.set(shard, lsn);
  }

  override delete(shard: number): boolean {
    if (this.touched) this.touched.add(shard);
    return super.delete(shard);
  }

  override clear(): void {
    if (this.touched) for (const shard of this.keys()) this.touched.add(shard);
    super.clear();
  }

  /**
   * The shards changed since the last call, handed to `each`, and forgotten. The first call starts the tracking and
   * hands nothing: the caller has just read every shard (a full pass).
   */
  takeTouched(each: (shard: number) => void): void {
    if (this.touched === null) {
      this.touched = new Set();
      return;
    }
    for (const shard of this.touched) each(shard);
    this.touched.clear();
  }
}
