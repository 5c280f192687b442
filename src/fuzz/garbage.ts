import type { FuzzRng } from './rng';

/**
 * Bad values of every kind a hand-edited file, a URL or an untyped caller
 * can produce. Long strings are a short unit repeated, so a report can print
 * them exactly (`"ab".repeat(5242880)`) without printing 10 MB.
 */

export const TEN_MB = 10 * 1024 * 1024;

/** Numbers at and past every kind of edge. */
export const BAD_NUMBERS: readonly number[] = [
  -1, -0, 0, 0.5, 1e-9, 1e-6, 1e15, 1e308, -1e15, NaN, Infinity, -Infinity,
  Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 2 ** 32, 2 ** 31, -(2 ** 31), 4294967296, 1.5, 86_400_001,
];

/** Strings that look like something else, or contain what parsers trip on. */
export const ODD_STRINGS: readonly string[] = [
  '', ' ', '\t\n', '5', '-1', '1e15', 'NaN', 'Infinity', '0x10', 'true', 'null', 'undefined', '[]', '{}',
  'n1 ', ' n1', 'N1', 'n01', 'n0', 'n1001', 'cp', 'CP', 's000', 's1', 's100001', 'r0',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf',
  '<script>alert(1)</script>', '"quoted"', "it's", 'a\u0000b', '\u202enull', '🙂', 'ñ', 'n\u0301', '\ud800',
  'n1,n2', 'n1+n2|n3', 'a:b:c', '=', '@', '%', '%zz', '&c=1', '#', '?', '../../etc/passwd', 'x'.repeat(201),
];

export const PROTO_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/** A string of `length` characters: one short unit repeated (a prefix makes it look like a name). */
export function longString(rng: FuzzRng, length: number): string {
  const unit = rng.pick(['a', 'n1', 'ab', '🙂', ',', '+', '|', '\u0000', ' ']);
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

export function longLength(rng: FuzzRng): number {
  // Just past each text limit, and rarely the 10 MB the issue names.
  return rng.pick([201, 4097, 20_001, 100_000, rng.chance(0.15) ? TEN_MB : 1_000_000]);
}

/** An own property, even for `__proto__` (plain assignment would set the prototype instead). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Nested `depth` deep: arrays or objects. */
export function deepNest(rng: FuzzRng, depth: number): unknown {
  let v: unknown = rng.pick([1, 'n1', null]);
  const asArray = rng.chance(0.5);
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
}

/** Any bad value; `depth` bounds the recursion of containers. */
export function garbage(rng: FuzzRng, depth = 0): unknown {
  const roll = rng.int(0, 13);
  switch (roll) {
    case 0:
      return rng.pick([null, undefined, true, false]);
    case 1:
    case 2:
      return rng.pick(BAD_NUMBERS);
    case 3:
      return rng.int(-1000, 1_000_000);
    case 4:
    case 5:
      return rng.pick(ODD_STRINGS);
    case 6:
      return longString(rng, longLength(rng));
    case 7:
      return depth > 2 ? [] : Array.from({ length: rng.int(0, 3) }, () => garbage(rng, depth + 1));
    case 8: {
      if (depth > 2) return {};
      const o: Record<string, unknown> = {};
      for (let i = rng.int(0, 3); i > 0; i--) setOwn(o, rng.chance(0.4) ? rng.pick(PROTO_KEYS) : rng.pick(ODD_STRINGS), garbage(rng, depth + 1));
      return o;
    }
    case 9:
      return deepNest(rng, rng.pick([50, 1000, 20_000]));
    case 10:
      return JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}') as unknown;
    case 11:
      return Array.from({ length: rng.pick([1001, 100_000]) }, (_, i) => `n${(i % 7) + 1}`);
    case 12:
      return rng.pick([() => 1, Symbol('s'), 10n]);
    default:
      return rng.pick(['n1', 'cp', 'r1', 's001', 1, 0, 'all', 'unsafe_rollback', ['n1']]);
  }
}

/** A short description of a value for error-message checks: strings cut like the product's own echo. */
export function mentionOf(value: unknown): string | null {
  if (typeof value === 'string') return value.length === 0 ? null : value.slice(0, 20);
  if (typeof value === 'number') return String(value);
  return null;
}

/** `String(value)` that never throws (an object whose own `toString` is not a function would). */
export function textOf(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
