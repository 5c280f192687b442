// Goal (issue 12's shard codes, issue 13's write path): a disk names the shards it changed since it was last asked,
// and tracks nothing until the first ask (the baseline a full pass makes), so a run nobody draws pays nothing per write.
import { describe, expect, it } from 'vitest';
import { DeepCopier } from './deep-copy';
import { DiskMap } from './disk-map';
import { RandomStream } from './random';

const taken = (disk: DiskMap) => {
  const out: number[] = [];
  disk.takeTouched((s) => out.push(s));
  return out;
};

describe('DiskMap touched shards', () => {
  it('the first ask is a baseline: nothing before it is handed over, nor kept', () => {
    const disk = new DiskMap([[1, 5]]);
    disk.set(2, 7);
    disk.delete(1);
    expect(disk.touched).toBeNull();
    expect(taken(disk)).toEqual([]);
    expect([...disk]).toEqual([[2, 7]]);
  });

  it('after it, each shard set, deleted or cleared is named once, in the order first touched, then forgotten', () => {
    const disk = new DiskMap();
    taken(disk);
    disk.set(4, 1);
    disk.set(9, 1);
    disk.set(4, 2);
    disk.delete(9);
    expect(taken(disk)).toEqual([4, 9]);
    expect(taken(disk)).toEqual([]);
    disk.set(3, 1);
    disk.clear();
    expect(taken(disk)).toEqual([3, 4]);
  });
});

describe('DiskMap as a Map', () => {
  const views = (m: Map<number, number>) => ({
    spread: [...m],
    entries: [...m.entries()],
    keys: [...m.keys()],
    values: [...m.values()],
    each: (() => {
      const out: [number, number][] = [];
      m.forEach((lsn, shard) => out.push([shard, lsn]));
      return out;
    })(),
    copied: [...new Map(m)],
    size: m.size,
  });

  it('answers every read as a plain Map would, in the same order, over random sets, deletes and clears', () => {
    const random = new RandomStream(7, 'disk-map');
    const disk = new DiskMap();
    const plain = new Map<number, number>();
    for (let step = 0; step < 20_000; step++) {
      const shard = random.int(400);
      const r = random.next();
      if (r < 0.6) {
        const lsn = random.int(10_000);
        expect(disk.set(shard, lsn)).toBe(disk);
        plain.set(shard, lsn);
      } else if (r < 0.999) expect(disk.delete(shard)).toBe(plain.delete(shard));
      else {
        disk.clear();
        plain.clear();
      }
      expect(disk.has(shard)).toBe(plain.has(shard));
      expect(disk.get(shard)).toBe(plain.get(shard));
      if (step % 1_000 === 0) expect(views(disk)).toEqual(views(plain));
    }
    expect(views(disk)).toEqual(views(plain));
  });

  it('a deep copy keeps the order and the LSNs, and is independent of the original', () => {
    const disk = new DiskMap([
      [5, 1],
      [2, 9],
      [7, 4],
    ]);
    disk.delete(2);
    disk.set(2, 3);
    disk.set(5, 8);
    const copy = new DeepCopier(() => false).copy(disk);
    expect(copy).toBeInstanceOf(DiskMap);
    expect([...copy]).toEqual([
      [5, 8],
      [7, 4],
      [2, 3],
    ]);
    copy.set(7, 100);
    copy.delete(5);
    expect([...disk]).toEqual([
      [5, 8],
      [7, 4],
      [2, 3],
    ]);
    expect(disk.get(7)).toBe(4);
  });

  it('a snapshot keeps the order and the LSNs, tracks nothing, and is independent both ways', () => {
    const disk = new DiskMap([
      [5, 1],
      [2, 9],
      [7, 4],
    ]);
    disk.takeTouched(() => {});
    disk.delete(2);
    disk.set(2, 3);
    const image = disk.snapshot();
    expect(image).toBeInstanceOf(DiskMap);
    expect([...image]).toEqual([
      [5, 1],
      [7, 4],
      [2, 3],
    ]);
    expect(image.touched).toBeNull();
    image.set(9, 6);
    image.set(5, 2);
    disk.set(7, 11);
    disk.delete(2);
    expect([...image]).toEqual([
      [5, 2],
      [7, 4],
      [2, 3],
      [9, 6],
    ]);
    expect([...disk]).toEqual([
      [5, 1],
      [7, 11],
    ]);
    expect(taken(disk)).toEqual([2, 7]);
  });
});

describe('DiskMap.reserve', () => {
  it('takes that many shards without growing its rows, and still answers as a Map', () => {
    const disk = new DiskMap();
    disk.reserve(300);
    const rows = disk.lsns.cells;
    for (let s = 0; s < 300; s++) disk.set(s * 7, s);
    expect(disk.lsns.cells).toBe(rows);
    expect(disk.size).toBe(300);
    expect([...disk.keys()].slice(0, 3)).toEqual([0, 7, 14]);
    expect(disk.get(7 * 299)).toBe(299);
  });
});
