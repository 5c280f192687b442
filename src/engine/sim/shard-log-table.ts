import { ShardColumns } from './shard-columns';

/**
 * Per shard, two things a node's log knows of it, side by side in one row (shard-columns.ts says why):
 * - `held`: the highest LSN its surviving log holds (with the checkpoint's pages: what a replay can bring the pages
 *   back to). Kept at every append, cut by a power loss; while the node runs `disk` is never below it, after a crash
 *   it is the durable truth (`max(disk, held)`, quorum/write-quorum.ts historyHeld).
 * - `image`: the record after the checkpoint that carries the shard's full-page image (fullPageWrites, torn-pages.ts).
 *
 * They were two Maps, node.logHeld and wal.imaged: every replica a write reaches reads both and sets `held`.
 */
export class ShardLogTable extends ShardColumns {
  constructor() {
    super(2);
  }

  held(shard: number): number | undefined {
    return this.get(HELD, shard);
  }

  setHeld(shard: number, lsn: number): void {
    this.set(HELD, shard, lsn);
  }

  deleteHeld(shard: number): void {
    this.delete(HELD, shard);
  }

  image(shard: number): number | undefined {
    return this.get(IMAGE, shard);
  }

  hasImage(shard: number): boolean {
    return this.has(IMAGE, shard);
  }

  setImage(shard: number, no: number): void {
    this.set(IMAGE, shard, no);
  }

  deleteImage(shard: number): void {
    this.delete(IMAGE, shard);
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
}

const HELD = 0;
const IMAGE = 1;
