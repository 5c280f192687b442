import { DiskMap } from './disk-map';
import { ShardColumns } from './shard-columns';

/**
 * A node's checkpoint image: shard → the LSN its data pages held at its last checkpoint (patched since, as catch-ups
 * install pages and writes run ahead of it). Only ever looked up, never walked, so it keeps no order: each shard's LSN
 * is one Int32 row (shard-columns.ts), and taking a checkpoint copies the disk's rows whole. As a copy of the disk's
 * Map it was a Map rebuilt shard by shard at every checkpoint of every node (bench case b: ~16 MB of garbage a run).
 */
export class CheckpointImage {
  constructor(private lsns = new ShardColumns(1)) {}

  /** The image of a disk as it is now. */
  static of(disk: Map<number, number>): CheckpointImage {
    // The disk's LSN column alone (its rows also hold the log's columns, disk-map.ts).
    if (disk instanceof DiskMap) return new CheckpointImage(disk.lsns.copyColumn(0));
    const image = new CheckpointImage();
    for (const [shard, lsn] of disk) image.set(shard, lsn);
    return image;
  }

  get(shard: number): number | undefined {
    return this.lsns.get(0, shard);
  }

  has(shard: number): boolean {
    return this.lsns.has(0, shard);
  }

  set(shard: number, lsn: number): this {
    this.lsns.set(0, shard, lsn);
    return this;
  }

  delete(shard: number): boolean {
    return this.lsns.delete(0, shard);
  }

  clear(): void {
    this.lsns = new ShardColumns(1);
  }

  /**
   * The same rows, slot for slot (so the same shards at the same LSNs): a fork may then keep the other's image
   * instead of copying its own (world-copy.ts samePlainCollection). Equal images laid out differently count as unequal.
   */
  sameAs(other: CheckpointImage): boolean {
    const a = this.lsns.cells;
    const b = other.lsns.cells;
    if (a.length !== b.length || this.lsns.live !== other.lsns.live) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  /** Roughly its heap, by DeepCopier's sizes: the object, its table and the table's rows. */
  bytes(): number {
    return 24 + 64 + this.lsns.cells.byteLength;
  }

  /** Every shard's LSN, ascending by shard (for tests and views: the engine only looks shards up). */
  entries(): [number, number][] {
    const out: [number, number][] = [];
    this.lsns.forEachOf(0, (shard, lsn) => out.push([shard, lsn]));
    return out.sort((a, b) => a[0] - b[0]);
  }
}
