import type { TraceEntry } from '../types';
import type { Spelling } from './trace-hasher';

/** Slots a chunk: 2^CHUNK_BITS. */
export const CHUNK_BITS = 10;
export const CHUNK_SLOTS = 1 << CHUNK_BITS;

/**
 * A block of the trace window's slots, kept as columns (trace.ts): typed arrays for the numbers, lists for the strings
 * and objects. Forks share chunks: a trace copies a chunk only when it first writes into one it shares (`clone`), so a
 * snapshot taken a moment after another holds nearly nothing of its own.
 */
export class TraceChunk {
  /** Per slot, a number no other recorded entry has: two traces keep the same entry (a fork's) where it is equal. */
  readonly stamps: Float64Array;
  readonly times: Float64Array;
  readonly events: Float64Array;
  /** A packed entry's numbers (Trace.recordPacked). */
  readonly nums1: Float64Array;
  readonly nums2: Float64Array;
  /** The level's index in trace.ts LEVELS. */
  readonly levels: Uint8Array;
  readonly actors: string[];
  readonly kinds: string[];
  /** A whole entry's text, or a packed entry's string. */
  readonly words: string[];
  /** A whole entry's data, or a packed entry's arguments. */
  readonly infos: unknown[];
  /** The kind that spells a packed entry; undefined for a whole one. */
  readonly packers: (PackedKind<unknown> | undefined)[];
  /** The entry object, once read. */
  readonly entries: (TraceEntry | undefined)[];

  /** `slots`: CHUNK_SLOTS, or fewer for the window's last chunk (a window of 10 holds 10 slots, not 1,024). */
  constructor(slots: number, from?: TraceChunk) {
    this.stamps = from ? from.stamps.slice() : new Float64Array(slots);
    this.times = from ? from.times.slice() : new Float64Array(slots);
    this.events = from ? from.events.slice() : new Float64Array(slots);
    this.nums1 = from ? from.nums1.slice() : new Float64Array(slots);
    this.nums2 = from ? from.nums2.slice() : new Float64Array(slots);
    this.levels = from ? from.levels.slice() : new Uint8Array(slots);
    this.actors = from ? from.actors.slice() : new Array<string>(slots).fill('');
    this.kinds = from ? from.kinds.slice() : new Array<string>(slots).fill('');
    this.words = from ? from.words.slice() : new Array<string>(slots).fill('');
    this.infos = from ? from.infos.slice() : new Array<unknown>(slots).fill(undefined);
    this.packers = from ? from.packers.slice() : new Array<PackedKind<unknown> | undefined>(slots).fill(undefined);
    this.entries = from ? from.entries.slice() : new Array<TraceEntry | undefined>(slots).fill(undefined);
  }

  /** A copy its writer owns alone (what it points to stays shared). */
  clone(): TraceChunk {
    return new TraceChunk(this.times.length, this);
  }

  /**
   * Roughly its heap: five numbers and a level a slot in the typed columns, and a word a slot in each of its six lists
   * (counted at 8 bytes, as the rest of the estimates count a reference).
   */
  get bytes(): number {
    return this.times.length * BYTES_PER_SLOT;
  }
}

const BYTES_PER_SLOT = 5 * 8 + 1 + 6 * 8;

/**
 * An entry kind recorded in bulk (Trace.recordPacked): its text and data are pure functions of its actor, one string,
 * two numbers and arguments shared by many entries. One object per kind, never one per entry.
 */
export interface PackedKind<A> {
  /** The entry's words, part by part. */
  spell(out: Spelling, actor: string, s: string, n1: number, n2: number, args: A): void;
  /** The entry's data. */
  data(actor: string, s: string, n1: number, n2: number, args: A): Record<string, unknown>;
}
