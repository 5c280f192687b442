import type { TraceEntry } from '../engine/index';

/**
 * Trace entries as they cross to the page in bulk: a frame after a seek carries the whole trace window (50,000
 * entries at 100 nodes, nearly all heartbeats), and cloning that many small objects was most of a seek's time on
 * both threads (issue 12: ~40 % of the worker's, ~45 % of the page's). Packed, the numbers travel in one typed
 * array, each distinct string and each distinct flat `data` once, so the clone copies a few buffers and the page
 * builds the entries in one tight loop. Unpacked entries equal the originals field for field, in the same key order.
 */
export interface PackedTrace {
  count: number;
  /** seq, timeMs, event of each entry. */
  numbers: Float64Array;
  /** actor, kind, text, level (into `strings`) and data (into `data`) of each entry. */
  refs: Uint32Array;
  strings: string[];
  /** Distinct data objects: flat ones shared by the entries that hold equal ones, any other once per entry. */
  data: Record<string, unknown>[];
}

/** Below this many entries a frame sends them as they are: packing pays only for bulk. */
export const PACK_TRACE_FROM = 256;

const NUMBERS = 3;
const REFS = 5;

export function packTrace(entries: readonly TraceEntry[]): PackedTrace {
  const count = entries.length;
  const numbers = new Float64Array(count * NUMBERS);
  const refs = new Uint32Array(count * REFS);
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const data: Record<string, unknown>[] = [];
  const dataIndex = new Map<string, number>();
  const stringRef = (s: string): number => {
    let at = stringIndex.get(s);
    if (at === undefined) {
      at = strings.length;
      strings.push(s);
      stringIndex.set(s, at);
    }
    return at;
  };
  for (let i = 0; i < count; i++) {
    const e = entries[i];
    numbers[i * NUMBERS] = e.seq;
    numbers[i * NUMBERS + 1] = e.timeMs;
    numbers[i * NUMBERS + 2] = e.event;
    refs[i * REFS] = stringRef(e.actor);
    refs[i * REFS + 1] = stringRef(e.kind);
    refs[i * REFS + 2] = stringRef(e.text);
    refs[i * REFS + 3] = stringRef(e.level);
    const key = flatKey(e.data);
    let at = key === null ? undefined : dataIndex.get(key);
    if (at === undefined) {
      at = data.length;
      data.push(e.data);
      if (key !== null) dataIndex.set(key, at);
    }
    refs[i * REFS + 4] = at;
  }
  return { count, numbers, refs, strings, data };
}

export function unpackTrace(packed: PackedTrace): TraceEntry[] {
  const { count, numbers, refs, strings, data } = packed;
  const out = new Array<TraceEntry>(count);
  for (let i = 0; i < count; i++) {
    out[i] = {
      seq: numbers[i * NUMBERS],
      timeMs: numbers[i * NUMBERS + 1],
      event: numbers[i * NUMBERS + 2],
      actor: strings[refs[i * REFS]],
      kind: strings[refs[i * REFS + 1]],
      text: strings[refs[i * REFS + 2]],
      level: strings[refs[i * REFS + 3]] as TraceEntry['level'],
      data: data[refs[i * REFS + 4]],
    };
  }
  return out;
}

/**
 * Whether entries can travel packed: each has exactly a TraceEntry's fields, in its order, with a number or a
 * string where the type says (anything else goes as it is, cloned whole).
 */
export function packable(entries: readonly TraceEntry[]): boolean {
  for (const e of entries) {
    let keys = 0;
    for (const key in e) if (key !== FIELDS[keys++]) return false;
    if (keys !== FIELDS.length) return false;
    if (typeof e.seq !== 'number' || typeof e.timeMs !== 'number' || typeof e.event !== 'number') return false;
    if (typeof e.actor !== 'string' || typeof e.kind !== 'string' || typeof e.text !== 'string' || typeof e.level !== 'string') return false;
    if (typeof e.data !== 'object' || e.data === null || Object.getPrototypeOf(e.data) !== Object.prototype) return false;
  }
  return true;
}

const FIELDS = ['seq', 'timeMs', 'event', 'actor', 'kind', 'text', 'level', 'data'] as const;

/**
 * A key naming a plain object whose values are all strings or finite numbers (a heartbeat's `{ node: 'n7' }`):
 * two such objects with one key are equal, key order included. Null for anything else, which is never shared.
 */
function flatKey(value: Record<string, unknown>): string | null {
  if (Object.getPrototypeOf(value) !== Object.prototype) return null;
  let key = '';
  for (const name in value) {
    if (!Object.prototype.hasOwnProperty.call(value, name)) return null;
    const v = value[name];
    if (name.includes('\u0000')) return null;
    if (typeof v === 'string' && !v.includes('\u0001')) key += `${name}\u0000s${v}\u0001`;
    else if (typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0)) key += `${name}\u0000n${v}\u0001`;
    else return null;
  }
  return key;
}
