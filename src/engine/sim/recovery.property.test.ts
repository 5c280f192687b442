// Goal (issue 11, design recovery-repair.md §11.6, §16.2): under random schedules of process and power crashes, rack
// and cluster power losses, bit flips in logs, rotten replicas and failing disks — with crashes aimed at the moments a
// node replays its log, catches up from peers or scrubs — invariants 1–8 hold after every step; once everything is
// healed (crashed nodes restarted, refused ones rebuilt, inconsistent shards repaired) the cluster is healthy again, and
// no acknowledged write is gone unless a LostWrites entry explains it. Equal inputs give equal digests.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectLossesExplained, healEverything, makeSim, play, settings, stepArb, violationsOf } from '../../testing/recovery-schedule';

/** What the sweep went through, over all its runs: each must have happened, or the sweep proves less than it says. */
const COVERED = ['wal.tornRecord', 'wal.crcMismatch', 'wal.replayStopped', 'wal.replayRefused', 'node.rebuilt', 'replica.amnesiac', 'catchup.planned', 'replica.corruptDetected', 'writes.lost'] as const;

describe('local recovery under random crashes, power losses and corruption', () => {
  it('invariants 1–8 hold after every step, and the cluster heals once the faults do', () => {
    const seen = new Map<string, number>();
    let secondReplays = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), settings, fc.array(stepArb, { minLength: 1, maxLength: 7 }), (seed, s, steps) => {
        const sim = makeSim(seed, s);
        play(sim, steps);
        const healed = healEverything(sim);
        violationsOf(sim, 'after healing');
        const state = sim.getState();
        expect(healed, `not healthy after healing: ${JSON.stringify(state.nodes.map((n) => [n.id, n.lifecycle, n.recovery.phase]))}`).toBe(true);
        expect(state.metrics.recordsAppliedTwice).toBe(0);
        expectLossesExplained(sim, s);
        for (const e of sim.getTrace()) if ((COVERED as readonly string[]).includes(e.kind)) seen.set(e.kind, (seen.get(e.kind) ?? 0) + 1);
        if (state.metrics.walRecordsSkipped > 0) secondReplays++;
      }),
      // A fixed seed and no retries: a failure prints its counterexample, which replays exactly.
      { numRuns: 100, seed: 1111 },
    );
    expect(COVERED.filter((kind) => !seen.has(kind))).toEqual([]);
    expect(secondReplays).toBeGreaterThan(0);
  }, 120_000);

  it('the same seed and commands give the same digest, power losses and bit flips included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), settings, fc.array(stepArb, { minLength: 1, maxLength: 5 }), (seed, s, steps) => {
        const a = makeSim(seed, s);
        const b = makeSim(seed, s);
        play(a, steps);
        play(b, steps);
        a.advanceBy(20_000);
        b.advanceBy(20_000);
        expect(a.digest()).toBe(b.digest());
        expect(a.getState()).toEqual(b.getState());
      }),
      { numRuns: 10, seed: 2222 },
    );
  }, 60_000);
});
