import { describe, expect, it } from 'vitest';
import { RandomStream } from './random';
import { CheckpointImage } from './checkpoint-image';
import { DiskMap } from './disk-map';

/** A disk's log columns against two plain Maps, the way the log used them before (node.logHeld, wal.imaged). */
function compare(table: DiskMap, held: Map<number, number>, images: Map<number, number>, shards: number): void {
  for (let s = 0; s < shards; s++) {
    expect(table.held(s)).toBe(held.get(s));
    expect(table.image(s)).toBe(images.get(s));
    expect(table.hasImage(s)).toBe(images.has(s));
  }
  const seenHeld = new Map<number, number>();
  table.forEachHeld((s, lsn) => seenHeld.set(s, lsn));
  expect([...seenHeld].sort((a, b) => a[0] - b[0])).toEqual([...held].sort((a, b) => a[0] - b[0]));
  const seenImages = new Map<number, number>();
  table.forEachImage((s, no) => seenImages.set(s, no));
  expect([...seenImages].sort((a, b) => a[0] - b[0])).toEqual([...images].sort((a, b) => a[0] - b[0]));
  expect(logRows(table)).toBe(new Set([...held.keys(), ...images.keys()]).size);
}

/** Rows the log's columns take, merged into the LSN rows or in their own table (a disk here with no LSN set). */
const logRows = (disk: DiskMap): number => (disk.merged() ? disk.lsns.live : (disk.log?.live ?? 0));

describe('DiskMap', () => {
  it('answers as two Maps would over random sets, deletes and clears, through growth and reuse of deleted slots', () => {
    for (const shards of [5, 300, 5000]) {
      const random = new RandomStream(shards, 'table');
      const table = new DiskMap();
      const held = new Map<number, number>();
      const images = new Map<number, number>();
      for (let step = 0; step < 20_000; step++) {
        const s = random.int(shards);
        const r = random.next();
        if (r < 0.4) {
          const lsn = random.int(1000);
          table.setHeld(s, lsn);
          held.set(s, lsn);
        } else if (r < 0.6) {
          const no = 1 + random.int(1000);
          table.setImage(s, no);
          images.set(s, no);
        } else if (r < 0.8) {
          table.deleteHeld(s);
          held.delete(s);
        } else if (r < 0.998) {
          table.deleteImage(s);
          images.delete(s);
        } else if (r < 0.999) {
          table.clearHeld();
          held.clear();
        } else {
          table.clearImages();
          images.clear();
        }
        if (step % 2_000 === 0) compare(table, held, images, shards);
      }
      compare(table, held, images, shards);
    }
  });

  it('stays sized for what it holds when shards come and go (deleted slots are dropped, not piled up)', () => {
    const table = new DiskMap();
    for (let round = 0; round < 50; round++) {
      for (let s = 0; s < 300; s++) table.setHeld(round * 300 + s, s);
      for (let s = 0; s < 300; s++) table.deleteHeld(round * 300 + s);
    }
    expect(logRows(table)).toBe(0);
    // 300 live at most: twice that, as a power of two, is 1,024 slots.
    expect(table.lsns.cells.length / table.lsns.stride).toBeLessThanOrEqual(1024);
  });

  it('lets forEachImage delete the image it is handed, as a crash drops images on cut-off records', () => {
    const table = new DiskMap();
    for (let s = 0; s < 100; s++) table.setImage(s, s + 1);
    table.setHeld(7, 70);
    table.forEachImage((s, no) => {
      if (no % 2 === 0) table.deleteImage(s);
    });
    const left: number[] = [];
    table.forEachImage((s) => left.push(s));
    expect(left.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => 2 * i));
    expect(table.held(7)).toBe(70);
    expect(table.hasImage(7)).toBe(false);
  });

  it('holds nothing for a negative shard index (a record outside any shard), and refuses to store one', () => {
    const table = new DiskMap();
    table.setHeld(0, 5);
    expect(table.held(-1)).toBeUndefined();
    expect(table.hasImage(-1)).toBe(false);
    expect(() => table.setHeld(-1, 3)).toThrow(/not a shard index/);
    expect(logRows(table)).toBe(1);
  });

  it('copies (snapshot) with its log columns, as a disk of its own', () => {
    const table = new DiskMap();
    table.setHeld(4, 40);
    table.set(4, 39);
    const copy = table.snapshot();
    expect(copy).toBeInstanceOf(DiskMap);
    copy.setHeld(4, 41);
    copy.setImage(9, 2);
    expect([table.held(4), copy.held(4), table.image(9), copy.image(9), copy.get(4)]).toEqual([40, 41, undefined, 2, 39]);
  });

  it("keeps the LSN and the log's columns apart: the Map sees only the LSNs, a wipe or a delete leaves the log's", () => {
    const disk = new DiskMap();
    disk.setHeld(1, 10);
    disk.setImage(2, 3);
    expect([disk.size, disk.has(1), disk.has(2), [...disk.keys()]]).toEqual([0, false, false, []]);
    disk.set(2, 7);
    disk.set(1, 9);
    expect([...disk]).toEqual([
      [2, 7],
      [1, 9],
    ]);
    disk.delete(1);
    expect([disk.has(1), disk.held(1), disk.size]).toEqual([false, 10, 1]);
    disk.clear();
    expect([disk.size, disk.held(1), disk.image(2), disk.get(2)]).toEqual([0, 10, 3, undefined]);
    disk.set(5, 50);
    disk.clearHeld();
    disk.clearImages();
    expect([disk.get(5), disk.held(1), disk.image(2), disk.lsns.live]).toEqual([50, undefined, undefined, 1]);
  });

  it('is the same as another disk only with the same shards in order and the same rows, log columns included', () => {
    const a = new DiskMap();
    const b = new DiskMap();
    for (const d of [a, b]) {
      d.set(3, 30);
      d.set(1, 10);
      d.setHeld(3, 30);
    }
    expect(a.sameAs(b)).toBe(true);
    b.setImage(3, 8);
    expect(a.sameAs(b)).toBe(false);
    a.setImage(3, 8);
    expect(a.sameAs(b)).toBe(true);
    b.setHeld(3, 31);
    expect(a.sameAs(b)).toBe(false);
  });

  it('refuses a number the Int32 cells cannot hold', () => {
    const table = new DiskMap();
    expect(() => table.setHeld(1, 2 ** 31)).toThrow(/is not an LSN/);
    expect(() => table.setImage(1, -1)).toThrow(/is not an LSN/);
    expect(() => table.setHeld(1, 1.5)).toThrow(/is not an LSN/);
  });

  it('gives a checkpoint image of its LSNs alone that answers, and takes new shards, as the disk did', () => {
    const random = new RandomStream(9, 'image');
    const disk = new DiskMap();
    const lsns = new Map<number, number>();
    for (let step = 0; step < 5_000; step++) {
      const s = random.int(600);
      const r = random.next();
      if (r < 0.4) {
        disk.set(s, step);
        lsns.set(s, step);
      } else if (r < 0.6) disk.setHeld(s, step);
      else if (r < 0.7) disk.setImage(s, 1 + step);
      else if (r < 0.9) {
        disk.delete(s);
        lsns.delete(s);
      } else disk.deleteHeld(s);
    }
    const image = CheckpointImage.of(disk);
    for (let s = 0; s < 600; s++) expect(image.get(s)).toBe(lsns.get(s));
    // Rows the image left as deleted still lead probes on to the rows after them: new shards land and are found.
    for (let s = 600; s < 900; s++) image.set(s, s);
    for (let s = 0; s < 900; s++) expect(image.get(s)).toBe(s < 600 ? lsns.get(s) : s);
  });

  it("takes the log's columns into its LSN rows only once the log knows of half its shards (and 64 at least)", () => {
    const disk = new DiskMap();
    for (let s = 0; s < 300; s++) disk.set(s, s);
    // A node a failover copied a few shards to: its log knows of those alone, in a table of their own.
    for (let s = 0; s < 149; s++) disk.setHeld(s, s + 1);
    expect([disk.merged(), disk.lsns.columns, disk.log?.live]).toEqual([false, 1, 149]);
    const before = disk.lsns.cells.byteLength;
    // A node taking writes: soon every shard is in its log, and one lookup then reads all three.
    disk.setHeld(149, 150);
    disk.setImage(3, 9);
    expect([disk.merged(), disk.lsns.columns, disk.log]).toEqual([true, 3, null]);
    expect(disk.lsns.cells.byteLength).toBeGreaterThan(before);
    for (let s = 0; s < 300; s++) expect([disk.get(s), disk.held(s), disk.hasImage(s)]).toEqual([s, s < 150 ? s + 1 : undefined, s === 3]);
    expect([...disk.keys()]).toEqual(Array.from({ length: 300 }, (_, s) => s));
    const row = disk.heldRowOf(7);
    expect([disk.heldAt(row, 7), disk.hasImageAt(row, 7), disk.heldRowOf(300)]).toEqual([8, false, -1]);
  });
});
