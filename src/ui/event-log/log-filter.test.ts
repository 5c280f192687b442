import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../engine/index';
import { filterLog, newestShownEntry } from './log-filter';

function entry(seq: number, level: TraceEntry['level'], text: string, actor = 'monitor'): TraceEntry {
  return { seq, timeMs: seq * 100, event: seq, actor, kind: 'test.kind', text, level, data: {} };
}

const trace = [
  entry(0, 'detail', 'heartbeat from n1 arrived', 'n1'),
  entry(1, 'info', 'n3 is SUSPECT after 3.0 s of silence'),
  entry(2, 'detail', 'heartbeat from n2 arrived', 'n2'),
  entry(3, 'alert', 'n3 declared DEAD'),
  entry(4, 'warn', 'shard s007 is under-replicated', 's007'),
];

describe('filterLog', () => {
  it('hides heartbeats unless asked', () => {
    expect(filterLog(trace, { query: '', showDetail: false }).entries.map((e) => e.seq)).toEqual([1, 3, 4]);
    expect(filterLog(trace, { query: '', showDetail: true }).entries).toHaveLength(5);
  });

  it('matches every word, case-insensitively, in actor, kind or text', () => {
    expect(filterLog(trace, { query: 'N3 dead', showDetail: false }).entries.map((e) => e.seq)).toEqual([3]);
    expect(filterLog(trace, { query: 's007', showDetail: false }).entries.map((e) => e.seq)).toEqual([4]);
    expect(filterLog(trace, { query: 'n2', showDetail: true }).entries.map((e) => e.seq)).toEqual([2]);
  });

  it('keeps the newest entries in the window and counts the rest', () => {
    const page = filterLog(trace, { query: '', showDetail: true }, 2);
    expect(page.entries.map((e) => e.seq)).toEqual([3, 4]);
    expect(page.more).toBe(true);
    expect(filterLog(trace, { query: 'n3', showDetail: false }, 2).more).toBe(false);
  });

  it('while the learner reads, holds the entries from the oldest one on screen, up to a limit', () => {
    const long = Array.from({ length: 20 }, (_, seq) => entry(seq, seq % 2 === 0 ? 'detail' : 'info', `entry ${seq}`));
    // Following: the newest 3 shown entries.
    expect(filterLog(long, { query: '', showDetail: false }, 3).entries.map((e) => e.seq)).toEqual([15, 17, 19]);
    // Reading from seq 11 on: nothing from 11 on leaves the list, however many arrive.
    expect(filterLog(long, { query: '', showDetail: false }, 3, { fromSeq: 11, max: 100 }).entries.map((e) => e.seq)).toEqual([11, 13, 15, 17, 19]);
    // A hold that starts inside the window changes nothing.
    expect(filterLog(long, { query: '', showDetail: false }, 3, { fromSeq: 17, max: 100 }).entries.map((e) => e.seq)).toEqual([15, 17, 19]);
    // Past the limit, the oldest held ones go after all, and the page says there is more.
    const capped = filterLog(long, { query: '', showDetail: false }, 3, { fromSeq: 1, max: 4 });
    expect(capped.entries.map((e) => e.seq)).toEqual([13, 15, 17, 19]);
    expect(capped.more).toBe(true);
  });

  it('knows the newest entry it would show, so it can skip frames where only heartbeats arrived', () => {
    expect(newestShownEntry([...trace, entry(5, 'detail', 'heartbeat')], false)).toBe(trace[4]);
    expect(newestShownEntry([...trace, entry(5, 'detail', 'heartbeat')], true)?.seq).toBe(5);
    expect(newestShownEntry([], false)).toBeNull();
  });

  it('tells a new run from the old one even where the seq repeats (a switched scenario)', () => {
    const oldRun = [entry(0, 'info', 'Seed 1: 6 nodes')];
    const newRun = [entry(0, 'info', 'Seed 1: 2 nodes')];
    expect(newestShownEntry(newRun, false)).not.toBe(newestShownEntry(oldRun, false));
  });
});

describe('naming a detail kind shows those entries without showing heartbeats', () => {
  const calls = [
    entry(0, 'detail', 'heartbeat from n1 arrived', 'n1'),
    { ...entry(1, 'detail', 'n3 calls NodeRecovery.ReplayLogs(checkpoint #496): 45 scanned', 'n3'), kind: 'api.call' },
    entry(2, 'info', 'n3 replayed its log'),
    { ...entry(3, 'detail', 'n3 calls NodeRecovery.VerifyIntegrity(…)', 'n3'), kind: 'api.call' },
  ];

  it('a query word equal to an entry kind lets that kind through', () => {
    expect(filterLog(calls, { query: 'api.call', showDetail: false }).entries.map((e) => e.seq)).toEqual([1, 3]);
    expect(filterLog(calls, { query: 'API.CALL verify', showDetail: false }).entries.map((e) => e.seq)).toEqual([3]);
    // A word that only appears in a kind's text does not: heartbeats stay hidden.
    expect(filterLog(calls, { query: 'heartbeat', showDetail: false }).entries).toEqual([]);
  });

  it('the log re-renders when such an entry arrives', () => {
    expect(newestShownEntry(calls.slice(0, 2), false, 'api.call')?.seq).toBe(1);
    expect(newestShownEntry(calls.slice(0, 2), false, '')).toBeNull();
  });
});

describe('named filters: read repair and hints, repair sessions', () => {
  const kinded = (seq: number, level: TraceEntry['level'], kind: string, text: string, actor = 'n1') => ({ ...entry(seq, level, text, actor), kind });
  const run = [
    kinded(0, 'detail', 'heartbeat', 'heartbeat from n1 arrived'),
    kinded(1, 'detail', 'write.partial', 'write 88 to key 731 reached 2 of 3 replicas: n3 missed it'),
    kinded(2, 'detail', 'hint.stored', 'n1 keeps a hint for n3: key 731, write 88'),
    kinded(3, 'info', 'node.crashed', 'n3 crashed'),
    kinded(4, 'info', 'read.repaired', 'n2 had write 88, n4 had 131: 131 written back to n2'),
    kinded(5, 'warn', 'hint.windowExpired', 'n3 has been down 61 s, longer than the 60 s hint window'),
    kinded(6, 'info', 'repair.started', 's001: full repair of n2, n4', 'repair'),
    kinded(7, 'info', 'merkle.rootsCompared', 'roots differ: n2 5c1e…, n4 77a0…', 'repair'),
    kinded(8, 'info', 'repair.finished', 's001 repaired: 2 of 16 leaves differed', 'repair'),
    kinded(9, 'info', 'replica.readRepairNote', 'not a read entry'),
  ];

  it('“Read repair and hints” shows read.*, hint.* and write.partial entries, detail ones included', () => {
    expect(filterLog(run, { query: '', showDetail: false, category: 'readRepair' }).entries.map((e) => e.seq)).toEqual([1, 2, 4, 5]);
  });

  it('“Repair sessions” shows repair.* and merkle.* entries', () => {
    expect(filterLog(run, { query: '', showDetail: false, category: 'antiEntropy' }).entries.map((e) => e.seq)).toEqual([6, 7, 8]);
  });

  it('combines with words, and “all” is the log as before', () => {
    expect(filterLog(run, { query: 'n3', showDetail: false, category: 'readRepair' }).entries.map((e) => e.seq)).toEqual([1, 2, 5]);
    expect(filterLog(run, { query: '', showDetail: false, category: 'all' }).entries.map((e) => e.seq)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(filterLog(run, { query: '', showDetail: false }).entries.map((e) => e.seq)).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });

  it('the log re-renders when a detail entry of the chosen kind arrives', () => {
    expect(newestShownEntry(run.slice(0, 3), false, '', 'readRepair')?.seq).toBe(2);
    expect(newestShownEntry(run.slice(0, 3), false, '')).toBeNull();
  });
});
