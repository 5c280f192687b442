// Goal (issue 13's local recovery, bench case b): a checkpoint's image holds each shard's LSN as the disk had it when
// the checkpoint was taken, and goes its own way from the disk afterwards, both ways.
import { describe, expect, it } from 'vitest';
import { CheckpointImage } from './checkpoint-image';
import { DeepCopier } from './deep-copy';
import { DiskMap } from './disk-map';

describe('checkpoint image', () => {
  it("is the disk's LSNs at the moment it is taken, and independent of the disk afterwards", () => {
    const disk = new DiskMap([
      [5, 1],
      [2, 9],
      [7, 4],
    ]);
    const image = CheckpointImage.of(disk);
    expect(image.entries()).toEqual([
      [2, 9],
      [5, 1],
      [7, 4],
    ]);
    disk.set(5, 12);
    disk.delete(2);
    image.set(7, 6);
    image.set(11, 3);
    expect(image.get(5)).toBe(1);
    expect(image.get(2)).toBe(9);
    expect(image.get(11)).toBe(3);
    expect(disk.get(7)).toBe(4);
    expect(disk.has(11)).toBe(false);
    expect(image.delete(2)).toBe(true);
    expect(image.delete(2)).toBe(false);
    expect(image.has(2)).toBe(false);
    image.clear();
    expect(image.entries()).toEqual([]);
    expect(disk.get(5)).toBe(12);
  });

  it('takes a plain Map entry by entry, and survives a deep copy as its own', () => {
    const image = CheckpointImage.of(new Map([[1, 2]]));
    expect(image.entries()).toEqual([[1, 2]]);
    const copy = new DeepCopier(() => false).copy(image);
    expect(copy).toBeInstanceOf(CheckpointImage);
    copy.set(1, 8);
    expect(image.get(1)).toBe(2);
    expect(copy.get(1)).toBe(8);
  });

  it('two images of one disk are the same until one changes (a fork may then keep the other)', () => {
    const disk = new DiskMap([
      [3, 7],
      [9, 1],
    ]);
    const a = CheckpointImage.of(disk);
    const b = CheckpointImage.of(disk);
    expect(a.sameAs(b)).toBe(true);
    b.set(9, 2);
    expect(a.sameAs(b)).toBe(false);
    b.set(9, 1);
    expect(a.sameAs(b)).toBe(true);
    b.delete(3);
    expect(a.sameAs(b)).toBe(false);
    expect(a.bytes()).toBeGreaterThan(88);
  });
});
