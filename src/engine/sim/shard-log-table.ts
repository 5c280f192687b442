/**
 * Per shard, two things a node's log knows of it, side by side:
 * - `held`: the highest LSN its surviving log holds (with the checkpoint's pages: what a replay can bring the pages
 *   back to). Kept at every append, cut by a power loss; while the node runs `disk` is never below it, after a crash
 *   it is the durable truth (`max(disk, held)`, quorum/write-quorum.ts historyHeld).
 * - `image`: the record after the checkpoint that carries the shard's full-page image (fullPageWrites, torn-pages.ts).
 *
 * Why not two Maps: every replica a write reaches reads both and sets `held` (bench case b: ~1M appends a run). At
 * 10,000 shards a Map lookup is two cache misses, its bucket and then its entry, so two Maps cost four. Here one
 * open-addressed slot holds the shard and both numbers in 16 bytes of one Int32Array: one probe, one cache line.
 * Int32 as the log's own columns (wal-log.ts `shardLsn`): an LSN or a record number never reaches 2^31 in a run.
 *
 * Iteration runs in slot order, which depends only on what was set and deleted: the same run gives the same order,
 * and a deep copy (a typed array, copied byte for byte) keeps it.
 */
export class ShardLogTable {
  /** STRIDE ints per slot: shard + 1 (EMPTY, GONE: deleted), held (NONE), image (NONE), unused (keeps slots aligned). */
  cells: Int32Array;
  /** Slots holding a shard. */
  live = 0;
  /** Slots holding a shard or deleted: what a probe walks past. */
  used = 0;

  constructor(capacity = MIN_CAPACITY) {
    this.cells = new Int32Array(capacity * STRIDE);
  }

  held(shard: number): number | undefined {
    const at = this.find(shard);
    if (at < 0) return undefined;
    const lsn = this.cells[at + HELD];
    return lsn === NONE ? undefined : lsn;
  }

  setHeld(shard: number, lsn: number): void {
    const value = fitted(lsn);
    // claim() before reading this.cells: it may move the slots to a new array.
    const at = this.claim(shard);
    this.cells[at + HELD] = value;
  }

  deleteHeld(shard: number): void {
    this.drop(shard, HELD);
  }

  image(shard: number): number | undefined {
    const at = this.find(shard);
    if (at < 0) return undefined;
    const no = this.cells[at + IMAGE];
    return no === NONE ? undefined : no;
  }

  hasImage(shard: number): boolean {
    const at = this.find(shard);
    return at >= 0 && this.cells[at + IMAGE] !== NONE;
  }

  setImage(shard: number, no: number): void {
    const value = fitted(no);
    // claim() before reading this.cells: it may move the slots to a new array.
    const at = this.claim(shard);
    this.cells[at + IMAGE] = value;
  }

  deleteImage(shard: number): void {
    this.drop(shard, IMAGE);
  }

  /** Every shard's `held`, in slot order. */
  forEachHeld(each: (shard: number, lsn: number) => void): void {
    this.forEachOf(HELD, each);
  }

  /** Every shard's `image`, in slot order; `each` may delete the image it is handed. */
  forEachImage(each: (shard: number, no: number) => void): void {
    this.forEachOf(IMAGE, each);
  }

  clearHeld(): void {
    this.clearColumn(HELD);
  }

  /** A checkpoint: no PUT since it carried an image yet. */
  clearImages(): void {
    this.clearColumn(IMAGE);
  }

  /** The shard's slot (index of its first cell), or -1. */
  private find(shard: number): number {
    const cells = this.cells;
    const mask = cells.length / STRIDE - 1;
    const key = shard + 1;
    for (let slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * STRIDE;
      const k = cells[at];
      if (k === key) return at;
      if (k === EMPTY) return -1;
    }
  }

  /** The shard's slot, made (both numbers NONE) if it has none. */
  private claim(shard: number): number {
    const found = this.find(shard);
    if (found >= 0) return found;
    // Keep the table at most 3/4 used (live and deleted), so a probe stays short and always ends at an empty slot.
    if ((this.used + 1) * 4 > (this.cells.length / STRIDE) * 3) this.rehash();
    const cells = this.cells;
    const mask = cells.length / STRIDE - 1;
    const key = shard + 1;
    let slot = hash(key) & mask;
    while (cells[slot * STRIDE] !== EMPTY && cells[slot * STRIDE] !== GONE) slot = (slot + 1) & mask;
    const at = slot * STRIDE;
    if (cells[at] === EMPTY) this.used++;
    this.live++;
    cells[at] = key;
    cells[at + HELD] = NONE;
    cells[at + IMAGE] = NONE;
    return at;
  }

  private drop(shard: number, column: number): void {
    const at = this.find(shard);
    if (at < 0) return;
    this.cells[at + column] = NONE;
    this.release(at);
  }

  /** A slot whose numbers are both NONE holds nothing: deleted (a probe still walks past it). */
  private release(at: number): void {
    const cells = this.cells;
    if (cells[at + HELD] !== NONE || cells[at + IMAGE] !== NONE) return;
    cells[at] = GONE;
    this.live--;
  }

  private forEachOf(column: number, each: (shard: number, value: number) => void): void {
    const cells = this.cells;
    for (let at = 0; at < cells.length; at += STRIDE) {
      const key = cells[at];
      if (key <= 0) continue;
      const value = cells[at + column];
      if (value !== NONE) each(key - 1, value);
      // `each` may have deleted it; the table never moves slots outside claim(), so the walk stays valid.
      if (this.cells !== cells) throw new Error('ShardLogTable: a shard was added while iterating');
    }
  }

  private clearColumn(column: number): void {
    const cells = this.cells;
    for (let at = 0; at < cells.length; at += STRIDE) {
      if (cells[at] <= 0) continue;
      cells[at + column] = NONE;
      this.release(at);
    }
  }

  /** Into a table sized for what is live (twice it when it would be over half used), dropping the deleted slots. */
  private rehash(): void {
    const old = this.cells;
    let capacity = MIN_CAPACITY;
    while (capacity < (this.live + 1) * 2) capacity *= 2;
    const cells = new Int32Array(capacity * STRIDE);
    const mask = capacity - 1;
    for (let from = 0; from < old.length; from += STRIDE) {
      const key = old[from];
      if (key <= 0) continue;
      let slot = hash(key) & mask;
      while (cells[slot * STRIDE] !== EMPTY) slot = (slot + 1) & mask;
      const at = slot * STRIDE;
      cells[at] = key;
      cells[at + HELD] = old[from + HELD];
      cells[at + IMAGE] = old[from + IMAGE];
    }
    this.cells = cells;
    this.used = this.live;
  }
}

const STRIDE = 4;
const HELD = 1;
const IMAGE = 2;
const EMPTY = 0;
const GONE = -1;
/** No number: an LSN or a record number is never negative. */
const NONE = -1;
const MIN_CAPACITY = 8;

/** Fibonacci hashing, high bits folded down: consecutive shard indices spread over the table, not one run of slots. */
function hash(key: number): number {
  const h = Math.imul(key, 0x9e3779b1);
  return (h ^ (h >>> 16)) >>> 0;
}

function fitted(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 0x7fffffff) throw new Error(`ShardLogTable: ${value} is not an LSN or a record number`);
  return value;
}
