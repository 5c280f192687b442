import { ShardColumns } from './shard-columns';

/**
 * A node's disk: shard → the LSN its data pages hold, an ordinary Map to the engine (insertion order, iteration,
 * size) with two differences underneath.
 *
 * Its LSNs live in `lsns`, one Int32 row per shard (shard-columns.ts): `has`, `get` and `set` of a shard already
 * held read and write that row alone, one cache line, where the Map's own lookup is two misses at 10,000 shards
 * (bench case b: every replica a write reaches, ~1M a run). The Map itself keeps only which shards, in what order,
 * so it changes only when a shard comes or goes; its values are not read (every way to read one goes through `lsns`).
 *
 * It remembers which shards it changed since someone last asked, so the shard codes at 100,000 shards
 * (shard-codes-view.ts) re-derive only the shards whose copies moved instead of reading every voter's LSN every frame.
 * Nothing is tracked until the first takeTouched(): that call is the baseline (the shard-code cache makes it right
 * after a full pass) and hands nothing over. A run nobody draws (the CLI, the bench, a test) then pays no Set insert
 * per write. `touched` is not part of the run (a digest or a trace never reads it).
 */
export class DiskMap extends Map<number, number> {
  /** Shards set or deleted since the last takeTouched(); null until the first call (nothing asked, nothing kept). */
  touched: Set<number> | null = null;
  /** The LSN of every shard held. */
  lsns = new ShardColumns(1);

  constructor(entries?: Iterable<readonly [number, number]>) {
    // Entries are added here, not by Map's constructor: it would call set() before the fields above exist.
    super();
    if (entries) for (const [shard, lsn] of entries) this.set(shard, lsn);
  }

  /**
   * An independent disk with the same shards, in the same order, at the same LSNs, tracking nothing (the start of a
   * deep copy). `new Map(disk)` would read it through its iterator: an array and an iterator result a shard.
   */
  snapshot(): DiskMap {
    const out = new DiskMap();
    for (const shard of super.keys()) MAP_SET.call(out, shard, 0);
    out.lsns = this.lsns.copy();
    return out;
  }

  /** Room for `shards` more shards without growing its rows on the way. */
  reserve(shards: number): void {
    this.lsns.reserve(shards);
  }

  override get(shard: number): number | undefined {
    return this.lsns.get(0, shard);
  }

  override has(shard: number): boolean {
    return this.lsns.has(0, shard);
  }

  override set(shard: number, lsn: number): this {
    if (this.touched) this.touched.add(shard);
    // A shard new to the disk takes its place at the end of the Map's order; one held already keeps its place.
    if (this.lsns.set(0, shard, lsn)) super.set(shard, 0);
    return this;
  }

  override delete(shard: number): boolean {
    if (this.touched) this.touched.add(shard);
    if (!this.lsns.delete(0, shard)) return false;
    return super.delete(shard);
  }

  override clear(): void {
    if (this.touched) for (const shard of super.keys()) this.touched.add(shard);
    this.lsns = new ShardColumns(1);
    super.clear();
  }

  override forEach(each: (lsn: number, shard: number, map: Map<number, number>) => void, thisArg?: unknown): void {
    for (const shard of super.keys()) each.call(thisArg, this.lsns.get(0, shard)!, shard, this);
  }

  override *entries(): MapIterator<[number, number]> {
    for (const shard of super.keys()) yield [shard, this.lsns.get(0, shard)!];
  }

  override *values(): MapIterator<number> {
    for (const shard of super.keys()) yield this.lsns.get(0, shard)!;
  }

  override [Symbol.iterator](): MapIterator<[number, number]> {
    return this.entries();
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

/** Map's own set: a copy's order is written without going through DiskMap.set (its LSN row is copied whole). */
const MAP_SET = Map.prototype.set;
