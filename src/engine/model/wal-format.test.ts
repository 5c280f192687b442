import { describe, expect, it } from 'vitest';
import { formatRecordNo } from './wal';

describe('formatRecordNo', () => {
  it('groups thousands with commas, as en-US does, without asking the locale machinery (every replay step names records)', () => {
    for (const n of [0, 7, 999, 1000, 1219, 12_345, 999_999, 1_000_000, 123_456_789]) {
      expect(formatRecordNo(n)).toBe(`#${n.toLocaleString('en-US')}`);
    }
  });
});
