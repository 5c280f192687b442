/**
 * Seeded random streams. One seed defines a run; each consumer (a node, a
 * link, the placement planner) draws from its own named sub-stream, so adding
 * a node or a draw in one place does not reshuffle every other draw.
 */

/** 32-bit FNV-1a hash of a string: stable across platforms and runs. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small, fast generator (sfc32) seeded from a run seed and a stream name. */
export class RandomStream {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, name: string) {
    this.a = hashString(name, seed >>> 0);
    this.b = hashString(name, (seed ^ 0x9e3779b9) >>> 0);
    this.c = hashString(name, (seed + 0x6d2b79f5) >>> 0);
    this.d = 1;
    // Warm up so streams with similar names diverge.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/** Hands out named sub-streams of one run seed, creating each on first use. */
export class RandomStreams {
  private streams = new Map<string, RandomStream>();
  /**
   * The two streams most recently looked up, by name: a client write draws from two ('workload:writes', then
   * 'workload:keys' when leaderless), each a Map lookup by string before (bench case b: ~680,000 a run). A name the
   * engine writes as a literal is one interned string, so the compare is by pointer. Only a lookup changes them.
   */
  private nameA = '';
  private streamA: RandomStream | null = null;
  private nameB = '';
  private streamB: RandomStream | null = null;

  constructor(readonly seed: number) {}

  get(name: string): RandomStream {
    if (name === this.nameA && this.streamA !== null) return this.streamA;
    if (name === this.nameB && this.streamB !== null) return this.streamB;
    let stream = this.streams.get(name);
    if (!stream) {
      stream = new RandomStream(this.seed, name);
      this.streams.set(name, stream);
    }
    this.nameB = this.nameA;
    this.streamB = this.streamA;
    this.nameA = name;
    this.streamA = stream;
    return stream;
  }
}
