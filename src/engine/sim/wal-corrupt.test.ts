// Goal (issue 11, design §6.1, §11.6 invariant 6): `wal.corrupt` on the last durable copy of an acknowledged write
// loses that write, and a lost write always comes with a LostWrites entry whose cause says how.
import { describe, expect, it } from 'vitest';
import { createSimulation, parseCliCommand, type Command } from '../index';
import { scenario } from '../../testing/load-scenario';

/** Found by the recovery property sweep (seed 941339): after a cluster power loss under periodic sync, n3 is down
 * and its log is the only durable copy of s012's LSN 7; a bit flip in that record loses the write. */
function lastCopyCorrupted() {
  const sim = createSimulation({
    scenario: scenario({
      id: 'wal-corrupt-last-copy',
      seed: 941339,
      nodes: 6,
      racks: 3,
      shards: 12,
      shardSizeBytes: 4194304,
      workload: { writesPerSec: 20, readsPerSec: 5 },
      params: {
        walRecoveryMode: 'absoluteConsistency',
        walSyncMode: 'periodic',
        checkpointIntervalMs: 0,
        walReplayChunkRecords: 16,
        verifyOnRestart: 'metadata',
        corruptionResponse: 'markInconsistent',
        logRetainEntries: 20,
        walSyncPeriodMs: 1000,
        tornWriteProbability: 0.5,
        scrubIntervalMs: 3000,
        deepScrubIntervalMs: 6000,
      },
    }),
  });
  const steps = ['3302:node.crash:n6,power', '4233:node.restart:n6', '4654:cluster.powerLoss', '9974:node.restart:n1', '11945:wal.corrupt:n3,tail'];
  for (const step of steps) {
    const i = step.indexOf(':');
    const parsed = parseCliCommand(step.slice(i + 1));
    if (!parsed.ok) throw new Error(parsed.error);
    sim.runUntil(() => sim.checkInvariants().length > 0, { maxMs: Number(step.slice(0, i)) });
    expect(sim.checkInvariants()).toEqual([]);
    sim.dispatch(parsed.command as Command);
  }
  return sim;
}

describe('wal.corrupt on the last durable copy of an acknowledged write', () => {
  it('loses the write with a LostWrites entry that says the only copy failed its checksum', () => {
    const sim = lastCopyCorrupted();
    expect(sim.checkInvariants()).toEqual([]);
    const lost = sim.getState().lostWrites.filter((l) => l.shard === 's012' && /checksum/.test(l.cause));
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ firstLsn: 7, lastLsn: 7, count: 1 });
    expect(lost[0].cause).toMatch(/only durable copy was in n3's log, and its record #\d+ failed its checksum/);
    expect(sim.getTrace().some((e) => e.kind === 'writes.lost' && /s012 write 7/.test(e.text))).toBe(true);
    sim.runUntil(() => sim.checkInvariants().length > 0, { maxMs: 14_000 });
    expect(sim.checkInvariants()).toEqual([]);
  });
});
