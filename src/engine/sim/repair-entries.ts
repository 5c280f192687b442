import { hashedText, type SpelledKind, type Spelling } from './trace';
import type { RepairMode } from './repair-state';

/**
 * The two entries every anti-entropy session leaves, `repair.marked` and `repair.finished`, as spelled kinds
 * (trace.ts recordSpelled): the digest takes their words part by part, most of them hashed once for the process, and
 * the text is made only if the entry is read. A `repair.run:all` runs a session per shard (bench case b: 10,000, two
 * entries each, ~250 characters apiece that were built, then hashed a character at a time, then mostly never read).
 * Their data objects are the same as ever. The actor is always `repair`.
 */

export interface MarkedData extends Record<string, unknown> {
  shard: string;
  session: string;
  from: number | null;
  to: number;
  mode: RepairMode;
}

/** "s001: writes up to 42 are marked repaired (a full repair marks too). Marked data is never compared again …" */
function spellMarked(out: Spelling, d: MarkedData): void {
  out.text(d.shard);
  out.hashed(WRITES_UP_TO);
  out.num(d.to);
  out.hashed(d.mode === 'incremental' ? MARKED_INCREMENTAL : MARKED_FULL);
}

const WRITES_UP_TO = hashedText(': writes up to ');
const NEVER_AGAIN = ' Marked data is never compared again by incremental repair, so later corruption in it is found only by a full repair or a deep scrub.';
const MARKED_INCREMENTAL = hashedText(' are marked repaired; the next incremental repair compares only writes after them.' + NEVER_AGAIN);
const MARKED_FULL = hashedText(' are marked repaired (a full repair marks too).' + NEVER_AGAIN);

export interface FinishedData extends Record<string, unknown> {
  shard: string;
  session: string;
  hashes: number;
  wholeTree: number;
  differingLeaves: number;
  keys: number;
  staleKeys: number;
  root: string;
}

/** What a finished entry's words need beyond its data. */
export interface FinishedArgs {
  /** 2^depth: the leaves of the session's trees. */
  leaves: number;
  /** The session settled data an interrupted one left pending repair. */
  settledPending: boolean;
}

/**
 * "s001 repaired: the replicas already agreed (roots 1a2b3c4d); 1 hashes exchanged, nothing streamed." or
 * "s001 repaired: 2 of 1024 leaves differed, 4 keys streamed for 3 stale key(s); roots now match: 1a2b3c4d.[ …]"
 */
function spellFinished(out: Spelling, d: FinishedData, a: FinishedArgs): void {
  out.text(d.shard);
  if (d.differingLeaves === 0) {
    out.hashed(ALREADY_AGREED);
    out.text(d.root);
    out.hashed(CLOSE_ROOTS);
    out.num(d.hashes);
    out.hashed(NOTHING_STREAMED);
    return;
  }
  out.hashed(REPAIRED);
  out.num(d.differingLeaves);
  out.hashed(OF);
  out.num(a.leaves);
  out.hashed(LEAVES_DIFFERED);
  out.num(d.keys);
  out.hashed(KEYS_STREAMED_FOR);
  out.num(d.staleKeys);
  out.hashed(ROOTS_NOW_MATCH);
  out.text(d.root);
  out.hashed(a.settledPending ? SETTLED_PENDING : STOP);
}

const ALREADY_AGREED = hashedText(' repaired: the replicas already agreed (roots ');
const CLOSE_ROOTS = hashedText('); ');
const NOTHING_STREAMED = hashedText(' hashes exchanged, nothing streamed.');
const REPAIRED = hashedText(' repaired: ');
const OF = hashedText(' of ');
const LEAVES_DIFFERED = hashedText(' leaves differed, ');
const KEYS_STREAMED_FOR = hashedText(' keys streamed for ');
const ROOTS_NOW_MATCH = hashedText(' stale key(s); roots now match: ');
const STOP = hashedText('.');
const SETTLED_PENDING = hashedText('. The data an interrupted session left pending repair is settled.');

const byRepair = (): string => 'repair';

/** repair.marked at each level a session's entries take (detail for one of many, or an agreed periodic one). */
export const MARKED: Record<'detail' | 'info', SpelledKind<MarkedData, null>> = {
  detail: { kind: 'repair.marked', level: 'detail', actor: byRepair, spell: spellMarked },
  info: { kind: 'repair.marked', level: 'info', actor: byRepair, spell: spellMarked },
};

export const FINISHED: Record<'detail' | 'info', SpelledKind<FinishedData, FinishedArgs>> = {
  detail: { kind: 'repair.finished', level: 'detail', actor: byRepair, spell: spellFinished },
  info: { kind: 'repair.finished', level: 'info', actor: byRepair, spell: spellFinished },
};
