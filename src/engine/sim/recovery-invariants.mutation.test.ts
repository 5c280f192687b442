// Goal (issue 11, design recovery-repair.md §11.6): invariants 1, 2, 3, 4 and 7 are not decoration — break the replay
// on purpose (one mutation at a time, through module mocks, so no engine file changes) and the invariant that guards
// that rule fires, naming the node and the record. With no mutation the same runs are clean.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimulation, type Command, type Simulation } from '../index';
import { scenario } from '../../testing/load-scenario';

type Mutation = 'none' | 'applyHeld' | 'dropSome' | 'applyTorn' | 'skipPastCrc' | 'lsnAhead' | 'pageAhead';
const mutation = vi.hoisted(() => ({ current: 'none' as Mutation }));

vi.mock('../model/wal-replay', async (importOriginal) => {
  const real = await importOriginal<typeof import('../model/wal-replay')>();
  return {
    ...real,
    decideRecord: (f: Parameters<typeof real.decideRecord>[0], mode: Parameters<typeof real.decideRecord>[1], idem: boolean) => {
      const d = real.decideRecord(f, mode, idem);
      // The page-LSN rule forgotten, and the counter not told: only the invariant's own memory can see it.
      if (mutation.current === 'applyHeld' && d.outcome === 'skip') return { outcome: 'apply', twice: false } as const;
      if (mutation.current === 'dropSome' && d.outcome === 'apply' && f.shardLsn % 4 === 0) return { outcome: 'discard' } as const;
      if (mutation.current === 'applyTorn' && d.outcome === 'invalid' && d.check === 'torn') return { outcome: 'apply', twice: false } as const;
      if (mutation.current === 'skipPastCrc' && d.outcome === 'invalid') return { ...d, rule: 'skip' } as const;
      return d;
    },
  };
});

vi.mock('./wal-log', async (importOriginal) => {
  const real = await importOriginal<typeof import('./wal-log')>();
  return {
    ...real,
    // A log that holds writes its shard never acknowledged (as if a write were logged before its quorum answered).
    appendWal: (...args: Parameters<typeof real.appendWal>) => {
      const [wal, type, shard, lsn, ...rest] = args;
      return real.appendWal(wal, type, shard, mutation.current === 'lsnAhead' && type === 'PUT' ? lsn + 1_000 : lsn, ...rest);
    },
    // What replay reads of a record: one LSN more than the log holds.
    walRecordAt: (wal: Parameters<typeof real.walRecordAt>[0], no: number) => {
      const r = real.walRecordAt(wal, no);
      if (!r || r.type !== 'PUT') return r;
      if (mutation.current === 'pageAhead') return { ...r, shardLsn: r.shardLsn + 1 };
      return r;
    },
    // Replay reads the fields through walEntryAt (no checksum hashed): the same lie there.
    walEntryAt: (wal: Parameters<typeof real.walEntryAt>[0], no: number) => {
      const r = real.walEntryAt(wal, no);
      if (!r || r.type !== 'PUT') return r;
      if (mutation.current === 'pageAhead') return { ...r, shardLsn: r.shardLsn + 1 };
      return r;
    },
  };
});

function cluster(params: Record<string, unknown>, timeline: { atMs: number; command: Command }[]): Simulation {
  return createSimulation({
    scenario: scenario({
      id: 'recovery-mutations',
      nodes: 3,
      shards: 1,
      replicationFactor: 3,
      placement: { s001: ['n2', 'n3', 'n1'] },
      workload: { writesPerSec: 10 },
      params: { checkpointIntervalMs: 0, ...params },
      timeline,
    }),
  });
}

const crash = (atMs: number, kind: 'process' | 'power' = 'process') => ({ atMs, command: { type: 'node.crash', node: 'n1', kind } as Command });
const restart = (atMs: number) => ({ atMs, command: { type: 'node.restart', node: 'n1' } as Command });

/** A crash cuts the first replay short; the second must skip what the first applied. */
const twoReplays = () => cluster({}, [crash(2_050), restart(3_000), crash(3_555), restart(4_000)]);
const oneReplay = () => cluster({}, [crash(2_050), restart(3_000)]);
const tornTail = () =>
  cluster({ walSyncMode: 'periodic', walSyncPeriodMs: 3_600_000, tornOnProcessCrash: true, tornWriteProbability: 1 }, [crash(2_050), restart(3_000)]);
const midLogFlip = () => cluster({}, [crash(2_050), { atMs: 2_100, command: { type: 'wal.corrupt', node: 'n1', at: 'middle' } }, restart(3_000)]);

/** The invariants named in the first step that breaks any, with their details. */
function firstViolations(sim: Simulation): { invariant: string; detail: string }[] {
  let found: { invariant: string; detail: string }[] = [];
  sim.runUntil(
    () => {
      found = sim.checkInvariants();
      return found.length > 0;
    },
    { maxMs: 30_000 },
  );
  return found;
}

afterEach(() => {
  mutation.current = 'none';
});

describe('each recovery invariant fires when its rule is broken', () => {
  const cases: { mutation: Mutation; run: () => Simulation; invariant: RegExp; detail: RegExp }[] = [
    { mutation: 'applyHeld', run: twoReplays, invariant: /exactly once/, detail: /^n1 applied #\d+ \(PUT s001 LSN \d+\) twice/ },
    { mutation: 'dropSome', run: oneReplay, invariant: /exactly once/, detail: /^n1's replay ended without applying #\d+ \(PUT s001 LSN \d+\)/ },
    { mutation: 'applyTorn', run: tornTail, invariant: /no torn or checksum-failing record/, detail: /^n1 applied #20 \(PUT s001 LSN 20\), which is torn/ },
    { mutation: 'skipPastCrc', run: midLogFlip, invariant: /nothing after the stop point/, detail: /past a damaged record of the same shard/ },
    { mutation: 'lsnAhead', run: oneReplay, invariant: /not applied before its commit is known/, detail: /s001 never acknowledged past LSN \d+/ },
    { mutation: 'pageAhead', run: oneReplay, invariant: /never exceeds what its log justifies/, detail: /^n1's copy of s001 is at LSN \d+, but/ },
  ];
  for (const c of cases) {
    it(`${c.mutation}: clean as built, caught when broken`, () => {
      expect(firstViolations(c.run())).toEqual([]);
      mutation.current = c.mutation;
      const found = firstViolations(c.run());
      const hit = found.find((v) => c.invariant.test(v.invariant));
      expect(hit, JSON.stringify(found)).toBeDefined();
      expect(hit!.detail).toMatch(c.detail);
    });
  }
});
