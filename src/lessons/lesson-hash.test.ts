import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lessonHash, sha256Hex } from './lesson-hash';

describe('lessonHash: sha256 of the lesson text, pure and synchronous', () => {
  it('matches the FIPS 180-2 vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256Hex('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('hashes the UTF-8 bytes, at every length around the block boundaries', () => {
    for (const text of ['é', 'n2 → cp', '日本語のレッスン', '😀 emoji']) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
    for (let n = 50; n < 70; n++) {
      const text = 'x'.repeat(n);
      expect(sha256Hex(text), String(n)).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });

  it('is the first 8 hex characters', () => {
    expect(lessonHash('abc')).toBe('ba7816bf');
    expect(lessonHash('{"lesson": "1"}')).toMatch(/^[0-9a-f]{8}$/);
  });
});
