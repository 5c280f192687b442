// Goal (issue 13, bench case b): an entry packed as a subject and three numbers (recordPacked) is, to every reader and
// to the digest, the entry `record` would have made with the whole text and data — read at once, read late, read from
// a fork, or never read — and a fork shares it with its origin exactly while neither has recorded over it.
import { describe, expect, it } from 'vitest';
import { hashedText, packedKind, Trace, type PackedKind, type Spelling } from './trace';

const coordinators = ['n1', 'n2', 'n10'];
/** Info entries spell their subjects from their index (s000..s006 are 0..6), detail ones do not. */
const kindAt = (level: 'info' | 'detail'): PackedKind<string> => {
  const digits = level === 'info' ? { prefix: hashedText('s00'), first: 0, width: 1 } : null;
  return packedKind({
    kind: 'write.acked',
    level,
    subjectDigits: digits,
    spell: (out: Spelling, shard: string, index: number, lsn: number, key: number, coordinator: number, tail: string) => {
      out.text('Write ');
      out.num(lsn);
      out.text(' to key ');
      out.num(key);
      out.text(' of ');
      if (digits) out.padded(digits.prefix, index + digits.first, digits.width);
      else out.text(shard);
      out.text(' by ');
      out.text(coordinators[coordinator]);
      out.text(tail);
    },
    data: (shard, _index, lsn, key, coordinator) => ({ shard, lsn, key, coordinator: coordinators[coordinator] }),
  });
};
const INFO = kindAt('info');
const DETAIL = kindAt('detail');

/** Times as the engine has them: whole, fractional, 0, beyond 2^53 and beyond 1e21 (spelled with an exponent). */
const times = [0, 1250, 1250.5, 170402.5227864583, 2 ** 53 + 2, 1e21, 12345678901234];

/** Records n entries in both traces: whole in `plain`; in `packed`, every fourth whole and the others packed. */
function fill(plain: Trace, packed: Trace, n: number, from = 0): void {
  for (let i = from; i < from + n; i++) {
    const shard = `s00${i % 7}`;
    const lsn = i * 37;
    const key = i % 1024;
    const coordinator = i % 3;
    const tail = i % 3 === 0 ? ': 2 of 3 (n1, n2).' : ': Ünïcødé “3 of 3”.';
    const timeMs = times[i % times.length];
    const level = i % 5 === 0 ? 'info' : 'detail';
    const text = `Write ${lsn} to key ${key} of ${shard} by ${coordinators[coordinator]}${tail}`;
    const data = { shard, lsn, key, coordinator: coordinators[coordinator] };
    plain.record(i, timeMs, shard, 'write.acked', text, level, data);
    if (i % 4 === 0) packed.record(i, timeMs, shard, 'write.acked', text, level, { ...data });
    else packed.recordPacked(i, timeMs, level === 'info' ? INFO : DETAIL, shard, i % 7, lsn, key, coordinator, tail);
  }
}

describe('packed trace entries', () => {
  it('give the same digest, window and entries (data included) as whole ones, read as they come or after eviction', () => {
    const plain = new Trace(10);
    const packed = new Trace(10);
    for (let round = 0; round < 5; round++) {
      fill(plain, packed, 13, round * 13);
      expect(packed.digest()).toBe(plain.digest());
      expect(packed.since(0)).toEqual(plain.since(0));
      expect(packed.window()).toEqual(plain.window());
    }
    // Never read at all: the digest and the eviction counts still match.
    const plainUnread = new Trace(10);
    const packedUnread = new Trace(10);
    fill(plainUnread, packedUnread, 200);
    expect(packedUnread.digest()).toBe(plainUnread.digest());
    expect(packedUnread.window()).toEqual(plainUnread.window());
  });

  it('an entry read once is that one object from then on', () => {
    const packed = new Trace(50);
    fill(new Trace(50), packed, 20);
    const first = packed.since(0);
    const again = packed.since(0);
    for (let i = 0; i < first.length; i++) expect(again[i]).toBe(first[i]);
  });

  it('a fork and its origin share the entries recorded before they parted, and read them as one object', () => {
    const plain = new Trace(50);
    const packed = new Trace(50);
    fill(plain, packed, 40);
    const plainAtFork = plain.copy();
    const fork = packed.copy();
    // Only the fork reads what both hold: it makes the entries, and the origin then reads those very objects.
    expect(fork.since(0)).toEqual(plainAtFork.since(0));
    expect(fork.sharedEntriesWith(packed)).toBe(40);
    fill(plain, packed, 5, 40);
    fill(new Trace(50), fork, 5, 100);
    expect(packed.sharedEntriesWith(fork)).toBe(40);
    expect(fork.sharedEntriesWith(packed)).toBe(40);
    const read = packed.since(0);
    expect(read).toEqual(plain.since(0));
    const forkRead = fork.since(0);
    for (let i = 0; i < 40; i++) expect(read[i]).toBe(forkRead[i]);
    // seq 41 is packed on both sides, recorded after they parted: different entries, different words.
    expect(read[41]).not.toBe(forkRead[41]);
    expect(read[41].text).not.toBe(forkRead[41].text);
    expect(fork.digest()).not.toBe(packed.digest());
  });

  it('a fork of a fork: entries stay shared back to where each pair parted', () => {
    const packed = new Trace(100);
    fill(new Trace(100), packed, 30);
    const first = packed.copy();
    fill(new Trace(100), first, 10, 500);
    const second = first.copy();
    fill(new Trace(100), packed, 20, 1000);
    fill(new Trace(100), second, 20, 2000);
    expect(first.sharedEntriesWith(second)).toBe(40);
    expect(second.sharedEntriesWith(packed)).toBe(30);
    expect(packed.sharedEntriesWith(first)).toBe(30);
  });

  it('counts an unread packed entry in the ring alone, a read one as an object with its text and data', () => {
    const packed = new Trace(50);
    for (let i = 0; i < 40; i++) packed.recordPacked(i, i, DETAIL, 's001', 0, i, i, 0, '.');
    expect(packed.entryBytes(0, 40)).toBe(0);
    expect(packed.ringBytes()).toBeGreaterThan(new Trace(50).ringBytes());
    packed.since(30);
    const whole = new Trace(50);
    for (const entry of packed.since(30)) whole.record(entry.event, entry.timeMs, entry.actor, entry.kind, entry.text, entry.level, { ...entry.data });
    expect(packed.entryBytes(0, 40)).toBe(whole.entryBytes(0, 10));
  });
});
