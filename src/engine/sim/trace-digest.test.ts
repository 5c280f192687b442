import { describe, expect, it } from 'vitest';
import { Trace, hashedText, type HashedText, type SpelledKind } from './trace';

/**
 * The digest as defined, written out plainly: each whole line hashed as a polynomial in two 32-bit lanes
 * (h ← h·P + c from 1, P = 0x01000193 and 0x5bd1e995), then folded into the running pair by murmur3's finalizer.
 */
function referenceDigest(lines: string[]): string {
  const fmix = (h: number): number => {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 16);
  };
  let a = 0x811c9dc5 | 0;
  let b = 0x01000193;
  for (const text of lines) {
    let la = 1;
    let lb = 1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      la = (Math.imul(la, 0x01000193) + c) | 0;
      lb = (Math.imul(lb, 0x5bd1e995) + c) | 0;
    }
    a = fmix(a ^ la);
    b = fmix(((b ^ lb) + 0x6b43a9b5) | 0);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

describe('trace digest', () => {
  it('is the hash of "seq|time|actor|kind|text\\n" for every entry, whatever the window keeps', () => {
    const trace = new Trace(2);
    const entries: [number, string, string, string][] = [
      [0, 'n1', 'node.crashed', 'n1 crashed.'],
      [1250.5, 's042', 'write.acked', 'Write 7 to key 3 of s042 is acknowledged at CL QUORUM — 2 of 3 (n2, n4).'],
      [170402.5227864583, 'repair', 'repair.finished', 'Ünïcødé and “quotes” hash as UTF-16 code units.'],
    ];
    const lines: string[] = [];
    entries.forEach(([timeMs, actor, kind, text], seq) => {
      trace.record(seq, timeMs, actor, kind, text, 'detail');
      lines.push(`${seq}|${timeMs}|${actor}|${kind}|${text}\n`);
    });
    expect(trace.digest()).toBe(referenceDigest(lines));
    expect(trace.copy().digest()).toBe(trace.digest());
  });

  it('spells seq and time as `${n}` does: whole, halves, fractional, around 2^31, past 2^53 and past 1e21 (exponent)', () => {
    const trace = new Trace(4);
    const lines: string[] = [];
    [0, 7, 1000, 0.5, 70000.5, 2 ** 52 - 0.5, 2 ** 51 + 0.5, 0.25, 1e-7, 2 ** 53 - 1, 2 ** 53 + 2, 1e21, 3.5e22, 123456789012, 2 ** 31 - 1, 2 ** 31, 2 ** 31 - 0.5, 2 ** 31 + 0.5, 9, 10, 99, 100, 999, 1001, 10_010, 999_999, 1_000_000, 1_000_001, 20_003_040, 999_999_999, 1_000_000_000, 1_000_000_007, 2_000_400_009].forEach((timeMs, seq) => {
      trace.record(seq, timeMs, 'n1', 'k', 't');
      lines.push(`${seq}|${timeMs}|n1|k|t\n`);
    });
    expect(trace.digest()).toBe(referenceDigest(lines));
  });
});

/** "x<i><part><part>y", the part mixed as hashed beforehand. */
const TWICE: SpelledKind<{ i: number }, HashedText> = {
  kind: 'write.acked',
  level: 'detail',
  actor: () => 's001',
  spell: (out, d, p) => {
    out.text('x');
    out.num(d.i);
    out.hashed(p);
    out.hashed(p);
    out.text('y');
  },
};

describe('a part hashed beforehand', () => {
  it('adds to the digest exactly what its characters would, at any place in a line and of any length', () => {
    const parts = ['', 'a', 'ab', ' is acknowledged at CL QUORUM by coordinator ', 'Ünïcødé “q”', ': 2 of 3 replica(s) answered (n1, n2).'];
    const spelled = new Trace(3);
    const plain = new Trace(3);
    parts.forEach((part, i) => {
      const text = `x${i}${part}${part}y`;
      spelled.recordSpelled(i, i + 0.5, TWICE, { i }, hashedText(part));
      plain.record(i, i + 0.5, 's001', 'write.acked', text, 'detail');
      expect(spelled.digest()).toBe(plain.digest());
      expect(spelled.since(0).at(-1)?.text).toBe(text);
    });
  });

  it('a digest tells apart two entries swapped, one character changed and a character moved to the next line', () => {
    const digestOf = (lines: [string, string][]): string => {
      const trace = new Trace(10);
      lines.forEach(([actor, text], i) => trace.record(i, 0, actor, 'k', text));
      return trace.digest();
    };
    const base = digestOf([['n1', 'ab'], ['n2', 'cd']]);
    expect(digestOf([['n1', 'ab'], ['n2', 'cd']])).toBe(base);
    expect(digestOf([['n2', 'cd'], ['n1', 'ab']])).not.toBe(base);
    expect(digestOf([['n1', 'ab'], ['n2', 'ce']])).not.toBe(base);
    expect(digestOf([['n1', 'a'], ['n2', 'bcd']])).not.toBe(base);
  });
});

/** "<id>: <i>", the id spelled by Spelling.padded from its prefix, number and width. */
const PADDED: SpelledKind<{ i: number }, { prefix: HashedText; n: number; width: number }> = {
  kind: 'write.acked',
  level: 'detail',
  actor: () => 's001',
  spell: (out, d, p) => {
    out.padded(p.prefix, p.n, p.width);
    out.text(': ');
    out.num(d.i);
  },
};

describe('a number padded with zeros (a shard id from its index)', () => {
  it('adds to the digest exactly what `${prefix}${String(n).padStart(width, "0")}` would, at every digit-group boundary', () => {
    const numbers = [0, 1, 9, 10, 42, 99, 100, 999, 1000, 9999, 10_000, 99_999, 100_000, 123_456, 999_999, 1_000_000, 999_999_999, 1_000_000_000, 2 ** 31, 0.5, -1];
    const spelled = new Trace(3);
    const plain = new Trace(3);
    let i = 0;
    for (const prefix of ['s', '', 'shard-']) {
      const words = hashedText(prefix);
      for (let width = 0; width <= 11; width++) {
        for (const n of numbers) {
          const text = `${prefix}${String(n).padStart(width, '0')}: ${i}`;
          spelled.recordSpelled(i, i, PADDED, { i }, { prefix: words, n, width });
          plain.record(i, i, 's001', 'write.acked', text, 'detail');
          expect({ text: spelled.since(i).at(-1)?.text, same: spelled.digest() === plain.digest() }).toEqual({ text, same: true });
          i++;
        }
      }
    }
  });
});
