import { describe, expect, it } from 'vitest';
import { closestName, didYouMean, editDistance } from './did-you-mean';

describe('did-you-mean', () => {
  it('measures edit distance, ignoring case', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('Node', 'node')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests near misses, prefixes and abbreviations', () => {
    const known = ['heartbeatIntervalMs', 'suspectAfterMs', 'deadAfterMs', 'rehomeGraceMs'];
    expect(closestName('heartbeatMs', known)).toBe('heartbeatIntervalMs');
    expect(closestName('deadAfterMS', known)).toBe('deadAfterMs');
    expect(closestName('rehomeGrace', known)).toBe('rehomeGraceMs');
    expect(closestName('at', ['atMs', 'command'])).toBe('atMs');
    expect(closestName('zebra', known)).toBeNull();
  });

  it('phrases the hint, or says nothing', () => {
    expect(didYouMean('nodes', ['node'])).toBe(' (did you mean "node"?)');
    expect(didYouMean('xyz', ['node'])).toBe('');
  });
});
