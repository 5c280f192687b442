import { describe, expect, it } from 'vitest';
import { formatCount } from './format-count';

describe('formatCount', () => {
  it('groups whole numbers by thousands exactly as en-US toLocaleString does', () => {
    for (const n of [0, 7, 12, 999, 1000, 1241, 12_345, 999_999, 1_000_000, 123_456_789, -1, -1234, -1_000_000, 2 ** 40])
      expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
  });

  it('falls back to toLocaleString for fractions', () => {
    expect(formatCount(1234.5)).toBe('1,234.5');
  });
});
