// Goal (issue 13, bench case b): an entry spelled from parts (recordSpelled) is, to every reader and to the digest,
// the entry `record` would have made with the whole text — read at once, read late, read from a fork, or never read.
import { describe, expect, it } from 'vitest';
import { Trace, type SpelledKind, type Spelling } from './trace';

interface Data extends Record<string, unknown> {
  shard: string;
  lsn: number;
}
const spell = (out: Spelling, d: Data, tail: string) => {
  out.text('Write ');
  out.num(d.lsn);
  out.text(' of ');
  out.text(d.shard);
  out.text(tail);
};
const whole = (d: Data, tail: string) => `Write ${d.lsn} of ${d.shard}${tail}`;
const kindAt = (level: 'info' | 'detail'): SpelledKind<Data, string> => ({ kind: 'write.acked', level, actor: () => 's001', spell });
const INFO = kindAt('info');
const DETAIL = kindAt('detail');

/** Times as the engine has them: whole, fractional, 0, beyond 2^53 and beyond 1e21 (spelled with an exponent). */
const times = [0, 1250, 1250.5, 170402.5227864583, 2 ** 53 + 2, 1e21, 12345678901234];

function fill(plain: Trace, spelled: Trace, n: number): void {
  for (let i = 0; i < n; i++) {
    const data: Data = { shard: `s00${i % 7}`, lsn: i * 37, key: i };
    const tail = i % 3 === 0 ? ': 2 of 3 (n1, n2).' : ': Ünïcødé “3 of 3”.';
    const timeMs = times[i % times.length];
    const level = i % 5 === 0 ? 'info' : 'detail';
    plain.record(i, timeMs, 's001', 'write.acked', whole(data, tail), level, data);
    if (i % 4 === 0) spelled.record(i, timeMs, 's001', 'write.acked', whole(data, tail), level, data);
    else spelled.recordSpelled(i, timeMs, level === 'info' ? INFO : DETAIL, data, tail);
  }
}

describe('spelled trace entries', () => {
  it('give the same digest, window and entries as whole texts, whether read as they come or after eviction', () => {
    const plain = new Trace(10);
    const spelled = new Trace(10);
    for (let round = 0; round < 5; round++) {
      fill(plain, spelled, 13);
      expect(spelled.digest()).toBe(plain.digest());
      expect(spelled.since(0)).toEqual(plain.since(0));
      expect(spelled.window()).toEqual(plain.window());
    }
  });

  it('never read, then read: the same texts; a fork reads the entries it shares the same way', () => {
    const plain = new Trace(50);
    const spelled = new Trace(50);
    fill(plain, spelled, 40);
    const plainAtFork = plain.copy();
    const fork = spelled.copy();
    fill(plain, spelled, 20);
    expect(fork.since(0)).toEqual(plainAtFork.since(0));
    expect(fork.digest()).toBe(plainAtFork.digest());
    expect(spelled.since(0)).toEqual(plain.since(0));
    expect(spelled.digest()).toBe(plain.digest());
    expect(fork.sharedEntriesWith(spelled)).toBe(30);
    // An entry read once keeps its text: reading again gives the very same object and words.
    const first = spelled.since(0)[0];
    expect(spelled.since(0)[0]).toBe(first);
    expect(first.text).toBe(plain.since(0)[0].text);
  });

  it('an entry not read yet is made by whichever side of a fork reads it first, and then both share that one', () => {
    const plain = new Trace(50);
    const spelled = new Trace(50);
    fill(plain, spelled, 40);
    const fork = spelled.copy();
    const forkBytes = fork.entryBytes(0, 40);
    // Only the fork reads: it builds the entries from the data both sides hold.
    expect(fork.since(0)).toEqual(plain.since(0));
    expect(fork.sharedEntriesWith(spelled)).toBe(40);
    expect(fork.entryBytes(0, 40)).toBeGreaterThan(forkBytes);
    // Both sides go on, each with entries of its own: the 40 before the fork stay shared, the 5 after do not.
    fill(plain, spelled, 5);
    fill(new Trace(50), fork, 5);
    expect(spelled.sharedEntriesWith(fork)).toBe(40);
    const read = spelled.since(0);
    expect(read).toEqual(plain.since(0));
    // seq 1 was spelled (seq 0 recorded whole): the fork built it first, and the origin reads that very entry.
    expect(read[1]).toBe(fork.since(0)[1]);
    expect(read.slice(0, 40)).toEqual(fork.since(0).slice(0, 40));
    expect(read[40]).not.toBe(fork.since(0)[40]);
    expect(spelled.sharedEntriesWith(fork)).toBe(40);
    expect(fork.sharedEntriesWith(spelled)).toBe(40);
  });
});
