// Goal: the outside oracle's seed 321117406, unshrunk (4 shards, CockroachDB profile; issue 14's remaining gap). s001
// ended listed on n3 at LSN 25 while its history (after an emergency repair rolled it back) ended at LSN 4; n3 was
// "catching up" with no primary to catch up from, so it never voted and no primary was ever elected. A divergent copy
// that holds the whole history truncates its tail alone (quorum/catch-up.ts), and the schedule heals.
import { describe, expect, it } from 'vitest';
import { runSchedule } from './run-schedule';
import { scheduleFromSeed } from './schedule';

describe('outside oracle: seed 321117406', () => {
  it('keeps every invariant and heals within its bound', () => {
    const result = runSchedule(scheduleFromSeed(321117406));
    expect(result.violations.map((v) => `${v.cls} at ${v.atMs} ms: ${v.detail}`)).toEqual([]);
    expect(result.healExpected).toBe(true);
    expect(result.healedAtMs).not.toBeNull();
  }, 60_000);
});
