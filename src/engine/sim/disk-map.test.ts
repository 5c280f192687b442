// Goal (issue 12's shard codes, issue 13's write path): a disk names the shards it changed since it was last asked,
// and tracks nothing until the first ask (the baseline a full pass makes), so a run nobody draws pays nothing per write.
import { describe, expect, it } from 'vitest';
import { DiskMap } from './disk-map';

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
