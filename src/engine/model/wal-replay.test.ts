// Goal: what replay decides about each record (design recovery-repair.md §3.5) and what it costs (§3.6, §4) are
// the figures a learner checks by hand: the four recovery modes' table, the page-LSN rule, and exercise 2's numbers.
import { describe, expect, it } from 'vitest';
import { WAL_RECORD_TYPES, type WalRecordType } from './wal';
import { WAL_RECOVERY_MODES, type WalRecoveryMode } from '../recovery-types';
import {
  decideRecord,
  invalidRecordRule,
  logPosition,
  planReplay,
  replayCost,
  snapshotCrossoverRecords,
  type LogPosition,
  type RecordCheck,
  type RecordFacts,
} from './wal-replay';

const MiB = 1024 * 1024;
const CLASSROOM = { walReplayMs: 500, walScanBytesPerSec: 64 * MiB, walApplyMsPerRecord: 5, snapshotLoadBytesPerSec: 512 * MiB };
const EXERCISE_2 = { ...CLASSROOM, walApplyMsPerRecord: 0.1 };

const POSITIONS: LogPosition[] = ['tail', 'midLog'];
const INVALID: Exclude<RecordCheck, 'ok'>[] = ['torn', 'crc', 'prevLink'];

/** The §3.5 table, row by row: what each mode does with a torn or corrupt record at the tail and mid-log. */
const TABLE: Record<WalRecoveryMode, Record<LogPosition, string>> = {
  tolerateCorruptedTail: { tail: 'tolerate', midLog: 'refuse' },
  absoluteConsistency: { tail: 'refuse', midLog: 'refuse' },
  pointInTime: { tail: 'stop', midLog: 'stop' },
  skipAnyCorrupted: { tail: 'skip', midLog: 'skip' },
};

const facts = (over: Partial<RecordFacts>): RecordFacts => ({
  check: 'ok',
  type: 'PUT',
  shardLsn: 8,
  pageLsn: 7,
  committed: true,
  position: 'tail',
  ...over,
});

describe('the classification table: every mode × position × record kind', () => {
  for (const mode of WAL_RECOVERY_MODES)
    for (const position of POSITIONS)
      for (const type of WAL_RECORD_TYPES) {
        for (const check of INVALID)
          it(`${mode}, ${position}, ${check} ${type}: ${TABLE[mode][position]}`, () => {
            // However valid it looks otherwise, a record that fails a check is never applied.
            const d = decideRecord(facts({ check, type, position }), mode, true);
            expect(d).toEqual({ outcome: 'invalid', check, rule: TABLE[mode][position] });
          });
        it(`${mode}, ${position}, intact ${type}: the mode does not matter`, () => {
          const newer = decideRecord(facts({ type, position }), mode, true);
          const older = decideRecord(facts({ type, position, shardLsn: 7, pageLsn: 7 }), mode, true);
          const uncommitted = decideRecord(facts({ type, position, committed: false }), mode, true);
          if (type === 'PUT') {
            expect(newer).toEqual({ outcome: 'apply', twice: false });
            expect(older).toEqual({ outcome: 'skip' });
            expect(uncommitted).toEqual({ outcome: 'discard' });
          } else {
            // STATE, CHECKPOINT, COMMIT…: read for what they say, nothing to write to a data page.
            for (const d of [newer, older, uncommitted]) expect(d).toEqual({ outcome: 'read' });
          }
        });
      }

  it('the rule depends on the mode and position only, not on which check failed', () => {
    for (const mode of WAL_RECOVERY_MODES) for (const p of POSITIONS) expect(invalidRecordRule(mode, p)).toBe(TABLE[mode][p]);
  });

  it('a record is at the tail only when it sits in the last segment and nothing intact follows it', () => {
    expect(logPosition({ intactAfter: false, inLastSegment: true })).toBe('tail');
    expect(logPosition({ intactAfter: true, inLastSegment: true })).toBe('midLog');
    expect(logPosition({ intactAfter: false, inLastSegment: false })).toBe('midLog');
  });
});

describe('the page-LSN rule (§3.7)', () => {
  it('skips a record the data already holds, and applies one it does not', () => {
    expect(decideRecord(facts({ shardLsn: 77, pageLsn: 77 }), 'pointInTime', true)).toEqual({ outcome: 'skip' });
    expect(decideRecord(facts({ shardLsn: 76, pageLsn: 77 }), 'pointInTime', true)).toEqual({ outcome: 'skip' });
    expect(decideRecord(facts({ shardLsn: 78, pageLsn: 77 }), 'pointInTime', true)).toEqual({ outcome: 'apply', twice: false });
  });

  it('with idempotentApply off, applies it anyway and says it was applied twice', () => {
    expect(decideRecord(facts({ shardLsn: 77, pageLsn: 77 }), 'pointInTime', false)).toEqual({ outcome: 'apply', twice: true });
    expect(decideRecord(facts({ shardLsn: 78, pageLsn: 77 }), 'pointInTime', false)).toEqual({ outcome: 'apply', twice: false });
  });
});

describe('planReplay: one mid-log corruption under the four modes', () => {
  // #1..#6 on one shard, LSN 1..6; #3 has a flipped bit; nothing applied yet.
  const log = [1, 2, 3, 4, 5, 6].map((no) => ({ no, type: 'PUT' as WalRecordType, shard: 0, shardLsn: no, bytes: 1048, committed: true, check: (no === 3 ? 'crc' : 'ok') as RecordCheck, inLastSegment: true }));
  const plan = (mode: WalRecoveryMode) => planReplay(log, () => 0, mode, true);

  it('pointInTime stops at #3 and discards the valid records after it', () => {
    // Read up to the stop point (cost counts those); the three after it are dropped unread.
    expect(plan('pointInTime')).toMatchObject({ outcome: 'starts', stopNo: 3, reason: 'crc', applied: 2, discarded: 3, invalid: 1, scanned: 3, scannedBytes: 3 * 1048, appliedPastCorruption: 0 });
  });
  it('tolerateCorruptedTail refuses: #3 is not at the tail', () => {
    expect(plan('tolerateCorruptedTail')).toMatchObject({ outcome: 'refuses', stopNo: 3, reason: 'refused', applied: 2, discarded: 0 });
  });
  it('absoluteConsistency refuses', () => {
    expect(plan('absoluteConsistency')).toMatchObject({ outcome: 'refuses', stopNo: 3, reason: 'refused' });
  });
  it('skipAnyCorrupted skips #3 and applies #4..#6 past it: a hole', () => {
    expect(plan('skipAnyCorrupted')).toMatchObject({ outcome: 'starts', stopNo: null, reason: 'end', applied: 5, discarded: 0, invalid: 1, scanned: 6, appliedPastCorruption: 3 });
  });
  it('a torn last record: every mode but absoluteConsistency starts without it', () => {
    const torn = log.map((r) => ({ ...r, check: (r.no === 6 ? 'torn' : 'ok') as RecordCheck }));
    const run = (mode: WalRecoveryMode) => planReplay(torn, () => 0, mode, true);
    expect(run('pointInTime')).toMatchObject({ outcome: 'starts', stopNo: 6, reason: 'torn', applied: 5, discarded: 0 });
    expect(run('tolerateCorruptedTail')).toMatchObject({ outcome: 'starts', stopNo: 6, reason: 'torn', applied: 5 });
    expect(run('skipAnyCorrupted')).toMatchObject({ outcome: 'starts', stopNo: null, applied: 5, discarded: 0, invalid: 1 });
    expect(run('absoluteConsistency')).toMatchObject({ outcome: 'refuses', stopNo: 6 });
  });
  it('skips what the pages already hold (a second replay after a crash mid-replay)', () => {
    expect(planReplay(log.slice(3), () => 5, 'pointInTime', true)).toMatchObject({ applied: 1, skipped: 2, stopNo: null });
  });
});

describe('the replay-time formula (§3.6)', () => {
  it("§15's worked number: 37 records, 31 applied, ≈ 0.66 s", () => {
    const cost = replayCost(CLASSROOM, { scannedBytes: 37 * 1048, appliedRecords: 31, snapshotBytes: 0 });
    expect(cost.startMs).toBe(500);
    expect(cost.scanMs).toBeCloseTo((37 * 1048 * 1000) / (64 * MiB), 9);
    expect(cost.scanMs / 1000).toBeCloseTo(0.0006, 4);
    expect(cost.applyMs).toBe(155);
    expect(cost.snapshotMs).toBe(0);
    expect(cost.totalMs / 1000).toBeCloseTo(0.66, 2);
    expect(cost.totalMs).toBe(cost.startMs + cost.scanMs + cost.applyMs);
  });

  it('exercise 2, variant A (no snapshots): 200,000 records replayed ≈ 23.6 s', () => {
    const cost = replayCost(EXERCISE_2, { scannedBytes: 200_000 * 1048, appliedRecords: 200_000, snapshotBytes: 0 });
    expect(cost.scanMs / 1000).toBeCloseTo(3.12, 2);
    expect(cost.applyMs).toBeCloseTo(20_000, 6);
    expect(cost.totalMs / 1000).toBeCloseTo(23.6, 1);
  });

  it('exercise 2, variant B (720 MiB snapshot + 2,400 records) ≈ 2.18 s', () => {
    const cost = replayCost(EXERCISE_2, { scannedBytes: 2_400 * 1048, appliedRecords: 2_400, snapshotBytes: 720 * MiB });
    expect(cost.snapshotMs / 1000).toBeCloseTo(1.41, 2);
    expect(cost.scanMs / 1000).toBeCloseTo(0.04, 2);
    expect(cost.applyMs / 1000).toBeCloseTo(0.24, 6);
    expect(cost.totalMs / 1000).toBeCloseTo(2.18, 2);
  });

  it('the snapshot pays off past ≈ 12,200 records', () => {
    const n = snapshotCrossoverRecords(EXERCISE_2, 720 * MiB, 1048);
    expect(Math.round(n / 100) * 100).toBe(12_200);
    // At the crossover both variants cost the same.
    const a = replayCost(EXERCISE_2, { scannedBytes: n * 1048, appliedRecords: n, snapshotBytes: 0 }).totalMs;
    const b = replayCost(EXERCISE_2, { scannedBytes: 0, appliedRecords: 0, snapshotBytes: 720 * MiB }).totalMs;
    expect(a).toBeCloseTo(b, 6);
  });
});
