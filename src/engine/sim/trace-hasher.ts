/** String.prototype.charCodeAt itself, called on each part (TraceHasher.text says why). */
const charCodeAt = String.prototype.charCodeAt;

/**
 * The trace digest's running state: two 32-bit hashes (FNV-1a and a multiply-xorshift twin) over the UTF-16 code
 * units of `${seq}|${timeMs}|${actor}|${kind}|${text}\n` for every entry ever recorded (trace.ts).
 *
 * A class of its own, with `text` and `num` on its prototype: a spelled entry's parts come here through `Spelling`
 * (trace.ts recordSpelled), and every trace's hasher has the same methods, so a speller's `out.text(…)` is one known
 * call however many runs a process makes (bench case b: ~3.3M parts a run).
 *
 * The states are int32 in a typed array: a uint32 kept in a field is a boxed number in V8 above 2^30.
 */
export class TraceHasher implements Spelling {
  private readonly state: Int32Array;

  constructor(state: Int32Array = Int32Array.of(0x811c9dc5 | 0, 0x01000193)) {
    this.state = state;
  }

  /** An independent hasher at the same point (a fork of the run). */
  copy(): TraceHasher {
    return new TraceHasher(this.state.slice());
  }

  /** The digest so far: sixteen hex digits. */
  digest(): string {
    return hex(this.state[0]) + hex(this.state[1]);
  }

  /**
   * Mixes a string's code units. Read through `charCodeAt.call`, not `part.charCodeAt`: a run hashes strings of many
   * kinds (flat, joined, sliced, one or two bytes a character), each its own hidden class, so `part.charCodeAt` became
   * a megamorphic lookup per character once a process had seen them all — bench case b's second run hashed at a third
   * of the first's speed. A call to the known builtin needs no lookup.
   */
  text(part: string): void {
    const state = this.state;
    let a = state[0];
    let b = state[1];
    const length = part.length;
    for (let i = 0; i < length; i++) {
      const c = charCodeAt.call(part, i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    state[0] = a;
    state[1] = b;
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
    state[0] = Math.imul(state[0] ^ c, 0x01000193);
    const b = Math.imul(state[1] ^ c, 0x5bd1e995);
    state[1] = b ^ (b >>> 15);
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
    // Digits from the last, then mixed first to last. Below 2^31 (every seq, every time in ms of a run under 24 days)
    // in int32 arithmetic: a float `%` is a call into the runtime per digit (bench case b: ~700k numbers per run).
    let len = 0;
    if (n <= 0x7fffffff) {
      let m = n | 0;
      do {
        const q = (m / 10) | 0;
        DIGITS[len++] = 48 + m - q * 10;
        m = q;
      } while (m > 0);
    } else {
      // Exact: % and the division of a multiple of 10 are exact below 2^53.
      do {
        const digit = n % 10;
        DIGITS[len++] = 48 + digit;
        n = (n - digit) / 10;
      } while (n > 0);
    }
    const state = this.state;
    let a = state[0];
    let b = state[1];
    for (let i = len - 1; i >= 0; i--) {
      const c = DIGITS[i];
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    state[0] = a;
    state[1] = b;
  }
}

/** Where a spelled entry's text goes, part by part: into the digest as it is recorded, into a string when it is read. */
export interface Spelling {
  text(part: string): void;
  /** A number, as `${n}` spells it. */
  num(n: number): void;
}

const DOT = '.'.charCodeAt(0);
const FIVE = '5'.charCodeAt(0);
/** Below this, every k + ½ is exact and spelled "k.5". */
const HALVES_SPELLED_PLAINLY = 2 ** 52;
/** whole()'s scratch: the digits of one number, last first (2^53 has 16). */
const DIGITS = new Uint8Array(20);

function hex(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
