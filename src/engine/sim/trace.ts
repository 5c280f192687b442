import type { TraceEntry, TraceLevel, TraceWindow } from '../types';
import { describeValue } from '../problem-text';
import { TraceHasher, hashedText, type HashedText, type Spelling } from './trace-hasher';

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
  /**
   * Per slot, the entry; or, for an entry recorded by recordSpelled and not read yet, only its data; or, by
   * recordPacked, only its subject.
   */
  private ring: (TraceEntry | EntryData | string)[] = [];
  /** Per ring slot: the kind of an entry not built yet (recordSpelled, recordPacked), else undefined. */
  private spellers: (AnySpelledKind | AnyPackedKind | undefined)[] = [];
  /** Per ring slot: that entry's spelling arguments. */
  private spellArgs: unknown[] = [];
  /**
   * Per ring slot, the time and event of an entry not built yet; made with the first such entry (a run that never
   * records one, such as every primary-replica run, has none), grown with the ring.
   */
  private lazyTimes: Float64Array | null = null;
  private lazyEvents: Float64Array | null = null;
  /** Per ring slot, a packed entry's subject index and three numbers (recordPacked), PACKED_NUMBERS apart; made with the first one. */
  private packedNumbers: Float64Array | null = null;
  /**
   * Per ring slot, the generation a packed entry was recorded in (recordPacked): what a fork and its origin both hold
   * for an entry recorded before they parted, and never for one recorded after (identityAt, readAt). Made with the
   * first packed entry: a run that records none has none, and its forks copy no such list.
   */
  private generations: (Generation | undefined)[] | null = null;
  /** The generation this trace records packed entries in: a fresh one on each side of a fork (copy). */
  private generation: Generation = { built: null };
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
  /**
   * Evictions of one kind and level in a row not yet added to the two counters above (flushEvictedRun): the oldest
   * entries mostly come in long runs of one kind (bench case b: ~300k write.acked), each then costs a compare.
   */
  private runKind = '';
  private runLevel: TraceLevel = 'detail';
  private runCount = 0;

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
    this.mixHead(entry.seq, timeMs, actor, kind);
    this.hasher.text(text);
    this.endLine();
    return entry;
  }

  /**
   * An entry of a kind recorded in bulk (a client write's `write.acked`, 340k in bench case b, most of which fall out of
   * the window unread): the digest mixes its words now, part by part (the same characters its text will have), and
   * the entry itself, its object and its text, is made only if it is read (`since`), then kept. Until then the ring
   * holds its data, and two columns its time and event: no object a write beyond its data. `spelled.spell` and
   * `spelled.actor` must be pure functions of their inputs; `data` must be this entry's own object, never frozen or
   * shared with another entry, and neither it nor `args` may change.
   */
  recordSpelled<D extends EntryData, A>(event: number, timeMs: number, spelled: SpelledKind<D, A>, data: D, args: A): void {
    const seq = this.nextSeq++;
    const slot = this.keep(data, spelled as unknown as AnySpelledKind, args);
    const times = this.lazyTimes === null || slot >= this.lazyTimes.length ? this.growLazyColumns(slot) : this.lazyTimes;
    times[slot] = timeMs;
    this.lazyEvents![slot] = event;
    this.mixHead(seq, timeMs, spelled.actor(data), spelled.kind);
    spelled.spell(this.hasher, data, args);
    this.endLine();
  }

  /**
   * An entry of a kind recorded in bulk whose own parts are a subject (its actor) and three numbers (a client write's
   * usual `write.acked`, 340k in bench case b): like recordSpelled, with no object at all until it is read. The ring
   * holds the subject, columns hold the time, the event and the numbers; `packed.data` makes the data object when the
   * entry is read. `packed.spell` and `packed.data` must be pure functions of their inputs, `args` must never change.
   */
  recordPacked<A>(event: number, timeMs: number, packed: PackedKind<A>, subject: string, subjectIndex: number, a: number, b: number, c: number, args: A): void {
    const seq = this.nextSeq++;
    const slot = this.keep(subject, packed as unknown as AnyPackedKind, args);
    const times = this.lazyTimes === null || slot >= this.lazyTimes.length ? this.growLazyColumns(slot) : this.lazyTimes;
    times[slot] = timeMs;
    this.lazyEvents![slot] = event;
    const numbers = this.packedNumbers === null || slot * PACKED_NUMBERS >= this.packedNumbers.length ? this.growPackedColumn(slot) : this.packedNumbers;
    const at = slot * PACKED_NUMBERS;
    numbers[at] = subjectIndex;
    numbers[at + 1] = a;
    numbers[at + 2] = b;
    numbers[at + 3] = c;
    (this.generations ??= new Array<Generation | undefined>(this.ring.length).fill(undefined))[slot] = this.generation;
    const hasher = this.hasher;
    hasher.whole(seq);
    hasher.char(BAR);
    hasher.num(timeMs);
    hasher.char(BAR);
    // The subject from its index where the kind spells it so: its string is not read.
    const digits = packed.subjectDigits;
    if (digits !== null) hasher.padded(digits.prefix, subjectIndex + digits.first, digits.width);
    else hasher.text(subject);
    hasher.hashed(packed.kindWords);
    packed.spell(hasher, subject, subjectIndex, a, b, c, args);
    this.endLine();
  }

  /** The packed numbers' column, made or grown like the lazy columns to hold `slot`. */
  private growPackedColumn(slot: number): Float64Array {
    const length = Math.min(this.windowEntries, Math.max(1024, 2 * (slot + 1)));
    const numbers = new Float64Array(length * PACKED_NUMBERS);
    if (this.packedNumbers !== null) numbers.set(this.packedNumbers);
    this.packedNumbers = numbers;
    return numbers;
  }

  /** The lazy columns, made or grown (doubling, up to the window) to hold `slot`. */
  private growLazyColumns(slot: number): Float64Array {
    const length = Math.min(this.windowEntries, Math.max(1024, 2 * (slot + 1)));
    const times = new Float64Array(length);
    const events = new Float64Array(length);
    if (this.lazyTimes !== null) times.set(this.lazyTimes);
    if (this.lazyEvents !== null) events.set(this.lazyEvents);
    this.lazyTimes = times;
    this.lazyEvents = events;
    return times;
  }

  /**
   * Puts an entry (or a spelled entry's data, or a packed entry's subject) in the ring, evicting the oldest when full;
   * returns its slot. The slot's generation is left to recordPacked: undefined for any other entry.
   */
  private keep(item: TraceEntry | EntryData | string, spelled: AnySpelledKind | AnyPackedKind | undefined, args: unknown): number {
    if (this.ring.length < this.windowEntries) {
      this.ring.push(item);
      this.spellers.push(spelled);
      this.spellArgs.push(args);
      this.generations?.push(undefined);
      return this.ring.length - 1;
    }
    const slot = this.head;
    this.evictSlot(slot);
    this.ring[slot] = item;
    this.spellers[slot] = spelled;
    this.spellArgs[slot] = args;
    if (this.generations !== null) this.generations[slot] = undefined;
    // The next slot without a division (an entry each: bench case b records ~400,000 a run).
    this.head = slot + 1 === this.windowEntries ? 0 : slot + 1;
    return slot;
  }

  /** Ends the entry's line in the digest: its "\n", then the line folded in. */
  private endLine(): void {
    this.hasher.char(NEWLINE);
    this.hasher.endLine();
  }

  /** Mixes `${seq}|${timeMs}|${actor}|${kind}|` into the digest. */
  private mixHead(seq: number, timeMs: number, actor: string, kind: string): void {
    const hasher = this.hasher;
    hasher.whole(seq);
    hasher.char(BAR);
    hasher.num(timeMs);
    hasher.char(BAR);
    hasher.text(actor);
    hasher.hashed(kindWords(kind));
  }

  /** The entry `seq` in ring slot `slot`, made now if it was spelled and never read. */
  private readAt(slot: number, seq: number): TraceEntry {
    const spelled = this.spellers[slot];
    if (spelled === undefined) return this.ring[slot] as TraceEntry;
    if (spelled.packed) return this.readPacked(slot, seq, spelled);
    const data = this.ring[slot] as EntryData;
    // Built once for every fork holding the data: whichever reads it first, they then share one entry, as they share
    // the entries recorded whole before they parted (and a fork's byte estimate counts it once).
    let entry = builtEntries.get(data);
    if (entry === undefined) {
      entry = {
        seq,
        timeMs: this.lazyTimes![slot],
        event: this.lazyEvents![slot],
        actor: spelled.actor(data),
        kind: spelled.kind,
        text: spellText(spelled.spell, data, this.spellArgs[slot]),
        level: spelled.level,
        data,
      };
      builtEntries.set(data, entry);
    }
    this.ring[slot] = entry;
    this.spellers[slot] = undefined;
    this.spellArgs[slot] = undefined;
    return entry;
  }

  /**
   * The packed entry `seq` in `slot`, made now. An entry of a generation this trace still records in is in no other
   * trace's ring; one of an earlier generation may be in a fork's too, so it is made once for all of them (kept in
   * the generation by seq) and they then share it, as readAt does by data.
   */
  private readPacked(slot: number, seq: number, packed: AnyPackedKind): TraceEntry {
    const generation = this.generations![slot]!;
    let entry = generation === this.generation ? undefined : generation.built?.get(seq);
    if (entry === undefined) {
      const subject = this.ring[slot] as string;
      const at = slot * PACKED_NUMBERS;
      const numbers = this.packedNumbers!;
      const subjectIndex = numbers[at];
      const a = numbers[at + 1];
      const b = numbers[at + 2];
      const c = numbers[at + 3];
      const args = this.spellArgs[slot];
      builder.value = '';
      packed.spell(builder, subject, subjectIndex, a, b, c, args);
      const text = builder.value;
      builder.value = '';
      entry = {
        seq,
        timeMs: this.lazyTimes![slot],
        event: this.lazyEvents![slot],
        actor: subject,
        kind: packed.kind,
        text,
        level: packed.level,
        data: packed.data(subject, subjectIndex, a, b, c),
      };
      if (generation !== this.generation) (generation.built ??= new Map()).set(seq, entry);
    }
    this.ring[slot] = entry;
    this.spellers[slot] = undefined;
    this.spellArgs[slot] = undefined;
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
    const first = this.firstKeptSeq;
    for (let i = from; i < kept; i++) out[i - from] = this.readAt((this.head + i) % kept, first + i);
    return out;
  }

  /** What the window holds and what has fallen out of it. */
  window(): TraceWindow {
    this.flushEvictedRun();
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
    // An entry not built yet is shared as its data; whichever side reads it first builds the one entry both get (readAt).
    copy.spellers = this.spellers.slice();
    copy.spellArgs = this.spellArgs.slice();
    copy.lazyTimes = this.lazyTimes?.slice() ?? null;
    copy.lazyEvents = this.lazyEvents?.slice() ?? null;
    copy.packedNumbers = this.packedNumbers?.slice() ?? null;
    // The packed entries recorded so far are both sides' now: each records its next ones in a generation of its own.
    copy.generations = this.generations?.slice() ?? null;
    copy.generation = { built: null };
    this.generation = { built: null };
    copy.head = this.head;
    copy.nextSeq = this.nextSeq;
    this.flushEvictedRun();
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
    // The entries are the same up to some seq and different after it: find the first that differs.
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.identityAt(mid) === other.identityAt(mid)) lo = mid + 1;
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
      const spelled = this.spellers[slot];
      // A packed entry not read yet is its ring slot and columns alone (ringBytes).
      if (spelled !== undefined && spelled.packed) continue;
      if (spelled !== undefined) {
        const args = this.spellArgs[slot];
        bytes += DATA_OBJECT_BYTES + (typeof args === 'object' && args !== null ? SPELL_ARGS_BYTES : 0);
        continue;
      }
      const entry = this.ring[slot] as TraceEntry;
      bytes += ENTRY_OBJECT_BYTES;
      if (!Object.isFrozen(entry.data)) bytes += DATA_OBJECT_BYTES + STRING_HEADER_BYTES + entry.text.length;
    }
    return bytes;
  }

  /** The ring's own lists (a word a slot each) and the lazy and packed columns (numbers a slot), as a fork copies them. */
  ringBytes(): number {
    return (
      (RING_LISTS + (this.generations === null ? 0 : 1)) * 8 * this.ring.length +
      (this.lazyTimes === null ? 0 : 16 * this.lazyTimes.length) +
      (this.packedNumbers === null ? 0 : 8 * this.packedNumbers.length)
    );
  }

  /** The first seq this trace shares with another (sharedEntriesWith counts from here). */
  firstSharedSeqWith(other: Trace): number {
    return Math.max(this.firstKeptSeq, other.firstKeptSeq);
  }

  /**
   * What is the same object in a fork and its origin for the entry `seq` while they share it, and differs once each
   * recorded its own: the entry, or its data where that is its own (a spelled entry is its data until one of them
   * reads it: recordSpelled's data is always an entry's own). Frozen data is shared by every entry of a kind
   * (heartbeat-words.ts).
   */
  private identityAt(seq: number): object {
    const slot = (this.head + seq - this.firstKeptSeq) % this.ring.length;
    // A packed entry, read or not, is the same entry in two traces exactly when both hold it from one generation.
    const generation = this.generations?.[slot];
    if (generation !== undefined) return generation;
    const item = this.ring[slot] as TraceEntry | EntryData;
    if (this.spellers[slot] !== undefined) return item;
    const entry = item as TraceEntry;
    return Object.isFrozen(entry.data) ? entry : entry.data;
  }

  private evictSlot(slot: number): void {
    const spelled = this.spellers[slot];
    if (spelled !== undefined) this.evict(this.lazyTimes![slot], spelled.level, spelled.kind);
    else {
      const entry = this.ring[slot] as TraceEntry;
      this.evict(entry.timeMs, entry.level, entry.kind);
    }
  }

  private evict(timeMs: number, level: TraceLevel, kind: string): void {
    this.evictedCount++;
    this.evictedUntilMs = timeMs;
    if (kind === this.runKind && level === this.runLevel) {
      this.runCount++;
      return;
    }
    this.flushEvictedRun();
    this.runKind = kind;
    this.runLevel = level;
    this.runCount = 1;
  }

  private flushEvictedRun(): void {
    if (this.runCount === 0) return;
    this.evictedByLevel[this.runLevel] += this.runCount;
    const counter = this.evictedByKind.get(this.runKind);
    if (counter) counter.n += this.runCount;
    else this.evictedByKind.set(this.runKind, { n: this.runCount });
    this.runCount = 0;
  }
}

/** Spells an entry's text from its data and shared arguments: one function per entry kind, never a closure per entry. */
export type Speller<D, A> = (out: Spelling, data: D, args: A) => void;

/** An entry's data. */
type EntryData = Record<string, unknown>;

/** A spelled entry once read, by its data: one object however many forks of the run read it (Trace.readAt). */
const builtEntries = new WeakMap<EntryData, TraceEntry>();

/** A kind of entry recorded by `recordSpelled`: what every entry of it has in common, and how its words are spelled. */
export interface SpelledKind<D, A> {
  readonly packed?: false;
  readonly kind: string;
  readonly level: TraceLevel;
  /** The entry's actor, read from its data. */
  actor(data: D): string;
  readonly spell: Speller<D, A>;
}

type AnySpelledKind = SpelledKind<EntryData, unknown>;

/**
 * A kind of entry recorded by `recordPacked`: an entry of it is its subject (the actor) with the subject's index
 * among its like (a shard's, say), three numbers and shared arguments; its words and its data are made from them.
 */
export interface PackedKind<A> {
  readonly packed: true;
  readonly kind: string;
  /** `|${kind}|` hashed, as kindWords gives it: no lookup per entry. Made by `packedKind`. */
  readonly kindWords: HashedText;
  readonly level: TraceLevel;
  /**
   * How every subject of the kind is spelled from its index (a shard's id: "s" and index + 1 in five digits), or null:
   * the digest then mixes the subject without reading its string. Only where that is exactly every subject's spelling.
   */
  readonly subjectDigits: SubjectDigits | null;
  spell(out: Spelling, subject: string, subjectIndex: number, a: number, b: number, c: number, args: A): void;
  data(subject: string, subjectIndex: number, a: number, b: number, c: number): EntryData;
}

type AnyPackedKind = PackedKind<unknown>;

/** A subject spelled `${prefix.text}${String(index + first).padStart(width, '0')}` (Spelling.padded). */
export interface SubjectDigits {
  readonly prefix: HashedText;
  readonly first: number;
  readonly width: number;
}

/** A packed kind from its parts, with its kind's words hashed once. */
export function packedKind<A>(parts: Omit<PackedKind<A>, 'packed' | 'kindWords'>): PackedKind<A> {
  return { ...parts, packed: true, kindWords: kindWords(parts.kind) };
}

/** Numbers a packed entry keeps in its slot of `packedNumbers`: its subject index and three numbers. */
const PACKED_NUMBERS = 4;

/**
 * The packed entries one trace recorded between two forks. A fork and its origin keep pointing to it for those
 * entries, so it tells them apart from entries recorded since (identityAt), and it holds the entries made from them
 * once read by either side (readPacked), so both read the same object.
 */
interface Generation {
  built: Map<number, TraceEntry> | null;
}

/**
 * The ring's lists a fork copies a word a slot of: the ring, the kinds of entries not built yet, their arguments (and,
 * once a packed entry was recorded, their generations).
 */
const RING_LISTS = 3;

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
  padded(prefix: HashedText, n: number, width: number): void {
    this.value += prefix.text + String(n).padStart(width, '0');
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

/**
 * `|${kind}|`, hashed once per kind: a line's head mixes it in two multiplies. The engine's kinds are its own words
 * (about 150); the bound only keeps a process that somehow saw endless kinds from holding them all.
 */
function kindWords(kind: string): HashedText {
  let words = KIND_WORDS.get(kind);
  if (words === undefined) {
    words = hashedText(`|${kind}|`);
    if (KIND_WORDS.size < KIND_WORDS_KEPT) KIND_WORDS.set(kind, words);
  }
  return words;
}
const KIND_WORDS_KEPT = 4096;
const KIND_WORDS = new Map<string, HashedText>();
const NEWLINE = '\n'.charCodeAt(0);
