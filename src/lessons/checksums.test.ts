import { describe, expect, it } from 'vitest';
import { crc32Hex, fnv1a32 } from './checksums';

describe('checksums', () => {
  it('fnv1a32 matches the published FNV-1a vectors (UTF-8 bytes)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('crc32Hex matches the IEEE CRC-32 check value', () => {
    expect(crc32Hex('123456789')).toBe('cbf43926');
    expect(crc32Hex('')).toBe('00000000');
    expect(crc32Hex('The quick brown fox jumps over the lazy dog')).toBe('414fa339');
  });
});
