import { seededRng, type Rng } from '../oracle/random';

/**
 * The fuzzer's seeded generator: the oracle's mulberry32 (src/oracle/random.ts), with one stream per
 * case: case N of a surface under seed S draws from `caseRng(S, surface, N)` alone, so `--seed S
 * --surface X --case N` rebuilds that one case exactly without generating the N before it.
 */
export type FuzzRng = Rng;

/** FNV-1a over the seed, the surface name and the case number: independent streams per case. */
export function caseRng(seed: number, surface: string, caseIndex: number): FuzzRng {
  let h = 0x811c9dc5;
  for (const ch of `${seed >>> 0}/${surface}/${caseIndex}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return seededRng(h);
}
