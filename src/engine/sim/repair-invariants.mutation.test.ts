// Goal (design recovery-repair.md §11.6, invariants 9 and 11): break repair on purpose, one mutation at a time through
// module mocks (no engine file changes), and the invariant that guards the rule fires, naming the shard; with no
// mutation the same run is clean after every step. Also: `runUntil('converged')` waits for the replicas to agree.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimulation, parseCliCommand, type Command, type Simulation } from '../index';
import { scenario } from '../../testing/load-scenario';
import { applyWrite, newShardDivergence } from '../model/divergence';
import type { World } from './world';

type Mutation = 'none' | 'streamNothing' | 'watermarkBack';
const mutation = vi.hoisted(() => ({ current: 'none' as Mutation }));

vi.mock('../model/divergence', async (importOriginal) => {
  const real = await importOriginal<typeof import('../model/divergence')>();
  return {
    ...real,
    // The stream "arrives" but applies nothing: the replicas still differ when the session says they match.
    deliver: (...args: Parameters<typeof real.deliver>) =>
      mutation.current === 'streamNothing' ? ({ outcome: 'superseded', delta: 0 } as const) : real.deliver(...args),
  };
});

vi.mock('./repair-state', async (importOriginal) => {
  const real = await importOriginal<typeof import('./repair-state')>();
  return {
    ...real,
    newRepairRecord: () => {
      const rec = real.newRepairRecord();
      const set = rec.repairedAt.set.bind(rec.repairedAt);
      // The watermark stored below where it was: incremental repair would compare old writes again, or skip new ones.
      rec.repairedAt.set = (k: number, v: number) => set(k, mutation.current === 'watermarkBack' ? v - 1_000 : v);
      return rec;
    },
  };
});

afterEach(() => {
  mutation.current = 'none';
});

function worldOf(sim: Simulation): World {
  return (sim as unknown as { w: World }).w;
}

function cli(text: string): Command {
  const parsed = parseCliCommand(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.command;
}

function divergedSim(): Simulation {
  const sim = createSimulation({
    scenario: scenario({
      id: 'inv',
      nodes: 3,
      shards: 1,
      replicationFactor: 3,
      shardSizeBytes: 64 * 1024 * 1024,
      params: { replication: 'leaderless', merkleMaxDepth: 4, keysPerShard: 1024, linkLatencyMs: 1 },
    }),
  });
  const w = worldOf(sim);
  const div = newShardDivergence();
  w.divergence.byShard.set(0, div);
  for (let key = 0; key < 20; key++) {
    w.shards[0].lsn++;
    w.divergence.staleKeysTruth += applyWrite(div, key, w.shards[0].lsn, [0, 1], [2]);
  }
  for (const node of w.nodes) {
    for (const m of [node.disk, node.ckpt]) m.set(0, w.shards[0].lsn);
    node.disk.setHeld(0, w.shards[0].lsn);
  }
  return sim;
}

/** Runs the repair step by step, collecting every invariant violation seen after any step. */
function violationsDuring(command: string): string[] {
  const sim = divergedSim();
  sim.dispatch(cli(command));
  const seen = new Set<string>();
  while (sim.nextEventAtMs() !== null && sim.timeMs < 5_000) {
    sim.step();
    for (const v of sim.checkInvariants()) seen.add(`${v.invariant}: ${v.detail.split(':')[0]}`);
  }
  return [...seen];
}

describe('invariants 9 and 11 (anti-entropy)', () => {
  it('hold after every step of a clean full and incremental repair', () => {
    expect(violationsDuring('repair.run:s001,full')).toEqual([]);
    expect(violationsDuring('repair.run:s001,incremental')).toEqual([]);
  });

  it('9 fires when the stream applies nothing (and 11, since the marked range then differs)', () => {
    mutation.current = 'streamNothing';
    const seen = violationsDuring('repair.run:s001,full');
    expect(seen).toContain('after an anti-entropy session finishes, its participants’ Merkle roots match over the repaired range: s001 (r1)');
    expect(seen).toContain('every key at or below repairedAt was identical on all live replicas when it was marked: s001');
  });

  it('11 fires when the watermark is stored below where the session marked it', () => {
    mutation.current = 'watermarkBack';
    const seen = violationsDuring('repair.run:s001,incremental');
    expect(seen).toEqual(['repairedAt only grows: s001']);
  });
});

describe("runUntil('converged')", () => {
  it('is not reached while a replica holds stale keys, and is once a full repair streamed them', () => {
    const sim = divergedSim();
    const before = sim.runUntil('converged', { maxMs: 2_000 });
    expect(before.reached).toBe(false);
    expect(before.reason).toMatch(/not converged by 2000 ms: 20 stale key\(s\) on 1 shard\(s\)/);
    sim.dispatch(cli('repair.run:all,full'));
    const after = sim.runUntil('converged', { maxMs: 10_000 });
    expect(after.reached).toBe(true);
    expect(sim.getMetrics().staleKeysTruth).toBe(0);
    expect(sim.holds('converged')).toBe(true);
  });
});
