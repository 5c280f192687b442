import { describe, expect, it } from 'vitest';
import { describeIds, describeValue } from './problem-text';

describe('problem-text', () => {
  it('shows values as they were written', () => {
    expect(describeValue(42)).toBe('42');
    expect(describeValue('n9')).toBe('"n9"');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue([])).toBe('an empty array');
    expect(describeValue([1])).toBe('an array');
    expect(describeValue({})).toBe('an object');
    expect(describeValue(false)).toBe('false');
  });

  it('shortens id lists', () => {
    expect(describeIds(['n1', 'n2', 'n3', 'n4', 'n5', 'n6'])).toBe('n1…n6');
    expect(describeIds(['s001', 's002', 's003'])).toBe('s001…s003');
    expect(describeIds(['n1', 'n2'])).toBe('n1, n2');
    expect(describeIds(['a', 'b', 'c'])).toBe('a, b, c');
    expect(describeIds([])).toBe('none');
    const many = Array.from({ length: 20 }, (_, i) => `x${i * 2}`);
    expect(describeIds(many)).toBe('x0, x2, x4, x6, x8, x10, … (20 in all)');
  });
});
