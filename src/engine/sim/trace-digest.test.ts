import { describe, expect, it } from 'vitest';
import { Trace } from './trace';

/** The digest as it was first defined: the two running hashes over each entry's whole line. */
function referenceDigest(lines: string[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (const text of lines) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    a >>>= 0;
    b >>>= 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
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
    [0, 7, 1000, 0.5, 70000.5, 2 ** 52 - 0.5, 2 ** 51 + 0.5, 0.25, 1e-7, 2 ** 53 - 1, 2 ** 53 + 2, 1e21, 3.5e22, 123456789012, 2 ** 31 - 1, 2 ** 31, 2 ** 31 - 0.5, 2 ** 31 + 0.5, 9, 10, 99, 100].forEach((timeMs, seq) => {
      trace.record(seq, timeMs, 'n1', 'k', 't');
      lines.push(`${seq}|${timeMs}|n1|k|t\n`);
    });
    expect(trace.digest()).toBe(referenceDigest(lines));
  });
});
