import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SURFACES, type Surface } from './fuzz-case';
import { runCases } from './runner';
import { formatFinding, findingOf, isFinding } from './tally';

/**
 * The fuzzer's slice for every test run: a fixed set of cases (seed 1) plus
 * a slice chosen from the commit, so CI keeps trying new inputs while any
 * failure reproduces from the seed and case it prints
 * (`npm run fuzz -- --surface X --seed S --case K`). `npm run fuzz` tries
 * thousands more. Each case runs in a worker thread with a wall budget.
 */

const FIXED_SEED = 1;
const FIXED_CASES = 15;
const SLICE_CASES = 10;
/** Generous: this machine is often shared; a real hang never finishes at all. */
const BUDGET_MS = 4000;

function commitSeed(): number {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return Number.parseInt(head.slice(0, 8), 16) >>> 0;
  } catch {
    return 20_251_205; // no git: a fixed seed
  }
}

const cases = (count: number, from = 0) => SURFACES.flatMap((surface: Surface) => Array.from({ length: count }, (_, i) => ({ surface, index: from + i })));

async function findings(seed: number, list: { surface: Surface; index: number }[]): Promise<string[]> {
  const results = await runCases(list, { seed, budgetMs: BUDGET_MS });
  expect(results).toHaveLength(list.length);
  return results.filter(isFinding).map((r) => formatFinding(findingOf(r, seed)));
}

describe('fuzz slice: 0 crashed, 0 hung, 0 accepted past a limit', () => {
  it(`fixed set: seed ${FIXED_SEED}, ${FIXED_CASES} cases per surface`, async () => {
    expect(await findings(FIXED_SEED, cases(FIXED_CASES))).toEqual([]);
  }, 180_000);

  const seed = commitSeed();
  it(`slice from the commit: seed ${seed}, ${SLICE_CASES} cases per surface`, async () => {
    console.log(`fuzz slice seed ${seed} (reproduce a case: npm run fuzz -- --surface <surface> --seed ${seed} --case <k>)`);
    expect(await findings(seed, cases(SLICE_CASES))).toEqual([]);
  }, 180_000);
});
