import { describe, expect, it } from 'vitest';
import { commitSliceSeed } from './commit-slice';
import { runSchedule } from './run-schedule';
import { scheduleFromSeed } from './schedule';

/**
 * The outside oracle's slice for every test run: a fixed set of seeded fault schedules (crashes,
 * destroys, cuts, partitions, rack failures, config changes, emergency repairs, clients), each
 * checked after every step and then required to heal within its stated bound. `npm run sweep`
 * explores thousands more; any failure there reproduces from its printed seed.
 */
const FIXED_SEEDS = Array.from({ length: 80 }, (_, i) => i + 1);
const COMMIT_SLICE = 20;

function sweep(seeds: readonly number[]): { failures: string[]; acks: number } {
  const failures: string[] = [];
  let acks = 0;
  for (const seed of seeds) {
    const result = runSchedule(scheduleFromSeed(seed));
    acks += result.acks;
    for (const v of result.violations) {
      failures.push(`seed ${seed}: ${v.cls} at ${v.atMs} ms: ${v.detail} — reproduce: npm run sweep -- --schedules 1 --seed ${seed}`);
    }
  }
  return { failures, acks };
}

describe('outside oracle: fixed schedules', () => {
  it(
    `${FIXED_SEEDS.length} schedules keep every acknowledged write accounted for, one primary per term, and heal`,
    () => {
      const { failures, acks } = sweep(FIXED_SEEDS);
      expect(failures).toEqual([]);
      expect(acks).toBeGreaterThan(1000); // the slice really writes
    },
    180_000,
  );
});

describe('outside oracle: a slice chosen by the commit', () => {
  const { seed, from } = commitSliceSeed();
  it(
    `${COMMIT_SLICE} new schedules from seed ${seed} (${from}) hold too`,
    () => {
      console.log(`oracle commit slice: seeds ${seed}–${seed + COMMIT_SLICE - 1} (${from}); rerun one with SWEEP_SLICE_SEED=${seed}`);
      const { failures } = sweep(Array.from({ length: COMMIT_SLICE }, (_, i) => seed + i));
      expect(failures).toEqual([]);
    },
    120_000,
  );
});
