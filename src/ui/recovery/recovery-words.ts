import {
  formatChecksum,
  formatLogOffset,
  formatRecordNo,
  type CatchUpSplit,
  type NodeRecoveryView,
  type RecoveryPhase,
  type ReplayCost,
  type StateStore,
  type WalRecordFate,
  type WalRecordType,
  type WalRecordView,
} from '../../engine/index';
import { formatBytes, formatRate } from '../format';

/**
 * The words and glyphs of the Log view and the Recovery panel (design §12). Every record shows its type and its
 * fate as a glyph AND a word, so colour is never the only signal; screen readers get the same words.
 */

export interface Look {
  glyph: string;
  word: string;
  /** What fits in a record's cell. */
  short: string;
}

export const TYPE_LOOK: Record<WalRecordType, Look> = {
  PUT: { glyph: 'P', word: 'put', short: 'put' },
  COMMIT: { glyph: 'C', word: 'commit', short: 'commit' },
  ABORT: { glyph: 'A', word: 'abort', short: 'abort' },
  PREPARE: { glyph: '⏸', word: 'prepare', short: 'prepare' },
  CLR: { glyph: '↩', word: 'CLR (undo)', short: 'CLR' },
  STATE: { glyph: 'S', word: 'state', short: 'state' },
  CHECKPOINT: { glyph: '◆', word: 'checkpoint', short: 'ckpt' },
};

export const FATE_LOOK: Record<WalRecordFate, Look> = {
  pending: { glyph: '·', word: 'not replayed yet', short: 'pending' },
  applied: { glyph: '✓', word: 'applied', short: 'applied' },
  skipped: { glyph: '↷', word: 'skipped', short: 'skipped' },
  discarded: { glyph: '✕', word: 'discarded', short: 'discarded' },
  torn: { glyph: '⚡', word: 'torn', short: 'torn' },
  crcMismatch: { glyph: '≠', word: 'checksum mismatch', short: 'bad CRC' },
  badPrevLink: { glyph: '⇍', word: 'bad prev-link', short: 'bad prev' },
  lost: { glyph: '∅', word: 'lost in the power loss', short: 'lost' },
};

/** Longer words for the fates that need a reason, used in the record's full description. */
const FATE_REASON: Partial<Record<WalRecordFate, string>> = {
  torn: 'torn (only part of it reached the disk)',
  crcMismatch: 'checksum mismatch (a bit changed after it was written)',
  badPrevLink: 'bad prev-link (does not point back to the record before it)',
  skipped: 'skipped (the data already holds it)',
  discarded: 'discarded (not committed, or past the stop point)',
};

/**
 * What to show for a record: replay's verdict once it has one; before that, what the log already betrays
 * (a torn frame, a checksum that no longer matches), so the learner sees the damage before restarting.
 */
export function shownFate(r: WalRecordView): WalRecordFate {
  if (r.fate !== 'pending') return r.fate;
  if (r.torn) return 'torn';
  if (r.crc !== r.crcComputed) return 'crcMismatch';
  return 'pending';
}

/** "#1,209 put s010 LSN 54, torn (only part of it reached the disk), after the fsync line". */
export function recordWords(r: WalRecordView): string {
  const fate = shownFate(r);
  const what = [formatRecordNo(r.no), TYPE_LOOK[r.type].word, r.shard ?? '', r.shardLsn > 0 ? `LSN ${r.shardLsn}` : ''].filter(Boolean).join(' ');
  const fateWords = FATE_REASON[fate] && fate !== 'skipped' && fate !== 'discarded' ? FATE_REASON[fate] : FATE_LOOK[fate].word;
  return `${what}, ${fateWords}${r.synced ? '' : ', after the fsync line'}`;
}

/** The record's fields as term/value pairs (the details list for the focused record). */
export function recordDetails(r: WalRecordView): Array<[string, string]> {
  const fate = shownFate(r);
  const checksum =
    r.crc === r.crcComputed
      ? `${formatChecksum(r.crc)}, matches`
      : `stored ${formatChecksum(r.crc)}, computed ${formatChecksum(r.crcComputed)}: mismatch`;
  return [
    ['Record', formatRecordNo(r.no)],
    ['Type', `${r.type} (${TYPE_LOOK[r.type].word})`],
    ['Offset', formatLogOffset(r.offset)],
    ['Prev', formatLogOffset(r.prev)],
    ['Shard', r.shard ?? '—'],
    ['LSN', r.shardLsn > 0 ? String(r.shardLsn) : '—'],
    ['Txn', r.txn === 0 ? 'autocommit' : `t${r.txn}`],
    ['Size', `${r.bytes.toLocaleString('en-US')} B`],
    ['Checksum', checksum],
    ['On disk', r.synced ? 'synced: survives a power loss' : 'not synced: after the fsync line'],
    ['Fate', FATE_REASON[fate] ?? FATE_LOOK[fate].word],
  ];
}

// ------------------------------------------------------------------ phases

export type StepStatus = 'done' | 'current' | 'todo' | 'skipped' | 'refused' | 'idle';

export interface PhaseStep {
  id: 'snapshot' | 'replay' | 'verify' | 'catchUp' | 'serving';
  label: string;
  status: StepStatus;
}

const STEPS: ReadonlyArray<{ id: PhaseStep['id']; label: string; phase: RecoveryPhase }> = [
  { id: 'snapshot', label: 'Load snapshot', phase: 'loadingSnapshot' },
  { id: 'replay', label: 'Replay the log', phase: 'replaying' },
  { id: 'verify', label: 'Verify', phase: 'verifying' },
  { id: 'catchUp', label: 'Catch up', phase: 'catchingUp' },
  { id: 'serving', label: 'Serving', phase: 'serving' },
];

export const STATUS_WORD: Record<StepStatus, string> = {
  done: 'done',
  current: 'now',
  todo: 'to do',
  skipped: 'not needed',
  refused: 'refused to start',
  idle: 'not run',
};

export const STATUS_GLYPH: Record<StepStatus, string> = {
  done: '✓',
  current: '▶',
  todo: '○',
  skipped: '–',
  refused: '⊘',
  idle: '–',
};

/** The stepper snapshot → replay → verify → catch up → serving, each with its status in words. */
export function phaseSteps(recovery: NodeRecoveryView, store: StateStore): PhaseStep[] {
  const phase = recovery.phase;
  const at = STEPS.findIndex((s) => s.phase === phase);
  return STEPS.map((s, i) => {
    let status: StepStatus;
    if (s.id === 'snapshot' && store === 'pages') status = 'skipped';
    else if (phase === 'refused') status = s.id === 'replay' ? 'refused' : i < 1 ? 'done' : 'todo';
    else if (at < 0) status = 'todo'; // crashed, destroyed: nothing of the way back has started
    else if (phase === 'serving' && recovery.replay === null) status = s.id === 'serving' ? 'current' : 'idle';
    else status = i < at ? 'done' : i === at ? 'current' : 'todo';
    return { id: s.id, label: s.label, status };
  });
}

export const PHASE_WORD: Record<RecoveryPhase, string> = {
  serving: 'serving',
  crashed: 'crashed: restart it to replay its log',
  loadingSnapshot: 'loading its snapshot',
  replaying: 'replaying its log',
  verifying: 'verifying its replicas',
  refused: 'refused to start: the recovery mode will not accept what the log holds',
  catchingUp: 'catching up from peers',
  destroyed: 'destroyed: its disk is gone',
};

// ------------------------------------------------------------------ the §3.6 formula

/** "1,406.3 ms": ms to one decimal, with thousands separators. */
export function formatMs(ms: number): string {
  // Below 1 ms two significant digits (a short scan is 0.047 ms, not "0 ms"); above, one decimal.
  const options = ms > 0 && ms < 1 ? { maximumSignificantDigits: 2 } : { maximumFractionDigits: 1 };
  return `${ms.toLocaleString('en-US', options)} ms`;
}

export interface CostRates {
  scanBytesPerSec?: number;
  applyMsPerRecord?: number;
  snapshotLoadBytesPerSec?: number;
}

/** A rate from a term's bytes and ms when the scenario's param is not at hand. */
const derivedRate = (bytes: number, ms: number): number | undefined => (ms > 0 ? (bytes * 1000) / ms : undefined);

/**
 * replayMs = start + [snapshotBytes / load rate] + scannedBytes / scan rate + applied × ms per record, each term
 * with its numbers, so a learner can redo the sum by hand (design §3.6, §15).
 */
export function costFormula(cost: ReplayCost, rates: CostRates): { terms: string[]; text: string } {
  const terms = [`${formatMs(cost.startMs)} start`];
  if (cost.snapshotBytes > 0) {
    const rate = rates.snapshotLoadBytesPerSec ?? derivedRate(cost.snapshotBytes, cost.snapshotMs);
    terms.push(`${formatBytes(cost.snapshotBytes)} ÷ ${rate ? formatRate(rate) : '—'} (${formatMs(cost.snapshotMs)} snapshot)`);
  }
  const scanRate = rates.scanBytesPerSec ?? derivedRate(cost.scannedBytes, cost.scanMs);
  terms.push(`${formatBytes(cost.scannedBytes)} ÷ ${scanRate ? formatRate(scanRate) : '—'} (${formatMs(cost.scanMs)} scan)`);
  const perRecord = rates.applyMsPerRecord ?? (cost.appliedRecords > 0 ? cost.applyMs / cost.appliedRecords : undefined);
  terms.push(
    `${cost.appliedRecords.toLocaleString('en-US')} applied × ${perRecord === undefined ? '—' : formatMs(perRecord)} (${formatMs(cost.applyMs)} apply)`,
  );
  return { terms, text: `${terms.join(' + ')} = ${formatMs(cost.totalMs)}` };
}

// ------------------------------------------------------------------ catch-up

const shards = (n: number) => `${n.toLocaleString('en-US')} shard${n === 1 ? '' : 's'}`;

/** The catch-up split in lines: log tail, snapshot, truncated, discarded, and which peer sent how much. */
export function catchUpLines(split: CatchUpSplit): string[] {
  const lines = [
    `Log tail: ${shards(split.logTail)}, ${split.logEntries.toLocaleString('en-US')} entries`,
    `Snapshot: ${shards(split.snapshot)}, ${formatBytes(split.snapshotBytes)}`,
    `Truncated: ${shards(split.truncated)} (a tail the current history does not have)`,
    `Discarded: ${shards(split.discarded)} (re-homed meanwhile)`,
  ];
  const peers = Object.entries(split.fetchedFrom).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
  lines.push(peers.length === 0 ? 'From no peer: nothing to fetch' : `From ${peers.map(([peer, n]) => `${peer}: ${shards(n)}`).join(' · ')}`);
  return lines;
}
