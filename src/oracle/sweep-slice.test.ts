import { describe, expect, it } from 'vitest';
import { runSchedule } from './run-schedule';
import { scheduleFromSeed } from './schedule';

/**
 * The outside oracle's slice for every test run: a fixed set of seeded fault schedules (crashes,
 * destroys, cuts, partitions, rack failures, config changes, emergency repairs, clients), each
 * checked after every step and then required to heal within its stated bound. `npm run sweep`
 * explores thousands more; any failure there reproduces from its printed seed.
 */
const FIXED_SEEDS = Array.from({ length: 80 }, (_, i) => i + 1);

describe('outside oracle: fixed schedules', () => {
  it(
    `${FIXED_SEEDS.length} schedules keep every acknowledged write accounted for, one primary per term, and heal`,
    () => {
      const failures: string[] = [];
      let acks = 0;
      for (const seed of FIXED_SEEDS) {
        const result = runSchedule(scheduleFromSeed(seed));
        acks += result.acks;
        for (const v of result.violations) failures.push(`seed ${seed}: ${v.cls} at ${v.atMs} ms: ${v.detail}`);
      }
      expect(failures).toEqual([]);
      expect(acks).toBeGreaterThan(1000); // the slice really writes
    },
    180_000,
  );
});
