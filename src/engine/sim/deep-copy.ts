import { DiskMap } from './disk-map';
/**
 * A deep copy of an object graph that keeps its shape exactly: shared references stay shared (an event-queue slot
 * that is also a node's timer handle is copied once and both places get the one copy), class instances keep their
 * prototype (their methods), Maps and Sets keep their insertion order, typed arrays are copied byte for byte.
 *
 * What must not be copied is said explicitly: `share` names values used as they are (immutable data, pure memo
 * caches), `preset` maps an original to a copy made by hand (an object that holds functions). Any other function
 * met in the graph throws, naming where it was found: a closure copied by reference would still act on the
 * original, the one mistake a fork must never make silently.
 */
export class DeepCopier {
  private readonly copies = new Map<object, unknown>();
  /** Rows standing in for rows (`substituteRows`): a list's row at `index` is replaced by the replacement at that index. */
  private readonly rowLists: { originals: readonly object[]; replacements: readonly (object | undefined)[] }[] = [];
  /**
   * Roughly what the copies made so far take on a 64-bit heap (V8's sizes: a header per object, a word per field or
   * array element; maps and sets by mapBytes and setBytes); shared and preset values count nothing.
   */
  bytes = 0;

  constructor(private readonly share: (value: object) => boolean) {}

  /** Use `copy` wherever `original` is met (made by hand: it holds functions, or knows a cheaper way). */
  preset<T extends object>(original: T, copy: T): void {
    this.copies.set(original, copy);
  }

  /**
   * Like `preset` for each row of a list whose rows carry their own `index` (the world's shards and nodes) and have
   * a replacement: found by that index instead of an entry each in the copies map, which at 100,000 rows cost most
   * of a fork. A row that stands in is not entered, so its parts must be reachable only through it.
   */
  substituteRows(originals: readonly object[], replacements: readonly (object | undefined)[]): void {
    this.rowLists.push({ originals, replacements });
  }

  /**
   * Copies a list of rows given to `substituteRows` now, each row by its replacement (or a copy where it has none),
   * and presets the result: what `copy` would make, without a lookup in the copies map per row.
   */
  presetRowList<R extends object>(rows: readonly R[]): void {
    const list = this.rowLists.find((l) => l.originals === rows);
    if (!list) throw new Error('deep copy: presetRowList needs the rows given to substituteRows first');
    // slice, not new Array(n): the engine walks this list constantly, and a list built with holes stays slower to read.
    const out = rows.slice();
    this.copies.set(rows, out);
    this.bytes += 32 + 8 * rows.length;
    for (let i = 0; i < rows.length; i++) out[i] = (list.replacements[i] as R | undefined) ?? this.copy(rows[i]);
  }

  copy<T>(value: T): T {
    if (typeof value !== 'object' || value === null) {
      if (typeof value === 'function') return this.copyFunction(value as object) as T;
      return value;
    }
    const done = this.copies.get(value);
    if (done !== undefined) return done as T;
    if (Array.isArray(value)) return this.copyArray(value) as T;
    if (value instanceof Map) return this.copyMap(value) as T;
    if (value instanceof Set) return this.copySet(value) as T;
    if (ArrayBuffer.isView(value)) {
      if (value instanceof DataView) throw new Error('deep copy (at ): a DataView is not expected');
      const copy = (value as unknown as { slice(): object }).slice();
      this.copies.set(value, copy);
      this.bytes += 64 + value.byteLength;
      return copy as T;
    }
    if (this.rowLists.length !== 0) {
      const standIn = this.rowStandIn(value);
      if (standIn !== undefined) return standIn as T;
    }
    if (this.share(value)) return value;
    return this.copyObject(value);
  }

  private rowStandIn(value: object): object | undefined {
    const index = (value as { index?: unknown }).index;
    if (typeof index !== 'number') return undefined;
    for (const list of this.rowLists) if (list.originals[index] === value) return list.replacements[index];
    return undefined;
  }

  private copyFunction(fn: object): unknown {
    const done = this.copies.get(fn);
    if (done !== undefined) return done;
    throw new Error(`deep copy (at ): met function ${(fn as { name?: string }).name || '(anonymous)'}, which would still act on the original`);
  }

  // Each container is first copied whole by the engine's own fast paths (slice, new Map, spread); only the
  // entries that are objects are then replaced by their copies. Most entries are numbers and strings.

  private copyArray(source: unknown[]): unknown[] {
    const out = source.slice();
    this.copies.set(source, out);
    this.bytes += 32 + 8 * out.length;
    for (let i = 0; i < out.length; i++) {
      const item = out[i];
      if (typeof item === 'object' || typeof item === 'function') out[i] = this.copy(item);
    }
    return out;
  }

  private copyMap(source: Map<unknown, unknown>): Map<unknown, unknown> {
    if (source instanceof DiskMap) return this.copyDisk(source);
    let plain = true;
    for (const [key, item] of source) {
      if (typeof key === 'object' || typeof key === 'function' || typeof item === 'object' || typeof item === 'function') {
        plain = false;
        break;
      }
    }
    this.bytes += mapBytes(source.size);
    if (plain) {
      const out = new Map(source);
      this.copies.set(source, out);
      return this.keepSubclass(source, out);
    }
    const out = new Map<unknown, unknown>();
    this.copies.set(source, out);
    for (const [key, item] of source) Map.prototype.set.call(out, this.copy(key), this.copy(item));
    return this.keepSubclass(source, out);
  }

  /** A node's disk: its shards' order (the Map's keys, read natively) and its LSN rows, copied as they are. */
  private copyDisk(source: DiskMap): DiskMap {
    const out = source.snapshot();
    this.copies.set(source, out);
    out.touched = source.touched === null ? null : new Set(source.touched);
    this.bytes += mapBytes(source.size) + 64 + source.lsns.cells.byteLength + (source.log?.cells.byteLength ?? 0) + (source.touched === null ? 0 : setBytes(source.touched.size));
    return out;
  }

  /**
   * A Map subclass stays one: the copy takes the original's prototype and a copy of each of its
   * own fields. Entries were added through Map's own `set`, so the subclass's bookkeeping sees no change.
   */
  private keepSubclass(source: Map<unknown, unknown>, out: Map<unknown, unknown>): Map<unknown, unknown> {
    const proto = Object.getPrototypeOf(source) as object;
    if (proto === Map.prototype) return out;
    Object.setPrototypeOf(out, proto);
    const fields = out as unknown as Record<string, unknown>;
    for (const key of Object.keys(source)) fields[key] = this.copy((source as unknown as Record<string, unknown>)[key]);
    return out;
  }

  private copySet(source: Set<unknown>): Set<unknown> {
    let plain = true;
    for (const item of source) {
      if (typeof item === 'object' || typeof item === 'function') {
        plain = false;
        break;
      }
    }
    this.bytes += setBytes(source.size);
    const out = plain ? new Set(source) : new Set<unknown>();
    this.copies.set(source, out);
    if (!plain) for (const item of source) out.add(this.copy(item));
    return out;
  }

  private copyObject<T extends object>(source: T): T {
    const proto = Object.getPrototypeOf(source) as object | null;
    // Spread keeps the source's shape in one allocation; a class instance keeps its prototype.
    const out = (proto === Object.prototype ? { ...source } : Object.assign(Object.create(proto) as object, source)) as Record<string, unknown>;
    this.copies.set(source, out);
    this.bytes += 24;
    for (const key in out) {
      this.bytes += 8;
      const item = out[key];
      if (typeof item !== 'object' && typeof item !== 'function') continue;
      if (item === null) continue;
      try {
        out[key] = this.copy(item);
      } catch (error) {
        // Name the path to what could not be copied, outermost first.
        if (error instanceof Error) error.message = error.message.replace('deep copy (at ', `deep copy (at .${key}`);
        throw error;
      }
    }
    return out as T;
  }
}

/**
 * A Map's heap on 64-bit V8: an ordered hash table of a power-of-two capacity (about 1.5 entries' room per entry),
 * three words an entry slot and half a word of buckets. Measured against the heap at 1,000 x 100,000, where a node's
 * disk maps hold hundreds of entries: three words an entry counted too little by a quarter of a snapshot.
 */
export function mapBytes(size: number): number {
  return 64 + 40 * size;
}

/** A Set's heap: as a Map's, with two words an entry slot. */
export function setBytes(size: number): number {
  return 64 + 28 * size;
}
