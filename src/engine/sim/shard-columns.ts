/**
 * Shard index → a few whole numbers (LSNs, record numbers), one row per shard in one Int32Array, open-addressed:
 * the row holds the shard and its numbers side by side, so a lookup is one probe into one cache line. A V8 Map is
 * two misses a lookup at 10,000 shards (its bucket, then its entry), and every replica a client write reaches looks
 * its shard up (bench case b: ~1M a run). Int32, as the log's own columns (wal-log.ts `shardLsn`): an LSN or a record
 * number never reaches 2^31 in a run.
 *
 * A column is absent for a shard when it holds NONE; a row whose columns are all absent is deleted. Iteration runs in
 * slot order, which depends only on what was set and deleted: the same run gives the same order, and a deep copy (a
 * typed array, copied byte for byte) keeps it.
 */
export class ShardColumns {
  /** `stride` ints per row: shard + 1 (EMPTY, or GONE when deleted), then each column's number (NONE), then padding. */
  cells: Int32Array;
  /** Rows holding a shard. */
  live = 0;
  /** Rows holding a shard or deleted: what a probe walks past. */
  used = 0;
  readonly stride: number;
  /** log2(stride): a row starts at slot << shift. */
  private readonly shift: number;
  /** Rows − 1 (a power of two less one), or −1 for a table of none. */
  private mask: number;

  constructor(readonly columns: number, capacity = MIN_CAPACITY) {
    // A power of two, so a row never straddles two cache lines when the store is aligned to it.
    let shift = 1;
    while (1 << shift < columns + 1) shift++;
    this.shift = shift;
    this.stride = 1 << shift;
    this.cells = new Int32Array(capacity << shift);
    this.mask = capacity - 1;
  }

  get(column: number, shard: number): number | undefined {
    const at = this.find(shard);
    if (at < 0) return undefined;
    const value = this.cells[at + 1 + column];
    return value === NONE ? undefined : value;
  }

  has(column: number, shard: number): boolean {
    const at = this.find(shard);
    return at >= 0 && this.cells[at + 1 + column] !== NONE;
  }

  /**
   * The shard's row (where its cells start, for valueAt and setAt), or −1 when it has none. A row stays where it is
   * until a shard is added to the table (a set of a shard with no row), which may move every row.
   */
  rowOf(shard: number): number {
    return this.find(shard);
  }

  /** The column's number in the row `at` (rowOf, ≥ 0), or NONE (−1). */
  valueAt(at: number, column: number): number {
    return this.cells[at + 1 + column];
  }

  /** Sets the column's number in the row `at` (rowOf, ≥ 0, no shard added since), without looking the shard up. */
  setAt(at: number, column: number, value: number): void {
    this.cells[at + 1 + column] = fitted(value);
  }

  /** Sets the shard's number in the column; true when the column held none for it before. */
  set(column: number, shard: number, value: number): boolean {
    const checked = fitted(value);
    // claim() before reading this.cells: it may move the rows to a new array.
    const at = this.claim(shard) + 1 + column;
    const cells = this.cells;
    const fresh = cells[at] === NONE;
    cells[at] = checked;
    return fresh;
  }

  /** Deletes the shard's number in the column; true when there was one. */
  delete(column: number, shard: number): boolean {
    const at = this.find(shard);
    if (at < 0 || this.cells[at + 1 + column] === NONE) return false;
    this.cells[at + 1 + column] = NONE;
    this.release(at);
    return true;
  }

  /** Every shard's number in the column, in slot order; `each` may delete the number it is handed. */
  forEachOf(column: number, each: (shard: number, value: number) => void): void {
    const cells = this.cells;
    const stride = this.stride;
    for (let at = 0; at < cells.length; at += stride) {
      const key = cells[at];
      if (key <= 0) continue;
      const value = cells[at + 1 + column];
      if (value !== NONE) each(key - 1, value);
      // Deleting never moves rows; adding may (claim), which would leave this walk on the old array.
      if (this.cells !== cells) throw new Error('ShardColumns: a shard was added while iterating');
    }
  }

  clearColumn(column: number): void {
    const cells = this.cells;
    for (let at = 0; at < cells.length; at += this.stride) {
      if (cells[at] <= 0) continue;
      cells[at + 1 + column] = NONE;
      this.release(at);
    }
  }

  /** Room for `shards` rows without growing on the way (a world's build knows how many each node takes). */
  reserve(shards: number): void {
    if ((this.used + shards) * 4 > (this.mask + 1) * 3) this.rehash(shards);
  }

  /** The same rows in a table of their own (of the same class). */
  copy(): this {
    const copy = Object.assign(Object.create(Object.getPrototypeOf(this) as object) as this, this);
    copy.cells = this.cells.slice();
    return copy;
  }

  /**
   * One column's numbers in a table of one column with the same slots: a row with nothing in the column becomes a
   * deleted row there, so every probe still walks the same way. A loop over the cells, no lookup per shard.
   */
  copyColumn(column: number): ShardColumns {
    const out = new ShardColumns(1, this.mask + 1);
    const from = this.cells;
    const to = out.cells;
    const shift = out.shift;
    let live = 0;
    let used = 0;
    for (let slot = 0; slot <= this.mask; slot++) {
      const at = slot << this.shift;
      const key = from[at];
      if (key === EMPTY) continue;
      used++;
      const value = key > 0 ? from[at + 1 + column] : NONE;
      if (value === NONE) {
        to[slot << shift] = GONE;
        continue;
      }
      to[slot << shift] = key;
      to[(slot << shift) + 1] = value;
      live++;
    }
    out.live = live;
    out.used = used;
    return out;
  }

  /** The shard's row (index of its first cell), or -1. */
  private find(shard: number): number {
    const cells = this.cells;
    const mask = this.mask;
    // No shard has a negative index (a log record outside any shard says −1): its key would read as an empty row.
    if (mask < 0 || !(shard >= 0)) return -1;
    const key = shard + 1;
    for (let slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
      const at = slot << this.shift;
      const k = cells[at];
      if (k === key) return at;
      if (k === EMPTY) return -1;
    }
  }

  /** The shard's row, made (every column NONE) if it has none. */
  private claim(shard: number): number {
    if (!(Number.isInteger(shard) && shard >= 0 && shard < 0x7fffffff)) throw new Error(`ShardColumns: ${shard} is not a shard index`);
    const found = this.find(shard);
    if (found >= 0) return found;
    // Keep the table at most 3/4 used (live and deleted), so a probe stays short and always ends at an empty row.
    if ((this.used + 1) * 4 > (this.mask + 1) * 3) this.rehash();
    const cells = this.cells;
    const mask = this.mask;
    const shift = this.shift;
    const key = shard + 1;
    let slot = hash(key) & mask;
    while (cells[slot << shift] !== EMPTY && cells[slot << shift] !== GONE) slot = (slot + 1) & mask;
    const at = slot << shift;
    if (cells[at] === EMPTY) this.used++;
    this.live++;
    cells[at] = key;
    for (let c = 1; c <= this.columns; c++) cells[at + c] = NONE;
    return at;
  }

  /** A row whose columns are all NONE holds nothing: deleted (a probe still walks past it). */
  private release(at: number): void {
    const cells = this.cells;
    for (let c = 1; c <= this.columns; c++) if (cells[at + c] !== NONE) return;
    cells[at] = GONE;
    this.live--;
  }

  /**
   * Into a table sized for what is live and `more` rows to come (at most two thirds full, rounded up to a power of
   * two), dropping the deleted rows. Two thirds, not half: a node's disk at 100 × 10,000 (300 shards) takes 512 rows
   * where half took 1,024, and each of a write's three replicas reads a row at random from one of these tables, so a
   * smaller table is fewer cache lines for them all (bench case b). A probe still ends within a row or two.
   */
  private rehash(more = 1): void {
    const old = this.cells;
    const stride = this.stride;
    const shift = this.shift;
    let capacity = MIN_CAPACITY;
    while (capacity * 2 < (this.live + more) * 3) capacity *= 2;
    const cells = new Int32Array(capacity << shift);
    const mask = capacity - 1;
    for (let from = 0; from < old.length; from += stride) {
      const key = old[from];
      if (key <= 0) continue;
      let slot = hash(key) & mask;
      while (cells[slot << shift] !== EMPTY) slot = (slot + 1) & mask;
      for (let c = 0; c < stride; c++) cells[(slot << shift) + c] = old[from + c];
    }
    this.cells = cells;
    this.mask = mask;
    this.used = this.live;
  }
}

const EMPTY = 0;
const GONE = -1;
/** No number: an LSN or a record number is never negative. */
const NONE = -1;
const MIN_CAPACITY = 8;

/** Fibonacci hashing, high bits folded down: consecutive shard indices spread over the table, not one run of rows. */
function hash(key: number): number {
  const h = Math.imul(key, 0x9e3779b1);
  return (h ^ (h >>> 16)) >>> 0;
}

function fitted(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 0x7fffffff) throw new Error(`ShardColumns: ${value} is not an LSN or a record number`);
  return value;
}
