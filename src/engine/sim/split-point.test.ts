// Goal (issue 9): a copy whose later writes an emergency repair rolled back still holds the shard's history
// below its split point (the LSN where its history and the acknowledged one part). Those writes are never
// reported lost while it survives, and a later repair can restore the shard from it.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Command, type Simulation } from '../index';
import { scenario } from '../../testing/load-scenario';

function run(commands: [number, Command][]): Simulation {
  const sim = createSimulation({
    scenario: scenario({
      id: 'split', nodes: 3, shards: 1, replicationFactor: 3, shardSizeBytes: 4194304,
      placement: { s001: ['n1', 'n2', 'n3'] },
      workload: { writesPerSec: 10 },
    }),
  });
  for (const [ms, command] of commands) {
    sim.runUntil((s) => s.timeMs >= ms, { maxMs: ms });
    sim.dispatch(command);
  }
  return sim;
}

/**
 * n3 falls behind and the other two crash; a repair keeps n3 and rolls back what only n1 and n2 held, so n1
 * and n2 part from the acknowledged history at n3's LSN (their split point). n3 then takes new writes and is
 * destroyed: what n1 and n2 still hold below their split survives.
 */
const rollBackThenDestroy: [number, Command][] = [
  [5000, { type: 'node.crash', node: 'n3' }],
  [8000, { type: 'node.crash', node: 'n1' }],
  [8000, { type: 'node.crash', node: 'n2' }],
  [9000, { type: 'node.restart', node: 'n3' }],
  [13000, { type: 'shard.emergencyRepair', shard: 's001', mode: 'unsafe_rollback' }],
  [16000, { type: 'node.destroy', node: 'n3' }],
];

describe('a rolled-back copy still holds the history below its split point', () => {
  it('destroying the only up-to-date copy loses only the writes above the split, not the ones the rolled-back copies hold', () => {
    const sim = run(rollBackThenDestroy);
    const repaired = sim.getTrace().find((e) => e.kind === 'shard.emergencyRepaired')!;
    const split = Number(repaired.data.firstLostLsn) - 1;
    expect(split).toBeGreaterThan(10);
    const state = sim.getState();
    expect(state.lostWrites).toHaveLength(2);
    const [byRepair, byDestroy] = state.lostWrites;
    expect(byRepair.firstLsn).toBe(split + 1);
    // Writes 1..split are on n1's and n2's disks (crashed, not destroyed): only n3's newer writes are gone.
    expect(byDestroy.firstLsn).toBe(split + 1);
    expect(byDestroy.cause).toContain(`the freshest surviving copy ends at LSN ${split}`);
    expect(state.metrics.writesLost).toBe(byRepair.count + byDestroy.count);
    const gone = sim.getTrace().find((e) => e.kind === 'node.destroyed' || (e.actor === 'n3' && e.text.includes('destroyed')))!;
    expect(gone.text).toContain(`acknowledged write(s) ${split + 1}–`);
    expect(sim.checkInvariants()).toEqual([]);
  });

  it('a second repair restores the shard from a rolled-back copy, losing nothing it holds below its split', () => {
    const sim = run([
      ...rollBackThenDestroy,
      [17000, { type: 'node.restart', node: 'n1' }],
      [22000, { type: 'shard.emergencyRepair', shard: 's001', mode: 'unsafe_rollback' }],
    ]);
    const repairs = sim.getTrace().filter((e) => e.kind === 'shard.emergencyRepaired');
    const split = Number(repairs[0].data.firstLostLsn) - 1;
    expect(repairs).toHaveLength(2);
    expect(repairs[1].data.writesLost).toBe(0);
    expect(repairs[1].data.primary).toBe('n1');
    expect(repairs[1].text).toContain('No acknowledged write is lost');
    sim.runUntil((s) => s.timeMs >= 30_000, { maxMs: 30_000 });
    const shard = sim.getState().shards[0];
    expect(shard.writable).toBe(true);
    expect(shard.lsn).toBeGreaterThan(split);
    expect(sim.getState().lostWrites).toHaveLength(2);
    expect(sim.checkInvariants()).toEqual([]);
  });
});
