// Goal (issue 13, bench case b): an entry kept packed (recordPacked: a string and two numbers, spelled when read) is,
// to every reader and to the digest, the entry `record` would have made with the whole text and data — read at once,
// read late, read from a fork, or never read.
import { describe, expect, it } from 'vitest';
import { Trace, type PackedKind } from './trace';

interface Data extends Record<string, unknown> {
  shard: string;
  lsn: number;
  key: number;
}
const packed: PackedKind<string> = {
  spell(out, _actor, shard, lsn, _key, tail) {
    out.text('Write ');
    out.num(lsn);
    out.text(' of ');
    out.text(shard);
    out.text(tail);
  },
  data: (_actor, shard, lsn, key) => ({ shard, lsn, key }),
};
const whole = (d: Data, tail: string) => `Write ${d.lsn} of ${d.shard}${tail}`;

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
    else spelled.recordPacked(i, timeMs, 's001', 'write.acked', level, packed, tail, data.shard, data.lsn, data.key);
  }
}

describe('packed trace entries', () => {
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
    // Entries each side records after they parted are not shared, though both keep those seqs.
    fill(plainAtFork, fork, 5);
    expect(fork.sharedEntriesWith(spelled)).toBe(30);
    expect(spelled.sharedEntriesWith(fork)).toBe(30);
    // An entry read once keeps its text: reading again gives the very same object and words.
    const first = spelled.since(0)[0];
    expect(spelled.since(0)[0]).toBe(first);
    expect(first.text).toBe(plain.since(0)[0].text);
  });

  it('counts outside its columns only what its entries hold there: a packed entry once read, a whole one always', () => {
    const trace = new Trace(10);
    trace.recordPacked(0, 0, 's001', 'write.acked', 'detail', packed, ': 2 of 3 (n1, n2).', 's001', 7, 3);
    // Unread, a packed entry is all in the columns: its arguments are shared by every entry with the same words.
    expect(trace.entryBytes(0, 1)).toBe(0);
    const [read] = trace.since(0);
    expect(read).toMatchObject({ text: 'Write 7 of s001: 2 of 3 (n1, n2).', data: { shard: 's001', lsn: 7, key: 3 } });
    expect(trace.entryBytes(0, 1)).toBeGreaterThanOrEqual(read.text.length + 100);
    // A whole entry holds its text and data from the start, unless every entry of its kind shares one frozen data.
    trace.record(1, 10, 'n1', 'node.crashed', 'n1 crashed.', 'alert', { node: 'n1' });
    trace.record(2, 20, 'n1', 'heartbeat.sent', 'n1 sends a heartbeat.', 'detail', Object.freeze({ node: 'n1' }));
    expect(trace.entryBytes(1, 2)).toBeGreaterThan(0);
    expect(trace.entryBytes(2, 3)).toBe(0);
    const chunks = trace.chunkBytes();
    trace.record(3, 30, 'n1', 'node.crashed', 'n1 crashed.', 'alert', { node: 'n1' });
    expect(trace.chunkBytes()).toBe(chunks);
  });
});
