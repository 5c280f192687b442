/**
 * The fuzzer's own seeded generator (mulberry32, like src/oracle/random.ts),
 * with one stream per case: case N of a surface under seed S draws from
 * `caseRng(S, surface, N)` alone, so `--seed S --surface X --case N`
 * rebuilds that one case exactly without generating the N before it.
 */
export interface FuzzRng {
  next(): number;
  /** A whole number in [lo, hi]. */
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function seededRng(seed: number): FuzzRng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

/** FNV-1a over the seed, the surface name and the case number: independent streams per case. */
export function caseRng(seed: number, surface: string, caseIndex: number): FuzzRng {
  let h = 0x811c9dc5;
  for (const ch of `${seed >>> 0}/${surface}/${caseIndex}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return seededRng(h);
}
