import { describe, expect, it } from 'vitest';
import { RandomStream } from './random';
import { ShardLogTable } from './shard-log-table';

/** The table against two plain Maps, the way the log used them before (node.logHeld, wal.imaged). */
function compare(table: ShardLogTable, held: Map<number, number>, images: Map<number, number>, shards: number): void {
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
  expect(table.live).toBe(new Set([...held.keys(), ...images.keys()]).size);
}

describe('ShardLogTable', () => {
  it('answers as two Maps would over random sets, deletes and clears, through growth and reuse of deleted slots', () => {
    for (const shards of [5, 300, 5000]) {
      const random = new RandomStream(shards, 'table');
      const table = new ShardLogTable();
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
    const table = new ShardLogTable();
    for (let round = 0; round < 50; round++) {
      for (let s = 0; s < 300; s++) table.setHeld(round * 300 + s, s);
      for (let s = 0; s < 300; s++) table.deleteHeld(round * 300 + s);
    }
    expect(table.live).toBe(0);
    // 300 live at most: twice that, as a power of two, is 1,024 slots.
    expect(table.cells.length / 4).toBeLessThanOrEqual(1024);
  });

  it('lets forEachImage delete the image it is handed, as a crash drops images on cut-off records', () => {
    const table = new ShardLogTable();
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
    const table = new ShardLogTable();
    table.setHeld(0, 5);
    expect(table.held(-1)).toBeUndefined();
    expect(table.hasImage(-1)).toBe(false);
    expect(() => table.setHeld(-1, 3)).toThrow(/not a shard index/);
    expect(table.live).toBe(1);
  });

  it('copies as a table of its own, of its own class', () => {
    const table = new ShardLogTable();
    table.setHeld(4, 40);
    const copy = table.copy();
    expect(copy).toBeInstanceOf(ShardLogTable);
    copy.setHeld(4, 41);
    copy.setImage(9, 2);
    expect([table.held(4), copy.held(4), table.image(9), copy.image(9)]).toEqual([40, 41, undefined, 2]);
  });

  it('refuses a number the Int32 cells cannot hold', () => {
    const table = new ShardLogTable();
    expect(() => table.setHeld(1, 2 ** 31)).toThrow(/is not an LSN/);
    expect(() => table.setImage(1, -1)).toThrow(/is not an LSN/);
    expect(() => table.setHeld(1, 1.5)).toThrow(/is not an LSN/);
  });
});
