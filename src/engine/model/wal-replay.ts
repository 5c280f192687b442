import type { ReplayCost, ReplayStopReason, WalRecoveryMode } from '../recovery-types';
import type { WalRecordType } from './wal';

/**
 * What replay decides about each record, and what it costs (design recovery-repair.md §3.5–§3.7, §4).
 * Pure: no world, no clock. `sim/local-recovery.ts` runs it record by record as the learner steps;
 * `sim.previewRecovery` runs it over the whole log to say what each mode would do.
 *
 * The order of checks is PostgreSQL's and etcd's: is the frame whole (torn?), does the checksum match,
 * does the prev-link point back to the record before — then the page-LSN rule (already applied?),
 * then "committed?" (apply) or not (discard).
 */

/** What the frame, checksum and prev-link checks found, in that order (`recordIsIntact` in sim/wal-log.ts). */
export type RecordCheck = 'ok' | 'torn' | 'crc' | 'prevLink';

/**
 * Where a bad record sits. 🅂 "tail" = in the last segment with nothing intact after it (etcd repairs only
 * the last file; RocksDB's kTolerateCorruptedTailRecords only trailing data); anything with an intact record
 * after it is mid-log, whatever segment it is in.
 */
export type LogPosition = 'tail' | 'midLog';

/**
 * What a recovery mode does with a torn or corrupt record (RocksDB's `wal_recovery_mode`):
 * - stop: end replay there; records after it are not applied (pointInTime, PostgreSQL's "stop at the first invalid record").
 * - tolerate: the tail is cut off at the last valid record and the node starts (etcd `wal.Repair`).
 * - refuse: the node does not start (absoluteConsistency; tolerateCorruptedTail mid-log).
 * - skip: leave the record out and go on (skipAnyCorrupted: may leave a hole).
 */
export type InvalidRecordRule = 'stop' | 'tolerate' | 'refuse' | 'skip';

const RULES: { readonly [M in WalRecoveryMode]: { readonly [P in LogPosition]: InvalidRecordRule } } = {
  tolerateCorruptedTail: { tail: 'tolerate', midLog: 'refuse' },
  absoluteConsistency: { tail: 'refuse', midLog: 'refuse' },
  pointInTime: { tail: 'stop', midLog: 'stop' },
  skipAnyCorrupted: { tail: 'skip', midLog: 'skip' },
};

export function invalidRecordRule(mode: WalRecoveryMode, position: LogPosition): InvalidRecordRule {
  return RULES[mode][position];
}

export function logPosition(where: { intactAfter: boolean; inLastSegment: boolean }): LogPosition {
  return !where.intactAfter && where.inLastSegment ? 'tail' : 'midLog';
}

/** What replay knows about one record when it reads it. */
export interface RecordFacts {
  check: RecordCheck;
  type: WalRecordType;
  shardLsn: number;
  /** The shard's page LSN: what its data pages hold now (the checkpoint's, raised by every record applied so far). */
  pageLsn: number;
  /** Autocommit and durable in this log, or its commit record / the commit index the node persisted covers it. */
  committed: boolean;
  position: LogPosition;
}

export type RecordDecision =
  /** twice: the data already held it and idempotentApply is off, so it is applied a second time (x = x + 1 again). */
  | { outcome: 'apply'; twice: boolean }
  /** The page LSN is at or past it: already in the data (PostgreSQL BLK_DONE). */
  | { outcome: 'skip' }
  /** Read for what it says (STATE, CHECKPOINT, COMMIT…); nothing to write to a data page. */
  | { outcome: 'read' }
  /** Not committed: kept out of the data. */
  | { outcome: 'discard' }
  | { outcome: 'invalid'; check: Exclude<RecordCheck, 'ok'>; rule: InvalidRecordRule };

/** §3.5's decision for one record, in order: checks → already applied → committed → apply / discard. */
export function decideRecord(f: RecordFacts, mode: WalRecoveryMode, idempotentApply: boolean): RecordDecision {
  if (f.check !== 'ok') return { outcome: 'invalid', check: f.check, rule: invalidRecordRule(mode, f.position) };
  if (f.type !== 'PUT') return { outcome: 'read' };
  const held = f.shardLsn <= f.pageLsn;
  if (held && idempotentApply) return { outcome: 'skip' };
  if (!f.committed) return { outcome: 'discard' };
  return { outcome: 'apply', twice: held };
}

// ------------------------------------------------------------ a whole replay (the preview)

/** One record as the preview sees it. */
export interface PlannedRecord {
  no: number;
  type: WalRecordType;
  /** -1 for records that belong to no shard. */
  shard: number;
  shardLsn: number;
  bytes: number;
  committed: boolean;
  check: RecordCheck;
  inLastSegment: boolean;
}

export interface ReplayPlan {
  outcome: 'starts' | 'refuses';
  /** The first record replay does not accept (where it stops or refuses), or null when it reads to the end. */
  stopNo: number | null;
  reason: ReplayStopReason;
  /** Records read (up to and including the stop point). */
  scanned: number;
  scannedBytes: number;
  applied: number;
  skipped: number;
  /** Uncommitted records, and valid records after the stop point (dropped unread). */
  discarded: number;
  /** Torn or checksum-failing records met (applied never). */
  invalid: number;
  /** Records applied after a bad one was skipped: skipAnyCorrupted's hole. */
  appliedPastCorruption: number;
  appliedTwice: number;
}

/** Which records have an intact record somewhere after them: the `intactAfter` of `logPosition`. */
export function intactAfterFlags(checks: readonly RecordCheck[]): boolean[] {
  const out = new Array<boolean>(checks.length).fill(false);
  let seen = false;
  for (let i = checks.length - 1; i >= 0; i--) {
    out[i] = seen;
    if (checks[i] === 'ok') seen = true;
  }
  return out;
}

/** The whole replay of `records` (oldest first) under `mode`, from data pages at `pageLsnOf(shard)`. Changes nothing. */
export function planReplay(
  records: readonly PlannedRecord[],
  pageLsnOf: (shard: number) => number,
  mode: WalRecoveryMode,
  idempotentApply: boolean,
): ReplayPlan {
  const plan: ReplayPlan = {
    outcome: 'starts',
    stopNo: null,
    reason: 'end',
    scanned: 0,
    scannedBytes: 0,
    applied: 0,
    skipped: 0,
    discarded: 0,
    invalid: 0,
    appliedPastCorruption: 0,
    appliedTwice: 0,
  };
  const pages = new Map<number, number>();
  const intactAfter = intactAfterFlags(records.map((r) => r.check));
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const pageLsn = pages.get(r.shard) ?? pageLsnOf(r.shard);
    const position = logPosition({ intactAfter: intactAfter[i], inLastSegment: r.inLastSegment });
    const d = decideRecord({ check: r.check, type: r.type, shardLsn: r.shardLsn, pageLsn, committed: r.committed, position }, mode, idempotentApply);
    plan.scanned++;
    plan.scannedBytes += r.bytes;
    if (d.outcome === 'apply') {
      plan.applied++;
      if (d.twice) plan.appliedTwice++;
      if (plan.invalid > 0) plan.appliedPastCorruption++;
      pages.set(r.shard, Math.max(pageLsn, r.shardLsn));
    } else if (d.outcome === 'skip') plan.skipped++;
    else if (d.outcome === 'discard') plan.discarded++;
    else if (d.outcome === 'invalid') {
      plan.invalid++;
      if (d.rule === 'skip') continue;
      plan.stopNo = r.no;
      if (d.rule === 'refuse') {
        plan.outcome = 'refuses';
        plan.reason = 'refused';
      } else {
        plan.reason = d.check;
        plan.discarded += records.length - i - 1;
      }
      return plan;
    }
  }
  return plan;
}

// ------------------------------------------------------------ cost (§3.6, §4)

/** The params the formula reads (names as in SimParams). */
export interface ReplayCostParams {
  /** Fixed start-up: open files, read the control file. */
  walReplayMs: number;
  walScanBytesPerSec: number;
  walApplyMsPerRecord: number;
  snapshotLoadBytesPerSec: number;
}

/**
 * replayMs = walReplayMs + snapshotBytes / snapshotLoadBytesPerSec + scannedBytes / walScanBytesPerSec
 *          + appliedRecords × walApplyMsPerRecord. Unrounded: the engine schedules each step at the
 * formula's value for the records read so far, so the whole replay lasts exactly its total.
 */
export function replayCost(p: ReplayCostParams, work: { scannedBytes: number; appliedRecords: number; snapshotBytes: number }): ReplayCost {
  const scanMs = (work.scannedBytes * 1000) / p.walScanBytesPerSec;
  const applyMs = work.appliedRecords * p.walApplyMsPerRecord;
  const snapshotMs = work.snapshotBytes > 0 ? (work.snapshotBytes * 1000) / p.snapshotLoadBytesPerSec : 0;
  return {
    startMs: p.walReplayMs,
    scannedBytes: work.scannedBytes,
    scanMs,
    appliedRecords: work.appliedRecords,
    applyMs,
    snapshotBytes: work.snapshotBytes,
    snapshotMs,
    totalMs: p.walReplayMs + snapshotMs + scanMs + applyMs,
  };
}

/** §4's crossover N* = (S / R_load) / (b / R_scan + c): past this many records, loading the snapshot is faster. */
export function snapshotCrossoverRecords(p: ReplayCostParams, snapshotBytes: number, recordBytes: number): number {
  const loadMs = (snapshotBytes * 1000) / p.snapshotLoadBytesPerSec;
  return loadMs / ((recordBytes * 1000) / p.walScanBytesPerSec + p.walApplyMsPerRecord);
}
