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
 * It also keeps two things the node's log knows of each shard (design recovery-repair.md §3.3), in a table of their
 * own (`log`) until the log knows of most of the disk's shards, then in the LSN rows beside the LSN (mergeLog):
 * - `held`: the highest LSN its surviving log holds (with the checkpoint's pages: what a replay can bring the pages
 *   back to). Kept at every append, cut by a power loss; while the node runs the LSN is never below it, after a crash
 *   it is the durable truth (`max(LSN, held)`, quorum/write-quorum.ts historyHeld).
 * - `image`: the record after the checkpoint that carries the shard's full-page image (fullPageWrites, torn-pages.ts).
 * Every replica a write reaches reads the LSN, `held` and `image` and sets the LSN and `held`: in two tables that was
 * two cache misses a replica (bench case b: three replicas a write), in one row it is one. The Map's view (has, get,
 * size, iteration) is the LSN column alone; a row with only log columns is not a shard the disk holds.
 *
 * It remembers which shards it changed since someone last asked, so the shard codes at 100,000 shards
 * (shard-codes-view.ts) re-derive only the shards whose copies moved instead of reading every voter's LSN every frame.
 * Nothing is tracked until the first takeTouched(): that call is the baseline (the shard-code cache makes it right
 * after a full pass) and hands nothing over. A run nobody draws (the CLI, the bench, a test) then pays no Set insert
 * per write. `touched` is not part of the run (a digest or a trace never reads it). Only the LSN column counts.
 */
export class DiskMap extends Map<number, number> {
  /** Shards set or deleted since the last takeTouched(); null until the first call (nothing asked, nothing kept). */
  touched: Set<number> | null = null;
  /**
   * Per shard: the LSN of every shard held (LSN); once the log's columns are merged in (mergeLog), also the log's
   * `held` and `image` (HELD, IMAGE).
   */
  lsns = new ShardColumns(1);
  /** Before they are merged in: the log's `held` and `image` in a table of their own (LOG_HELD, LOG_IMAGE), or null. */
  log: ShardColumns | null = null;

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
    out.log = this.log === null ? null : this.log.copy();
    return out;
  }

  /** Room for `shards` more shards without growing its rows on the way. */
  reserve(shards: number): void {
    this.lsns.reserve(shards);
  }

  override get(shard: number): number | undefined {
    return this.lsns.get(LSN, shard);
  }

  override has(shard: number): boolean {
    return this.lsns.has(LSN, shard);
  }

  override set(shard: number, lsn: number): this {
    if (this.touched) this.touched.add(shard);
    // A shard new to the disk takes its place at the end of the Map's order; one held already keeps its place.
    if (this.lsns.set(LSN, shard, lsn)) super.set(shard, 0);
    return this;
  }

  override delete(shard: number): boolean {
    if (this.touched) this.touched.add(shard);
    if (!this.lsns.delete(LSN, shard)) return false;
    return super.delete(shard);
  }

  /** Every shard leaves the disk; what the log knows of them stays (wipes clear it too, with clearHeld). */
  override clear(): void {
    if (this.touched) for (const shard of super.keys()) this.touched.add(shard);
    this.lsns.clearColumn(LSN);
    super.clear();
  }

  override forEach(each: (lsn: number, shard: number, map: Map<number, number>) => void, thisArg?: unknown): void {
    for (const shard of super.keys()) each.call(thisArg, this.lsns.get(LSN, shard)!, shard, this);
  }

  override *entries(): MapIterator<[number, number]> {
    for (const shard of super.keys()) yield [shard, this.lsns.get(LSN, shard)!];
  }

  override *values(): MapIterator<number> {
    for (const shard of super.keys()) yield this.lsns.get(LSN, shard)!;
  }

  // ---- one lookup for a shard's whole row (a leaderless write reads its LSN, `held` and `image` together)

  /** The shard's row, ≥ 0 when the disk holds it (its LSN is set), else −1. Valid until a shard is added. */
  heldRowOf(shard: number): number {
    const at = this.lsns.rowOf(shard);
    return at >= 0 && this.lsns.valueAt(at, LSN) !== NONE ? at : -1;
  }

  /** `held` of the shard in row `at` (heldRowOf), or undefined: from the same row once the log is merged in. */
  heldAt(at: number, shard: number): number | undefined {
    if (!this.merged()) return this.held(shard);
    const held = this.lsns.valueAt(at, HELD);
    return held === NONE ? undefined : held;
  }

  /** Whether the shard in row `at` (heldRowOf) has an `image`: from the same row once the log is merged in. */
  hasImageAt(at: number, shard: number): boolean {
    if (!this.merged()) return this.hasImage(shard);
    return this.lsns.valueAt(at, IMAGE) !== NONE;
  }

  /** set() of the shard held in row `at` (heldRowOf; no shard added to the disk since). */
  setAt(at: number, shard: number, lsn: number): void {
    if (this.touched) this.touched.add(shard);
    this.lsns.setAt(at, LSN, lsn);
  }

  // ---- the log's columns (design recovery-repair.md §3.3; see above)

  held(shard: number): number | undefined {
    return this.logGet(LOG_HELD, shard);
  }

  setHeld(shard: number, lsn: number): void {
    this.logSet(LOG_HELD, shard, lsn);
  }

  deleteHeld(shard: number): void {
    this.logDelete(LOG_HELD, shard);
  }

  image(shard: number): number | undefined {
    return this.logGet(LOG_IMAGE, shard);
  }

  hasImage(shard: number): boolean {
    return this.logGet(LOG_IMAGE, shard) !== undefined;
  }

  setImage(shard: number, no: number): void {
    this.logSet(LOG_IMAGE, shard, no);
  }

  deleteImage(shard: number): void {
    this.logDelete(LOG_IMAGE, shard);
  }

  /** A log column (LOG_HELD, LOG_IMAGE) of the shard: one column further in the LSN rows once merged, else its table. */
  private logGet(column: number, shard: number): number | undefined {
    if (this.merged()) return this.lsns.get(1 + column, shard);
    return this.log === null ? undefined : this.log.get(column, shard);
  }

  private logSet(column: number, shard: number, value: number): void {
    if (this.mergesNow()) this.mergeLog();
    if (this.merged()) this.lsns.set(1 + column, shard, value);
    else (this.log ??= new ShardColumns(2)).set(column, shard, value);
  }

  private logDelete(column: number, shard: number): void {
    if (this.merged()) this.lsns.delete(1 + column, shard);
    else this.log?.delete(column, shard);
  }

  /** Every shard's `held`, in slot order. */
  forEachHeld(each: (shard: number, lsn: number) => void): void {
    this.logForEach(LOG_HELD, each);
  }

  /** Every shard's `image`, in slot order; `each` may delete the image it is handed. */
  forEachImage(each: (shard: number, no: number) => void): void {
    this.logForEach(LOG_IMAGE, each);
  }

  /** The log holds nothing any more (a wipe, a restore). */
  clearHeld(): void {
    this.logClear(LOG_HELD);
  }

  /** A checkpoint: no PUT since it carried an image yet. */
  clearImages(): void {
    this.logClear(LOG_IMAGE);
  }

  private logForEach(column: number, each: (shard: number, value: number) => void): void {
    if (this.merged()) this.lsns.forEachOf(1 + column, each);
    else this.log?.forEachOf(column, each);
  }

  private logClear(column: number): void {
    if (this.merged()) this.lsns.clearColumn(1 + column);
    else this.log?.clearColumn(column);
  }

  /** Whether the log's columns sit in the LSN rows (mergeLog). */
  merged(): boolean {
    return this.lsns.columns === COLUMNS;
  }

  /**
   * Whether the log's columns move into the LSN rows now, for good: once the log knows of most shards on the disk, as
   * on a node taking client writes (every shard it holds is soon in its log), where a write then reads the LSN, `held`
   * and `image` with one lookup. Until then they stay in a table of their own: in a run of copies and no writes a
   * node's log knows a few shards, and three columns in every disk row would double what each copied disk costs a fork
   * (the console's snapshots at 1,000 × 100,000). Decided by the state alone, so a run merges at the same step
   * wherever it runs.
   */
  private mergesNow(): boolean {
    return this.log !== null && this.lsns.columns !== COLUMNS && this.log.live >= MERGE_MIN && 2 * this.log.live >= this.size;
  }

  /** The LSN rows and the log's table, as one table of three columns (mergesNow). Every row moves. */
  private mergeLog(): void {
    const log = this.log!;
    const merged = new ShardColumns(COLUMNS);
    // Room for the disk's shards and those only the log knows (most of the log's are the disk's own, so not the sum);
    // set() makes room for any more.
    let logOnly = 0;
    log.forEachOf(LOG_HELD, (shard) => {
      if (!this.lsns.has(LSN, shard)) logOnly++;
    });
    merged.reserve(this.lsns.live + logOnly);
    this.lsns.forEachOf(LSN, (shard, lsn) => merged.set(LSN, shard, lsn));
    log.forEachOf(LOG_HELD, (shard, held) => merged.set(HELD, shard, held));
    log.forEachOf(LOG_IMAGE, (shard, no) => merged.set(IMAGE, shard, no));
    this.lsns = merged;
    this.log = null;
  }

  /**
   * The same shards in the same order, and the same rows slot for slot (LSNs and the log's columns alike): a fork may
   * then keep the other's disk instead of copying its own (world-copy.ts samePlainCollection).
   */
  sameAs(other: DiskMap): boolean {
    if (this.size !== other.size || !sameRows(this.lsns, other.lsns)) return false;
    if (this.log === null || other.log === null ? (this.log?.live ?? 0) !== (other.log?.live ?? 0) : !sameRows(this.log, other.log)) return false;
    const theirs = Map.prototype.keys.call(other);
    for (const shard of super.keys()) if (shard !== theirs.next().value) return false;
    return true;
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

/** The same table, slot for slot. */
function sameRows(a: ShardColumns, b: ShardColumns): boolean {
  if (a.columns !== b.columns || a.live !== b.live || a.cells.length !== b.cells.length) return false;
  const x = a.cells;
  const y = b.cells;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** The columns of the log's own table, before it is merged in. */
const LOG_HELD = 0;
const LOG_IMAGE = 1;
/**
 * The columns of a disk's rows: the shard's LSN on disk, and, once merged in, its log's `held` and `image`, each one
 * column further than in the log's own table (logGet).
 */
const LSN = 0;
const HELD = 1 + LOG_HELD;
const IMAGE = 1 + LOG_IMAGE;
const COLUMNS = 3;
/** A log merges in only once it knows of this many shards at least (and of half the disk's). */
const MERGE_MIN = 64;
/** A column with no number (shard-columns.ts). */
const NONE = -1;

/** Map's own set: a copy's order is written without going through DiskMap.set (its LSN row is copied whole). */
const MAP_SET = Map.prototype.set;
