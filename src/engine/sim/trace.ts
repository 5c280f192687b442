import type { TraceEntry, TraceLevel, TraceWindow } from '../types';
import { describeValue } from '../problem-text';
import { CHUNK_BITS, CHUNK_SLOTS, TraceChunk, type PackedKind } from './trace-chunk';
import { TraceHasher } from './trace-hasher';

export type { Spelling } from './trace-hasher';
export type { PackedKind } from './trace-chunk';

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
 * over a run of any length. A running FNV-1a digest over (seq, time, actor,
 * kind, text) of every entry ever recorded lets two runs be compared without
 * keeping or re-hashing the whole trace.
 *
 * The ring is kept as columns, one slot per kept entry, in chunks of 1,024 slots (trace-chunk.ts), and an entry object
 * is made only when someone reads it (`since`), then kept in its slot. Recording makes no object: bench case b records
 * ~400k entries a run, nearly all of which fall out of the window unread, and as objects each lived long enough to be
 * copied by every young-generation collection and then promoted. A fork shares the chunks, and whichever side writes
 * into a shared chunk first copies it: snapshots taken close together share most of their windows.
 */
export class Trace {
  /** The window's slots, CHUNK_SLOTS a chunk, made as the window fills. */
  private chunks: TraceChunk[] = [];
  /** Per chunk, whether this trace alone holds it (1) or shares it with a fork (0: copied before the next write). */
  private owned = new Uint8Array(0);
  /** The running digest; a packed entry's parts go straight into it. */
  private hasher = new TraceHasher();
  /** Slots in use: the kept entries. */
  private size = 0;
  /** The slot of the oldest kept entry once the ring is full. */
  private head = 0;
  private nextSeq = 0;
  private evictedCount = 0;
  private evictedUntilMs: number | null = null;
  /** Per kind, a counter object: one Map lookup per evicted entry (bench case b evicts ~350k), not a get and a set. */
  private evictedByKind = new Map<string, { n: number }>();
  /** Per level (LEVELS' order), how many entries fell out. */
  private evictedByLevel = new Float64Array(LEVELS.length);

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
  ): void {
    const seq = this.nextSeq++;
    const at = this.keep(event, timeMs, actor, kind, level);
    const chunk = this.writing;
    chunk.words[at] = text;
    chunk.infos[at] = data;
    chunk.packers[at] = undefined;
    // The digest runs over `${seq}|${timeMs}|${actor}|${kind}|${text}\n`, hashed part by part: FNV-1a is sequential,
    // so this is the same digest without building a second copy of every entry's text (bench case b: 340k writes).
    this.mixHead(seq, timeMs, actor, kind);
    this.hasher.text(text);
    this.hasher.char(NEWLINE);
  }

  /**
   * An entry of a kind recorded in bulk (a client write's `write.acked`, 340k in bench case b), kept as one string
   * and two numbers beside its actor: `packed` spells its text into the digest now, part by part (the same characters
   * the text will have), and builds its text and data only if the entry is read. `packed` must be a pure function of
   * its inputs, and `args` must never change.
   */
  recordPacked<A>(
    event: number,
    timeMs: number,
    actor: string,
    kind: string,
    level: TraceLevel,
    packed: PackedKind<A>,
    args: A,
    s: string,
    n1: number,
    n2: number,
  ): void {
    const seq = this.nextSeq++;
    const at = this.keep(event, timeMs, actor, kind, level);
    const chunk = this.writing;
    chunk.words[at] = s;
    chunk.infos[at] = args;
    chunk.packers[at] = packed as PackedKind<unknown>;
    chunk.nums1[at] = n1;
    chunk.nums2[at] = n2;
    this.mixHead(seq, timeMs, actor, kind);
    packed.spell(this.hasher, actor, s, n1, n2, args);
    this.hasher.char(NEWLINE);
  }

  /**
   * Takes the next slot (evicting the oldest entry when the ring is full), fills the columns every entry has, and
   * returns its index in its chunk, which is left in `writing` (owned by this trace by then).
   */
  private keep(event: number, timeMs: number, actor: string, kind: string, level: TraceLevel): number {
    let slot: number;
    if (this.size < this.windowEntries) slot = this.size++;
    else {
      slot = this.head;
      this.evict(slot);
      this.head = slot + 1 === this.windowEntries ? 0 : slot + 1;
    }
    const at = slot & (CHUNK_SLOTS - 1);
    const chunk = (this.writing = this.ownChunk(slot >> CHUNK_BITS));
    chunk.stamps[at] = nextStamp++;
    chunk.times[at] = timeMs;
    chunk.events[at] = event;
    chunk.levels[at] = levelIndex(level);
    chunk.actors[at] = actor;
    chunk.kinds[at] = kind;
    chunk.entries[at] = undefined;
    return at;
  }

  /** The chunk being written by record / recordPacked (set by keep). */
  private writing!: TraceChunk;

  /** Chunk `c`, made if the window has not reached it yet, copied first if it is shared with a fork. */
  private ownChunk(c: number): TraceChunk {
    if (c === this.chunks.length) {
      this.chunks.push(new TraceChunk(Math.min(CHUNK_SLOTS, this.windowEntries - c * CHUNK_SLOTS)));
      const owned = new Uint8Array(c + 1);
      owned.set(this.owned);
      this.owned = owned;
    } else if (this.owned[c] === 0) this.chunks[c] = this.chunks[c].clone();
    this.owned[c] = 1;
    return this.chunks[c];
  }

  /** Mixes `${seq}|${timeMs}|${actor}|${kind}|` into the digest. */
  private mixHead(seq: number, timeMs: number, actor: string, kind: string): void {
    const hasher = this.hasher;
    hasher.whole(seq);
    hasher.char(BAR);
    hasher.num(timeMs);
    hasher.char(BAR);
    hasher.text(actor);
    hasher.char(BAR);
    hasher.text(kind);
    hasher.char(BAR);
  }

  /**
   * The entry in `slot` (its seq given), made now if it was never read and kept in its slot. A slot of a chunk shared
   * with a fork is filled in place: either side would make the same entry from the same columns.
   */
  private readAt(slot: number, seq: number): TraceEntry {
    const chunk = this.chunks[slot >> CHUNK_BITS];
    const at = slot & (CHUNK_SLOTS - 1);
    const kept = chunk.entries[at];
    if (kept !== undefined) return kept;
    const actor = chunk.actors[at];
    const packed = chunk.packers[at];
    let text: string;
    let data: Record<string, unknown>;
    if (packed === undefined) {
      text = chunk.words[at];
      data = chunk.infos[at] as Record<string, unknown>;
    } else {
      const args = chunk.infos[at];
      const s = chunk.words[at];
      const n1 = chunk.nums1[at];
      const n2 = chunk.nums2[at];
      text = spellText(packed, actor, s, n1, n2, args);
      data = packed.data(actor, s, n1, n2, args);
    }
    const entry: TraceEntry = {
      seq,
      timeMs: chunk.times[at],
      event: chunk.events[at],
      actor,
      kind: chunk.kinds[at],
      text,
      level: LEVELS[chunk.levels[at]],
      data,
    };
    chunk.entries[at] = entry;
    return entry;
  }

  /** How many entries were ever recorded; the next entry's `seq`. */
  get count(): number {
    return this.nextSeq;
  }

  /** The `seq` of the oldest entry still kept. */
  get firstKeptSeq(): number {
    return this.nextSeq - this.size;
  }

  /** The kept entries with `seq ≥ sinceSeq`, oldest first. Entries older than the window are not returned. */
  since(sinceSeq: number): TraceEntry[] {
    // An untyped caller (the driver from a page) can pass anything; NaN would make `new Array(NaN)` throw "Invalid array length".
    if (typeof sinceSeq !== 'number' || Number.isNaN(sinceSeq)) {
      throw new RangeError(`getTrace: sinceSeq must be a number (a trace entry's seq; 0 for all), got ${describeValue(sinceSeq)}`);
    }
    const first = this.firstKeptSeq;
    const from = Math.max(0, Math.ceil(sinceSeq) - first);
    const kept = this.size;
    if (from >= kept) return [];
    const out: TraceEntry[] = new Array(kept - from);
    for (let i = from; i < kept; i++) out[i - from] = this.readAt((this.head + i) % kept, first + i);
    return out;
  }

  /** What the window holds and what has fallen out of it. */
  window(): TraceWindow {
    const byLevel = {} as Record<TraceLevel, number>;
    LEVELS.forEach((level, i) => (byLevel[level] = this.evictedByLevel[i]));
    return {
      windowEntries: this.windowEntries,
      recorded: this.nextSeq,
      firstKeptSeq: this.firstKeptSeq,
      evicted: {
        entries: this.evictedCount,
        untilMs: this.evictedUntilMs,
        byLevel,
        byKind: Object.fromEntries([...this.evictedByKind].map(([kind, c]) => [kind, c.n] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      },
    };
  }

  digest(): string {
    return this.hasher.digest();
  }

  /**
   * An independent trace with the same window, counts and digest (a fork of the run). The chunks are shared until
   * either side writes into one (it copies it first); what they point to stays shared: once recorded an entry never
   * changes, and the window only ever replaces whole entries.
   */
  copy(): Trace {
    const copy = new Trace(this.windowEntries);
    copy.chunks = this.chunks.slice();
    this.owned.fill(0);
    copy.owned = new Uint8Array(this.owned.length);
    copy.size = this.size;
    copy.head = this.head;
    copy.nextSeq = this.nextSeq;
    copy.evictedCount = this.evictedCount;
    copy.evictedUntilMs = this.evictedUntilMs;
    copy.evictedByKind = new Map([...this.evictedByKind].map(([kind, c]) => [kind, { n: c.n }]));
    copy.evictedByLevel = this.evictedByLevel.slice();
    copy.hasher = this.hasher.copy();
    return copy;
  }

  /**
   * How many kept entries this trace holds in common with another: a fork and the run it came from share the
   * entries recorded before they parted (their texts, data and arguments are the same objects), so the shared ones
   * are a run of seqs ending where they parted, found by their stamps.
   */
  sharedEntriesWith(other: Trace): number {
    const from = Math.max(this.firstKeptSeq, other.firstKeptSeq);
    const to = Math.min(this.nextSeq, other.nextSeq); // seqs both keep: [from, to)
    let lo = from;
    let hi = to;
    // The stamps are equal up to some seq and different after it: find the first that differs.
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.stampAt(mid) === other.stampAt(mid)) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(0, lo - from);
  }

  /**
   * Roughly the heap of the chunks this trace holds that `beside` (another trace, a fork's relative) does not hold too:
   * all of them without `beside`.
   */
  chunkBytes(beside?: Trace): number {
    let bytes = 0;
    for (const chunk of this.chunks) if (!beside?.chunks.includes(chunk)) bytes += chunk.bytes;
    return bytes;
  }

  /**
   * Roughly the heap outside the columns that the kept entries with `seq` in [fromSeq, toSeq) hold (a fork's byte
   * estimate): each entry object made by a read, a whole entry's text and data unless its data is shared by every
   * entry of its kind (frozen: heartbeat-words.ts), and a read packed entry's text and data. An unread packed entry
   * is all in the columns.
   */
  entryBytes(fromSeq: number, toSeq: number): number {
    const first = this.firstKeptSeq;
    const lo = Math.max(fromSeq, first);
    const hi = Math.min(toSeq, this.nextSeq);
    let bytes = 0;
    for (let seq = lo; seq < hi; seq++) {
      const slot = this.slotOf(seq);
      const chunk = this.chunks[slot >> CHUNK_BITS];
      const at = slot & (CHUNK_SLOTS - 1);
      const entry = chunk.entries[at];
      if (entry !== undefined) bytes += ENTRY_OBJECT_BYTES;
      if (chunk.packers[at] === undefined) {
        const data = chunk.infos[at] as Record<string, unknown>;
        if (!Object.isFrozen(data)) bytes += DATA_OBJECT_BYTES + STRING_HEADER_BYTES + chunk.words[at].length;
      } else if (entry !== undefined) bytes += DATA_OBJECT_BYTES + STRING_HEADER_BYTES + entry.text.length;
    }
    return bytes;
  }

  /** The first seq this trace shares with another (sharedEntriesWith counts from here). */
  firstSharedSeqWith(other: Trace): number {
    return Math.max(this.firstKeptSeq, other.firstKeptSeq);
  }

  /** The slot of a kept entry's seq. */
  private slotOf(seq: number): number {
    return (this.head + seq - this.firstKeptSeq) % this.size;
  }

  private stampAt(seq: number): number {
    const slot = this.slotOf(seq);
    return this.chunks[slot >> CHUNK_BITS].stamps[slot & (CHUNK_SLOTS - 1)];
  }

  private evict(slot: number): void {
    const chunk = this.chunks[slot >> CHUNK_BITS];
    const at = slot & (CHUNK_SLOTS - 1);
    this.evictedCount++;
    this.evictedUntilMs = chunk.times[at];
    this.evictedByLevel[chunk.levels[at]]++;
    const kind = chunk.kinds[at];
    const counter = this.evictedByKind.get(kind);
    if (counter) counter.n++;
    else this.evictedByKind.set(kind, { n: 1 });
  }
}

/** Stamps for recorded entries, unique in the process (Trace.stamps). Not part of any run: only compared. */
let nextStamp = 1;

const LEVELS: readonly TraceLevel[] = ['detail', 'info', 'warn', 'alert'];

function levelIndex(level: TraceLevel): number {
  return level === 'detail' ? 0 : level === 'info' ? 1 : level === 'warn' ? 2 : 3;
}


/** Builds a packed entry's text (one builder: spelling is never re-entered). */
function spellText<A>(packed: PackedKind<A>, actor: string, s: string, n1: number, n2: number, args: A): string {
  builder.value = '';
  packed.spell(builder, actor, s, n1, n2, args);
  const text = builder.value;
  builder.value = '';
  return text;
}

const builder = {
  value: '',
  text(part: string): void {
    this.value += part;
  },
  num(n: number): void {
    this.value += `${n}`;
  },
};

// A kept entry's heap on a 64-bit V8, measured (scripts/measure-seek.ts's heap beside the estimates): the object with
// its eight fields and a boxed fractional time; a data object of a few fields; a string's header (one byte a character
// after it).
const ENTRY_OBJECT_BYTES = 104;
const DATA_OBJECT_BYTES = 48;
const STRING_HEADER_BYTES = 16;

const BAR = '|'.charCodeAt(0);
const NEWLINE = '\n'.charCodeAt(0);
