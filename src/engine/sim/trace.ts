import type { TraceEntry, TraceLevel, TraceWindow } from '../types';
import { describeValue } from '../problem-text';
import { TraceHasher, type HashedText, type Spelling } from './trace-hasher';

export type { HashedText, Spelling } from './trace-hasher';
export { hashedText } from './trace-hasher';

/**
 * How many of the newest entries the trace keeps by default. A busy 12-node
 * cluster writes ~50 entries a simulated second, so this is a quarter of an
 * hour of full detail and a few MiB of heap; older moments are rebuilt by
 * re-simulation (the console's seek), which gives their entries back exactly.
 */
export const DEFAULT_TRACE_WINDOW_ENTRIES = 50_000;

/**
 * The run's narrated history, bounded. Every processed event records at least
 * one entry; the newest `windowEntries` are kept in a ring, and what falls
 * out of it is folded into counts per kind and level, so memory stays flat
 * over a run of any length. A running digest over (seq, time, actor,
 * kind, text) of every entry ever recorded lets two runs be compared without
 * keeping or re-hashing the whole trace.
 */
export class Trace {
  private ring: TraceEntry[] = [];
  /** Per ring slot: the speller of an entry whose text is not built yet (recordSpelled), else undefined. */
  private spellers: (Speller<Record<string, unknown>, unknown> | undefined)[] = [];
  /** Per ring slot: that speller's arguments. */
  private spellArgs: unknown[] = [];
  /** The running digest; recordSpelled's parts go straight into it. */
  private hasher = new TraceHasher();
  /** Index in `ring` of the oldest kept entry once the ring is full. */
  private head = 0;
  private nextSeq = 0;
  private evictedCount = 0;
  private evictedUntilMs: number | null = null;
  /** Per kind, a counter object: one Map lookup per evicted entry (bench case b evicts ~350k), not a get and a set. */
  private evictedByKind = new Map<string, { n: number }>();
  private evictedByLevel: Record<TraceLevel, number> = { detail: 0, info: 0, warn: 0, alert: 0 };

  constructor(readonly windowEntries = DEFAULT_TRACE_WINDOW_ENTRIES) {
    if (!(Number.isInteger(windowEntries) && windowEntries >= 1)) {
      throw new RangeError(`trace window must be a whole number of entries ≥ 1, got ${windowEntries}`);
    }
  }

  record(
    event: number,
    timeMs: number,
    actor: string,
    kind: string,
    text: string,
    level: TraceLevel = 'info',
    data: Record<string, unknown> = {},
  ): TraceEntry {
    const entry: TraceEntry = { seq: this.nextSeq++, timeMs, event, actor, kind, text, level, data };
    this.keep(entry, undefined, undefined);
    // The digest runs over `${seq}|${timeMs}|${actor}|${kind}|${text}\n`, hashed part by part (trace-hasher.ts): the
    // same digest without building a second copy of every entry's text (bench case b: 340k writes).
    this.mixHead(entry);
    this.hasher.text(text);
    this.endLine();
    return entry;
  }

  /**
   * An entry whose text is spelled from its data and `args` by `spell`, in parts: the digest mixes the parts now (the
   * same characters the text will have), and the string is built only if the entry is read (`since`), then kept on
   * it. For the entry kinds recorded in bulk (a client write's `write.acked`, 340k in bench case b), most of which
   * fall out of the window unread. `spell` must be a pure function of its inputs; `args` must never change.
   */
  recordSpelled<D extends Record<string, unknown>, A>(
    event: number,
    timeMs: number,
    actor: string,
    kind: string,
    level: TraceLevel,
    data: D,
    spell: Speller<D, A>,
    args: A,
  ): void {
    const entry: TraceEntry = { seq: this.nextSeq++, timeMs, event, actor, kind, text: '', level, data };
    this.keep(entry, spell as Speller<Record<string, unknown>, unknown>, args);
    this.mixHead(entry);
    spell(this.hasher, data, args);
    this.endLine();
  }

  /** Puts the entry in the ring (evicting the oldest when full), with its speller while its text is not yet built. */
  private keep(entry: TraceEntry, spell: Speller<Record<string, unknown>, unknown> | undefined, args: unknown): void {
    if (this.ring.length < this.windowEntries) {
      this.ring.push(entry);
      this.spellers.push(spell);
      this.spellArgs.push(args);
    } else {
      const slot = this.head;
      this.evict(this.ring[slot]);
      this.ring[slot] = entry;
      this.spellers[slot] = spell;
      this.spellArgs[slot] = args;
      this.head = (slot + 1) % this.windowEntries;
    }
  }

  /** Ends the entry's line in the digest: its "\n", then the line folded in. */
  private endLine(): void {
    this.hasher.char(NEWLINE);
    this.hasher.endLine();
  }

  /** Mixes `${seq}|${timeMs}|${actor}|${kind}|` into the digest. */
  private mixHead(entry: TraceEntry): void {
    const hasher = this.hasher;
    hasher.whole(entry.seq);
    hasher.char(BAR);
    hasher.num(entry.timeMs);
    hasher.char(BAR);
    hasher.text(entry.actor);
    hasher.char(BAR);
    hasher.text(entry.kind);
    hasher.char(BAR);
  }

  /** The text of the entry in ring slot `slot`, built now if it was spelled and never read. */
  private readAt(slot: number): TraceEntry {
    const entry = this.ring[slot];
    const spell = this.spellers[slot];
    if (spell !== undefined) {
      entry.text = spellText(spell, entry.data, this.spellArgs[slot]);
      this.spellers[slot] = undefined;
      this.spellArgs[slot] = undefined;
    }
    return entry;
  }

  /** How many entries were ever recorded; the next entry's `seq`. */
  get count(): number {
    return this.nextSeq;
  }

  /** The `seq` of the oldest entry still kept. */
  get firstKeptSeq(): number {
    return this.nextSeq - this.ring.length;
  }

  /** The kept entries with `seq ≥ sinceSeq`, oldest first. Entries older than the window are not returned. */
  since(sinceSeq: number): TraceEntry[] {
    // An untyped caller (the driver from a page) can pass anything; NaN would make `new Array(NaN)` throw "Invalid array length".
    if (typeof sinceSeq !== 'number' || Number.isNaN(sinceSeq)) {
      throw new RangeError(`getTrace: sinceSeq must be a number (a trace entry's seq; 0 for all), got ${describeValue(sinceSeq)}`);
    }
    const from = Math.max(0, Math.ceil(sinceSeq) - this.firstKeptSeq);
    const kept = this.ring.length;
    if (from >= kept) return [];
    const out: TraceEntry[] = new Array(kept - from);
    for (let i = from; i < kept; i++) out[i - from] = this.readAt((this.head + i) % kept);
    return out;
  }

  /** What the window holds and what has fallen out of it. */
  window(): TraceWindow {
    return {
      windowEntries: this.windowEntries,
      recorded: this.nextSeq,
      firstKeptSeq: this.firstKeptSeq,
      evicted: {
        entries: this.evictedCount,
        untilMs: this.evictedUntilMs,
        byLevel: { ...this.evictedByLevel },
        byKind: Object.fromEntries([...this.evictedByKind].map(([kind, c]) => [kind, c.n] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      },
    };
  }

  digest(): string {
    return this.hasher.digest();
  }

  /**
   * An independent trace with the same window, counts and digest (a fork of the run). Entries are shared, not
   * copied: once recorded an entry never changes, and the window only ever replaces whole entries.
   */
  copy(): Trace {
    const copy = new Trace(this.windowEntries);
    copy.ring = this.ring.slice();
    // An entry shared with the copy may be spelled by either: both build the same text onto the same object.
    copy.spellers = this.spellers.slice();
    copy.spellArgs = this.spellArgs.slice();
    copy.head = this.head;
    copy.nextSeq = this.nextSeq;
    copy.evictedCount = this.evictedCount;
    copy.evictedUntilMs = this.evictedUntilMs;
    copy.evictedByKind = new Map([...this.evictedByKind].map(([kind, c]) => [kind, { n: c.n }]));
    copy.evictedByLevel = { ...this.evictedByLevel };
    copy.hasher = this.hasher.copy();
    return copy;
  }

  /**
   * How many kept entries this trace shares (the very same objects) with another: a fork and the run it came
   * from share the entries recorded before they parted, so the shared ones are a run of seqs ending where they parted.
   */
  sharedEntriesWith(other: Trace): number {
    const from = Math.max(this.firstKeptSeq, other.firstKeptSeq);
    const to = Math.min(this.nextSeq, other.nextSeq); // seqs both keep: [from, to)
    let lo = from;
    let hi = to;
    // The entries are the same objects up to some seq and different after it: find the first that differs.
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.entryAt(mid) === other.entryAt(mid)) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(0, lo - from);
  }

  /**
   * Roughly the heap the kept entries with `seq` in [fromSeq, toSeq) take (a fork's byte estimate): each entry's
   * object, and its text and data unless they are shared by every entry of their kind (frozen data: heartbeat-words.ts).
   */
  entryBytes(fromSeq: number, toSeq: number): number {
    const first = this.firstKeptSeq;
    const lo = Math.max(fromSeq, first);
    const hi = Math.min(toSeq, this.nextSeq);
    let bytes = 0;
    for (let seq = lo; seq < hi; seq++) {
      const slot = (this.head + seq - first) % this.ring.length;
      const entry = this.ring[slot];
      bytes += ENTRY_OBJECT_BYTES;
      if (this.spellers[slot] !== undefined) bytes += DATA_OBJECT_BYTES + SPELL_ARGS_BYTES;
      else if (!Object.isFrozen(entry.data)) bytes += DATA_OBJECT_BYTES + STRING_HEADER_BYTES + entry.text.length;
    }
    return bytes;
  }

  /** The first seq this trace shares with another (sharedEntriesWith counts from here). */
  firstSharedSeqWith(other: Trace): number {
    return Math.max(this.firstKeptSeq, other.firstKeptSeq);
  }

  private entryAt(seq: number): TraceEntry {
    return this.ring[(this.head + seq - this.firstKeptSeq) % this.ring.length];
  }

  private evict(entry: TraceEntry): void {
    this.evictedCount++;
    this.evictedUntilMs = entry.timeMs;
    this.evictedByLevel[entry.level]++;
    const counter = this.evictedByKind.get(entry.kind);
    if (counter) counter.n++;
    else this.evictedByKind.set(entry.kind, { n: 1 });
  }
}

/** Spells an entry's text from its data and shared arguments: one function per entry kind, never a closure per entry. */
export type Speller<D, A> = (out: Spelling, data: D, args: A) => void;

/** Builds a spelled entry's text (one builder: spelling is never re-entered). */
function spellText(spell: Speller<Record<string, unknown>, unknown>, data: Record<string, unknown>, args: unknown): string {
  builder.value = '';
  spell(builder, data, args);
  const text = builder.value;
  builder.value = '';
  return text;
}

const builder = {
  value: '',
  text(part: string): void {
    this.value += part;
  },
  hashed(part: HashedText): void {
    this.value += part.text;
  },
  num(n: number): void {
    this.value += `${n}`;
  },
};

// A kept entry's heap on a 64-bit V8, measured (scripts/measure-seek.ts's heap beside the estimates): the object with
// its eight fields and a boxed fractional time; a data object of a few fields; a string's header (one byte a character
// after it); a spelled entry's arguments.
const ENTRY_OBJECT_BYTES = 104;
const DATA_OBJECT_BYTES = 48;
const STRING_HEADER_BYTES = 16;
const SPELL_ARGS_BYTES = 32;

const BAR = '|'.charCodeAt(0);
const NEWLINE = '\n'.charCodeAt(0);
