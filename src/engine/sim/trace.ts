import type { TraceEntry, TraceLevel, TraceWindow } from '../types';
import { describeValue } from '../problem-text';

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
 */
export class Trace {
  private ring: TraceEntry[] = [];
  /** Index in `ring` of the oldest kept entry once the ring is full. */
  private head = 0;
  private nextSeq = 0;
  private evictedCount = 0;
  private evictedUntilMs: number | null = null;
  private evictedByKind = new Map<string, number>();
  private evictedByLevel: Record<TraceLevel, number> = { detail: 0, info: 0, warn: 0, alert: 0 };
  private hashA = 0x811c9dc5;
  private hashB = 0x01000193;

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
    if (this.ring.length < this.windowEntries) {
      this.ring.push(entry);
    } else {
      this.evict(this.ring[this.head]);
      this.ring[this.head] = entry;
      this.head = (this.head + 1) % this.windowEntries;
    }
    // The digest runs over `${seq}|${timeMs}|${actor}|${kind}|${text}\n`, hashed part by part: FNV-1a is sequential,
    // so this is the same digest without building a second copy of every entry's text (bench case b: 340k writes).
    this.mix(String(entry.seq));
    this.mixChar(BAR);
    this.mix(String(timeMs));
    this.mixChar(BAR);
    this.mix(actor);
    this.mixChar(BAR);
    this.mix(kind);
    this.mixChar(BAR);
    this.mix(text);
    this.mixChar(NEWLINE);
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
    for (let i = from; i < kept; i++) out[i - from] = this.ring[(this.head + i) % kept];
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
        byKind: Object.fromEntries([...this.evictedByKind].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      },
    };
  }

  digest(): string {
    return hex(this.hashA) + hex(this.hashB);
  }

  /**
   * An independent trace with the same window, counts and digest (a fork of the run). Entries are shared, not
   * copied: once recorded an entry never changes, and the window only ever replaces whole entries.
   */
  copy(): Trace {
    const copy = new Trace(this.windowEntries);
    copy.ring = this.ring.slice();
    copy.head = this.head;
    copy.nextSeq = this.nextSeq;
    copy.evictedCount = this.evictedCount;
    copy.evictedUntilMs = this.evictedUntilMs;
    copy.evictedByKind = new Map(this.evictedByKind);
    copy.evictedByLevel = { ...this.evictedByLevel };
    copy.hashA = this.hashA;
    copy.hashB = this.hashB;
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

  private entryAt(seq: number): TraceEntry {
    return this.ring[(this.head + seq - this.firstKeptSeq) % this.ring.length];
  }

  private evict(entry: TraceEntry): void {
    this.evictedCount++;
    this.evictedUntilMs = entry.timeMs;
    this.evictedByLevel[entry.level]++;
    this.evictedByKind.set(entry.kind, (this.evictedByKind.get(entry.kind) ?? 0) + 1);
  }

  private mixChar(c: number): void {
    this.hashA = Math.imul(this.hashA ^ c, 0x01000193) >>> 0;
    let b = Math.imul(this.hashB ^ c, 0x5bd1e995);
    b ^= b >>> 15;
    this.hashB = b >>> 0;
  }

  private mix(text: string): void {
    let a = this.hashA;
    let b = this.hashB;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    this.hashA = a >>> 0;
    this.hashB = b >>> 0;
  }
}

const BAR = '|'.charCodeAt(0);
const NEWLINE = '\n'.charCodeAt(0);

function hex(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
