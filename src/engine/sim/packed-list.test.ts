import { describe, expect, it } from 'vitest';
import { packedList } from './packed-list';

describe('packedList', () => {
  it('makes each item from its index, in order', () => {
    expect(packedList(4, (i) => `s${i}`)).toEqual(['s0', 's1', 's2', 's3']);
  });

  it('makes an empty list for no items, calling nothing', () => {
    let calls = 0;
    expect(packedList(0, () => calls++)).toEqual([]);
    expect(calls).toBe(0);
  });
});
