// Goal: the Log view and the Recovery panel say in words (and glyphs) what a learner must read off them: each
// record's type and fate, its fields, the phase the node is in, and the §3.6 formula with its numbers filled in.
import { describe, expect, it } from 'vitest';
import type { NodeRecoveryView, ReplayReport } from '../../engine/index';
import { fixtureWal } from './wal-fixture';
import { catchUpLines, costFormula, FATE_LOOK, phaseSteps, recordDetails, recordWords, TYPE_LOOK } from './recovery-words';

const replay = (over: Partial<ReplayReport> = {}): ReplayReport => ({
  scanned: 37,
  applied: 31,
  skipped: 4,
  discarded: 1,
  stoppedAt: 1241,
  reason: 'torn',
  mode: 'pointInTime',
  ms: 655.6,
  cost: { startMs: 500, scannedBytes: 38_776, scanMs: 0.6, appliedRecords: 31, applyMs: 155, snapshotBytes: 0, snapshotMs: 0, totalMs: 655.6 },
  running: false,
  ...over,
});

const recovery = (over: Partial<NodeRecoveryView> = {}): NodeRecoveryView => ({
  phase: 'replaying',
  crashKind: 'power',
  checkpointRecord: 1204,
  replay: replay({ running: true }),
  amnesiac: false,
  corruptKnown: 0,
  catchUp: null,
  ...over,
});

describe('record words', () => {
  it('every type and fate has a glyph and a word, so colour is never the only signal', () => {
    expect(TYPE_LOOK.PUT).toMatchObject({ glyph: 'P', word: 'put' });
    expect(TYPE_LOOK.CHECKPOINT.glyph).toBe('◆');
    expect(TYPE_LOOK.PREPARE.glyph).toBe('⏸');
    expect(TYPE_LOOK.CLR.glyph).toBe('↩');
    expect(FATE_LOOK.applied).toMatchObject({ glyph: '✓', word: 'applied' });
    expect(FATE_LOOK.skipped.glyph).toBe('↷');
    expect(FATE_LOOK.discarded.glyph).toBe('✕');
    expect(FATE_LOOK.torn).toMatchObject({ glyph: '⚡', word: 'torn' });
    expect(FATE_LOOK.crcMismatch).toMatchObject({ glyph: '≠', word: 'checksum mismatch' });
    for (const look of [...Object.values(TYPE_LOOK), ...Object.values(FATE_LOOK)]) {
      expect(look.glyph.length).toBeGreaterThan(0);
      expect(look.word.length).toBeGreaterThan(2);
    }
  });

  it('a torn record reads as torn even before replay has judged it', () => {
    const wal = fixtureWal({ count: 5, syncedUpTo: 1208 });
    const torn = wal.records[4];
    expect(recordWords(torn)).toBe('#1,209 put s010 LSN 54, torn (only part of it reached the disk), after the fsync line');
    expect(recordWords({ ...wal.records[0], fate: 'applied' })).toBe('#1,205 put s006 LSN 50, applied');
  });

  it('the details list gives no, offset, prev, shard, LSN, txn and both checksums', () => {
    const wal = fixtureWal();
    const bad = wal.records[5];
    const details = Object.fromEntries(recordDetails(bad));
    expect(details['Record']).toBe('#1,210');
    expect(details['Offset']).toMatch(/^0\/0012[0-9A-F]{4}$/);
    expect(details['Prev']).toMatch(/^0\/0012[0-9A-F]{4}$/);
    expect(details['Shard']).toBe('s011');
    expect(details['LSN']).toBe('55');
    expect(details['Txn']).toBe('autocommit');
    expect(details['Checksum']).toMatch(/^stored [0-9a-f]{8}, computed [0-9a-f]{8}: mismatch$/);
    expect(Object.fromEntries(recordDetails(wal.records[0]))['Checksum']).toMatch(/^[0-9a-f]{8}, matches$/);
  });
});

describe('phase stepper', () => {
  it('marks the current phase in words and skips the snapshot for a page store', () => {
    const steps = phaseSteps(recovery(), 'pages');
    expect(steps.map((s) => `${s.label}:${s.status}`)).toEqual([
      'Load snapshot:skipped',
      'Replay the log:current',
      'Verify:todo',
      'Catch up:todo',
      'Serving:todo',
    ]);
    const later = phaseSteps(recovery({ phase: 'catchingUp', replay: replay() }), 'memory');
    expect(later.map((s) => s.status)).toEqual(['done', 'done', 'done', 'current', 'todo']);
    const refused = phaseSteps(recovery({ phase: 'refused', replay: replay({ reason: 'refused' }) }), 'pages');
    expect(refused[1]!.status).toBe('refused');
  });
});

describe('the replay-time formula, filled in', () => {
  it('start + scanned bytes / scan rate + applied × ms per record = total, with the numbers', () => {
    const text = costFormula(replay().cost, { scanBytesPerSec: 64 * 1024 * 1024, applyMsPerRecord: 5 }).text;
    expect(text).toBe('500 ms start + 37.9 KiB ÷ 64 MiB/s (0.6 ms scan) + 31 applied × 5 ms (155 ms apply) = 655.6 ms');
  });

  it('a short scan reads 0.047 ms, not 0 ms', () => {
    const cost = { startMs: 500, scannedBytes: 3 * 1048, scanMs: 0.0468, appliedRecords: 3, applyMs: 15, snapshotBytes: 0, snapshotMs: 0, totalMs: 515.0468 };
    expect(costFormula(cost, { scanBytesPerSec: 64 * 1024 * 1024, applyMsPerRecord: 5 }).text).toBe(
      '500 ms start + 3.1 KiB ÷ 64 MiB/s (0.047 ms scan) + 3 applied × 5 ms (15 ms apply) = 515 ms',
    );
  });

  it('adds the snapshot load for a memory store, and derives rates when params are not given', () => {
    const cost = { startMs: 500, scannedBytes: 2400 * 1048, scanMs: 37.5, appliedRecords: 2400, applyMs: 240, snapshotBytes: 720 * 1024 * 1024, snapshotMs: 1406.3, totalMs: 2183.8 };
    const text = costFormula(cost, {}).text;
    expect(text).toBe(
      '500 ms start + 720 MiB ÷ 512 MiB/s (1,406.3 ms snapshot) + 2.4 MiB ÷ 64 MiB/s (37.5 ms scan) + 2,400 applied × 0.1 ms (240 ms apply) = 2,183.8 ms',
    );
  });
});

describe('catch-up split', () => {
  it('says what came from which peer', () => {
    const lines = catchUpLines({ logTail: 12, logEntries: 340, snapshot: 3, snapshotBytes: 3 * 64 * 1024 * 1024, truncated: 1, discarded: 2, fetchedFrom: { n1: 9, n2: 6 } });
    expect(lines).toEqual([
      'Log tail: 12 shards, 340 entries',
      'Snapshot: 3 shards, 192 MiB',
      'Truncated: 1 shard (a tail the current history does not have)',
      'Discarded: 2 shards (re-homed meanwhile)',
      'From n1: 9 shards · n2: 6 shards',
    ]);
  });
});
