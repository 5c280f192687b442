/** String.prototype.charCodeAt itself, called on each part (TraceHasher.text says why). */
const charCodeAt = String.prototype.charCodeAt;

/**
 * The trace digest's running state. Each entry's line, `${seq}|${timeMs}|${actor}|${kind}|${text}\n` in UTF-16 code
 * units, is hashed as a polynomial in two 32-bit lanes (h ← h·P + c, from 1); at the line's end both lanes are folded
 * into the running digest through a murmur3 finalizer, so entry order and every character count (trace.ts).
 *
 * A polynomial, not FNV-1a, because it composes: a part's hash and P^length, worked out once (`hashedText`), stand
 * for its characters, so the words a write's entry shares with thousands of others are never hashed again (bench
 * case b: ~340k `write.acked` lines of ~145 characters, of which ~80 are such words). The finalizer per line mixes
 * every bit of a line's hash into the digest. What it cannot undo is the known weakness of a polynomial mod 2^32 within
 * a line: two lines built for it (Thue–Morse strings over two letters, 256 characters or more) hash alike in both
 * lanes. The digest tells runs apart; it was never meant to resist crafted text, and the engine's words never take
 * that shape. FNV-1a had no such pair, and cost bench case (b) ~70 ms more a run (BENCHMARKS.md, sixteenth session).
 *
 * A class of its own, with its methods on the prototype: a spelled entry's parts come here through `Spelling`
 * (trace.ts recordSpelled), and every trace's hasher has the same methods, so a speller's `out.text(…)` is one known
 * call however many runs a process makes. The state is int32 in a typed array: a uint32 kept in a field is a boxed
 * number in V8 above 2^30.
 */
export class TraceHasher implements Spelling {
  /** [digest lane A, digest lane B, line lane A, line lane B] */
  private readonly state: Int32Array;

  constructor(state: Int32Array = Int32Array.of(0x811c9dc5 | 0, 0x01000193, LINE_SEED, LINE_SEED)) {
    this.state = state;
  }

  /** An independent hasher at the same point (a fork of the run). */
  copy(): TraceHasher {
    return new TraceHasher(this.state.slice());
  }

  /** The digest of every line ended so far: sixteen hex digits. */
  digest(): string {
    return hex(this.state[0]) + hex(this.state[1]);
  }

  /** Ends an entry's line (after its "\n"): folds the line's hash into the digest and starts the next line. */
  endLine(): void {
    const state = this.state;
    state[0] = finalize(state[0] ^ state[2]);
    state[1] = finalize((state[1] ^ state[3]) + 0x6b43a9b5);
    state[2] = LINE_SEED;
    state[3] = LINE_SEED;
  }

  /**
   * Mixes a string's code units, two at a time (h·P² + c₁·P + c₂: the chain waits on one multiply per pair). Read
   * through `charCodeAt.call`, not `part.charCodeAt`: a run hashes strings of many kinds (flat, joined, sliced, one or
   * two bytes a character), each its own hidden class, so `part.charCodeAt` became a megamorphic lookup per character
   * once a process had seen them all. A call to the known builtin needs no lookup.
   */
  text(part: string): void {
    const state = this.state;
    let a = state[2];
    let b = state[3];
    const length = part.length;
    let i = 0;
    for (; i + 1 < length; i += 2) {
      const c1 = charCodeAt.call(part, i);
      const c2 = charCodeAt.call(part, i + 1);
      a = (Math.imul(a, PA2) + Math.imul(c1, PA) + c2) | 0;
      b = (Math.imul(b, PB2) + Math.imul(c1, PB) + c2) | 0;
    }
    if (i < length) {
      const c = charCodeAt.call(part, i);
      a = (Math.imul(a, PA) + c) | 0;
      b = (Math.imul(b, PB) + c) | 0;
    }
    state[2] = a;
    state[3] = b;
  }

  /** Mixes a part hashed beforehand: the same as `text(part.text)`, in two multiplies. */
  hashed(part: HashedText): void {
    const state = this.state;
    state[2] = (Math.imul(state[2], part.powA) + part.a) | 0;
    state[3] = (Math.imul(state[3], part.powB) + part.b) | 0;
  }

  /**
   * Mixes `${prefix.text}${String(n).padStart(width, '0')}` for a whole n ≥ 0, from the number alone: a shard's id,
   * say ("s0042"), whose string is a cache miss a write, as a table of its hashes was (bench case b). Three digits a
   * step, as whole() does.
   */
  padded(prefix: HashedText, n: number, width: number): void {
    this.hashed(prefix);
    // Anything but a whole number with at most `width` ≤ 9 digits: spelled, then hashed (never a shard id).
    if (!(Number.isInteger(n) && n >= 0 && width >= 1 && width <= 9 && n < POW10[width])) {
      this.text(String(n).padStart(width, '0'));
      return;
    }
    const groups = (width / 3) | 0;
    const lead = width - 3 * groups;
    const state = this.state;
    let a = state[2];
    let b = state[3];
    let rest = n;
    if (lead > 0) {
      const top = (n / POW1000[groups]) | 0;
      rest = n - top * POW1000[groups];
      if (lead === 2) {
        const tens = (top / 10) | 0;
        a = (Math.imul(a, PA) + ZERO + tens) | 0;
        b = (Math.imul(b, PB) + ZERO + tens) | 0;
        a = (Math.imul(a, PA) + ZERO + top - 10 * tens) | 0;
        b = (Math.imul(b, PB) + ZERO + top - 10 * tens) | 0;
      } else {
        a = (Math.imul(a, PA) + ZERO + top) | 0;
        b = (Math.imul(b, PB) + ZERO + top) | 0;
      }
    }
    for (let g = groups - 1; g >= 0; g--) {
      const group = (rest / POW1000[g]) | 0;
      rest -= group * POW1000[g];
      a = (Math.imul(a, PA3) + GROUP[group << 1]) | 0;
      b = (Math.imul(b, PB3) + GROUP[(group << 1) + 1]) | 0;
    }
    state[2] = a;
    state[3] = b;
  }

  /** Mixes a number as `${n}` spells it. */
  num(n: number): void {
    if (Number.isInteger(n) && n >= 0) this.whole(n);
    else if (n > 0 && n < HALVES_SPELLED_PLAINLY && Number.isInteger(n * 2)) {
      // k + ½ (a write every 0.5 ms at 2,000/s): `${n}` is "k.5" below 2^52, with nothing to round.
      this.whole(n - 0.5);
      this.char(DOT);
      this.char(FIVE);
    } else this.text(String(n));
  }

  /** Mixes one code unit. */
  char(c: number): void {
    const state = this.state;
    state[2] = (Math.imul(state[2], PA) + c) | 0;
    state[3] = (Math.imul(state[3], PB) + c) | 0;
  }

  /**
   * Mixes the decimal digits of a whole number ≥ 0, as `String(n)` would spell them, without building the string.
   * Above 2^53 (never a seq or a time here) String's spelling is not plain digits: that goes through `text`.
   */
  whole(n: number): void {
    if (n > Number.MAX_SAFE_INTEGER) {
      this.text(String(n));
      return;
    }
    const state = this.state;
    if (n <= 0x7fffffff) {
      // Below 2^31 (every seq, every time in ms of a run under 24 days), three digits a step: the leading group as it
      // is spelled alone (LEAD), each later one as three digits with its zeros (GROUP), both hashed once at load
      // (bench case b: ~2M numbers a run, one division by 1,000 where there were three by 10).
      const m = n | 0;
      let a = state[2];
      let b = state[3];
      if (m < 1000) {
        const at = m << 2;
        a = (Math.imul(a, LEAD[at + 2]) + LEAD[at]) | 0;
        b = (Math.imul(b, LEAD[at + 3]) + LEAD[at + 1]) | 0;
      } else {
        const q1 = (m / 1000) | 0;
        const r1 = m - q1 * 1000;
        let r2 = -1;
        let r3 = -1;
        let top = q1;
        if (top >= 1000) {
          const q2 = (top / 1000) | 0;
          r2 = top - q2 * 1000;
          top = q2;
          if (top >= 1000) {
            const q3 = (top / 1000) | 0;
            r3 = top - q3 * 1000;
            top = q3;
          }
        }
        const at = top << 2;
        a = (Math.imul(a, LEAD[at + 2]) + LEAD[at]) | 0;
        b = (Math.imul(b, LEAD[at + 3]) + LEAD[at + 1]) | 0;
        if (r3 >= 0) {
          a = (Math.imul(a, PA3) + GROUP[r3 << 1]) | 0;
          b = (Math.imul(b, PB3) + GROUP[(r3 << 1) + 1]) | 0;
        }
        if (r2 >= 0) {
          a = (Math.imul(a, PA3) + GROUP[r2 << 1]) | 0;
          b = (Math.imul(b, PB3) + GROUP[(r2 << 1) + 1]) | 0;
        }
        a = (Math.imul(a, PA3) + GROUP[r1 << 1]) | 0;
        b = (Math.imul(b, PB3) + GROUP[(r1 << 1) + 1]) | 0;
      }
      state[2] = a;
      state[3] = b;
      return;
    }
    // Exact: % and the division of a multiple of 10 are exact below 2^53. A float `%` is a call into the runtime per
    // digit, which is why the int32 path above exists.
    let len = 0;
    do {
      const digit = n % 10;
      DIGITS[len++] = 48 + digit;
      n = (n - digit) / 10;
    } while (n > 0);
    let a = state[2];
    let b = state[3];
    for (let i = len - 1; i >= 0; i--) {
      const c = DIGITS[i];
      a = (Math.imul(a, PA) + c) | 0;
      b = (Math.imul(b, PB) + c) | 0;
    }
    state[2] = a;
    state[3] = b;
  }
}

/** Where a spelled entry's text goes, part by part: into the digest as it is recorded, into a string when it is read. */
export interface Spelling {
  text(part: string): void;
  /** A part hashed beforehand (`hashedText`): words many entries share. */
  hashed(part: HashedText): void;
  /** `${prefix.text}${String(n).padStart(width, '0')}` (TraceHasher.padded). */
  padded(prefix: HashedText, n: number, width: number): void;
  /** A number, as `${n}` spells it. */
  num(n: number): void;
}

/** A string with its two lane hashes from 0 and P^length: what it adds to a line, without reading it again. */
export interface HashedText {
  readonly text: string;
  readonly a: number;
  readonly b: number;
  readonly powA: number;
  readonly powB: number;
}

/** `text` hashed once, to be mixed many times (`Spelling.hashed`). */
export function hashedText(text: string): HashedText {
  let a = 0;
  let b = 0;
  let powA = 1;
  let powB = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = (Math.imul(a, PA) + c) | 0;
    b = (Math.imul(b, PB) + c) | 0;
    powA = Math.imul(powA, PA);
    powB = Math.imul(powB, PB);
  }
  return Object.freeze({ text, a, b, powA, powB });
}


/** The lanes' multipliers: odd, ≡ 3 and 5 mod 8, so each has the largest order there is mod 2^32 (2^30). */
const PA = 0x01000193;
const PB = 0x5bd1e995;
const PA2 = Math.imul(PA, PA);
const PB2 = Math.imul(PB, PB);
const PA3 = Math.imul(PA2, PA);
const PB3 = Math.imul(PB2, PB);
/** A line's lanes start at 1, not 0, so leading NULs would still count. */
const LINE_SEED = 1;

/** murmur3's 32-bit finalizer: every input bit reaches every output bit. */
function finalize(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const DOT = '.'.charCodeAt(0);
const ZERO = '0'.charCodeAt(0);
/** 10^k for k ≤ 9, and 1000^g for g ≤ 3 (padded()). */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
const POW1000 = [1, 1e3, 1e6, 1e9];
const FIVE = '5'.charCodeAt(0);
/** Below this, every k + ½ is exact and spelled "k.5". */
const HALVES_SPELLED_PLAINLY = 2 ** 52;
/** whole()'s scratch: the digits of one number, last first (2^53 has 16). */
const DIGITS = new Uint8Array(20);

/** Per whole number below 1,000, as spelled alone: [lane A, lane B, P_A^length, P_B^length] (whole()). */
const LEAD = new Int32Array(4000);
/** Per whole number below 1,000, as three digits with leading zeros: [lane A, lane B]; P^3 for all (whole()). */
const GROUP = new Int32Array(2000);
for (let v = 0; v < 1000; v++) {
  const alone = hashedText(String(v));
  LEAD.set([alone.a, alone.b, alone.powA, alone.powB], v << 2);
  const three = hashedText(String(v).padStart(3, '0'));
  GROUP.set([three.a, three.b], v << 1);
}

function hex(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
