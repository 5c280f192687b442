// Goal (issue 13, design recovery-repair.md §14 exercises 1, 5, 6, 7, 8): each repair built-in teaches one thing, and
// its "What to watch" lines state figures a learner can check. This file runs each built-in with the invariants
// checked before every event, measures those figures from the run itself, and asserts that the watch lines state
// exactly them — so no number in the prose can drift from what the engine does.
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation, type TraceEntry } from '../engine/index';
import { builtIn } from '../testing/load-scenario';
import { BUILT_IN_PROSE } from './built-in-prose';

/** A number as the prose writes it: thousands separated by commas. */
const n = (x: number): string => x.toLocaleString('en-US');
/** Milliseconds as seconds with one decimal, as the prose writes a moment of the run ("90.1 s"). */
const s1 = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** A trace window large enough to keep every detail entry of these short classroom runs (write.partial, read.repaired). */
function start(id: string): Simulation {
  return createSimulation({ scenario: builtIn(id), traceWindowEntries: 1_000_000 });
}

/** Runs until `done`, checking the invariants before every event; fails naming the first that breaks. */
function runChecked(sim: Simulation, done: () => boolean, maxMs: number): void {
  const result = sim.runUntil(
    () => {
      const violations = sim.checkInvariants();
      if (violations.length > 0) throw new Error(`at ${sim.timeMs} ms: ${JSON.stringify(violations)}`);
      return done();
    },
    { maxMs },
  );
  expect(result.reached, `reached by ${maxMs} ms`).toBe(true);
}
const runTo = (sim: Simulation, ms: number) => runChecked(sim, () => sim.timeMs >= ms, ms + 10_000);
/** The run target `converged` (design §11.5): healthy, no key stale, no hint pending, every shard's replica roots equal. */
const toConverged = (sim: Simulation, maxMs: number) => runChecked(sim, () => sim.holds('converged'), maxMs);

const entries = (sim: Simulation, kind: string): TraceEntry[] => sim.getTrace().filter((e) => e.kind === kind);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * The watch line `index` of built-in `id` states every one of `figures`, written as the prose writes them: a number
 * as a whole number (not part of a longer one), a string as it stands.
 */
function says(id: string, index: number, ...figures: (number | string)[]): void {
  const line = BUILT_IN_PROSE[id].watch[index];
  const texts = figures.map((f) => (typeof f === 'number' ? n(f) : f));
  const missing = texts.filter((text) => !new RegExp(`(^|[^\\d.,])${escape(text)}(?![\\d]|[.,]\\d)`).test(line));
  // Every figure the run gave, so one failure shows all that changed.
  expect(missing, `watch line ${index + 1} of ${id} should state ${texts.join(' | ')}:\n${line}`).toEqual([]);
}

type Split = { hot: number; cold: number };
/** Stale (shard, key) pairs on one replica, split into hot keys (below `hot`) and cold ones, by shard. */
function split(pairs: Iterable<string>, hot: number): Map<string, Split> {
  const out = new Map<string, Split>();
  for (const pair of pairs) {
    const [shard, key] = pair.split(':');
    const v = out.get(shard) ?? { hot: 0, cold: 0 };
    v[Number(key) < hot ? 'hot' : 'cold']++;
    out.set(shard, v);
  }
  return out;
}
const sum = (m: Map<string, Split>, pick: (v: Split) => number, only?: (shard: string) => boolean) =>
  [...m].filter(([id]) => !only || only(id)).reduce((t, [, v]) => t + pick(v), 0);
/** Shards where `node` is among the first `k` replicas in placement order: the ones a read at that CL asks it for. */
function askedFor(sim: Simulation, node: string, k: number): Set<string> {
  return new Set(sim.getState().shards.filter((s) => s.replicas.slice(0, k).includes(node)).map((s) => s.id));
}
/** Stale keys now on the shards where `node` is the third replica (no QUORUM read asks it there). */
function staleWhereThird(sim: Simulation, node: string): number {
  return sim
    .getState()
    .shards.filter((s) => s.replicas[2] === node)
    .reduce((t, s) => t + (s.divergence?.staleKeys ?? 0), 0);
}

describe('read-repair-vs-anti-entropy (exercise 1)', () => {
  const id = 'read-repair-vs-anti-entropy';
  it('reads repair only the hot keys they read, on the replicas they ask; a full repair brings the rest', () => {
    const sim = start(id);
    const HOT = 102; // 10 % of 1,024 keys
    says(id, 0, HOT);
    runTo(sim, 30_000);
    // The clients stop writing at 30 s, so n3's stale keys are exactly the keys of the writes it missed, less what
    // reads repair on it afterwards: both are in the trace (write.partial, read.repaired).
    const partial = entries(sim, 'write.partial').filter((e) => (e.data.missed as string[]).includes('n3'));
    const missed = partial.length;
    const stale = new Set(partial.map((e) => `${e.data.shard}:${e.data.key}`));
    const atReturn = split(stale, HOT);
    const staleAtReturn = sim.getMetrics().staleKeysTruth;
    expect(stale.size).toBe(staleAtReturn);
    says(id, 1, missed, staleAtReturn, sum(atReturn, (v) => v.hot), atReturn.size);

    runTo(sim, 89_999);
    const m = sim.getMetrics();
    const repaired = entries(sim, 'read.repaired');
    expect(repaired.length).toBe(m.readRepairs);
    expect(repaired.every((e) => (e.data.repaired as string[]).join() === 'n3')).toBe(true);
    const hotRepaired = repaired.filter((e) => (e.data.key as number) < HOT).length;
    const blockedEach = repaired[0].data.blockedMs as number;
    expect(repaired.every((e) => e.data.blockedMs === blockedEach)).toBe(true);
    expect(m.readsBlockedMs).toBe(blockedEach * m.readRepairs);
    says(id, 2, `${blockedEach} ms`, m.readRepairs, hotRepaired, `${n(m.readsBlockedMs)} ms`);

    // What is left: keys no read asked for, and every key on the shards where n3 is the third replica (never asked).
    for (const e of repaired) stale.delete(`${e.data.shard}:${e.data.key}`);
    expect(stale.size).toBe(m.staleKeysTruth);
    const left = split(stale, HOT);
    const asked = askedFor(sim, 'n3', 2);
    const neverAsked = [...left.keys()].filter((s) => !asked.has(s)).sort();
    expect(m.staleKeysTruth).toBeGreaterThan(0);
    says(
      id,
      3,
      m.staleKeysTruth,
      sum(left, (v) => v.cold, (s) => asked.has(s)),
      sum(left, (v) => v.hot, (s) => asked.has(s)),
      sum(left, (v) => v.hot + v.cold, (s) => !asked.has(s)),
      neverAsked.join(' and '),
    );

    toConverged(sim, 200_000);
    const end = sim.getMetrics();
    const finished = entries(sim, 'repair.finished');
    const differing = finished.filter((e) => !/already agreed/.test(e.text)).length;
    expect(end.merkleHashesExchanged).toBe(16 * 3 * 31);
    says(id, 4, end.merkleHashesExchanged, differing, end.repairStreamedKeys, m.staleKeysTruth, s1(sim.timeMs));
    expect(end.overstreamFactor).toBeCloseTo(end.repairStreamedKeys / m.staleKeysTruth, 9);
    says(id, 4, `×${end.overstreamFactor!.toFixed(1)}`);
    expect(end).toMatchObject({ staleKeysTruth: 0, writesFailed: 0 });
  }, 60_000);
});

describe('sync-vs-async-repair and sync-vs-async-repair-async (exercise 6)', () => {
  const sync = 'sync-vs-async-repair';
  const async = 'sync-vs-async-repair-async';

  /** The first moment after n3's return at which no key is stale, checked every simulated second (null if never by `byMs`). */
  function firstConverged(sim: Simulation, byMs: number): number | null {
    for (let t = 31_000; t <= byMs; t += 1000) {
      runTo(sim, t);
      if (sim.getMetrics().staleKeysTruth === 0) return t;
    }
    return null;
  }

  it('blocking read repair: reads wait for what they fix, and the keys no read asks for wait for the repair at 120 s', () => {
    const a = start(sync);
    runTo(a, 30_000);
    const staleAtReturn = a.getMetrics().staleKeysTruth;
    says(sync, 1, staleAtReturn);
    runTo(a, 119_999);
    const m = a.getMetrics();
    const perRead = entries(a, 'read.repaired')[0].data.blockedMs as number;
    expect(m.readsBlockedMs).toBe(perRead * m.readRepairs);
    says(sync, 2, m.readRepairs, `${n(m.readsBlockedMs)} ms`, `${perRead} ms`, m.staleReadsServed === 0 ? 'no stale read' : n(m.staleReadsServed));
    says(sync, 3, m.staleKeysTruth);
    // Among them, keys of the shards where n3 is the third replica, which no QUORUM read asks.
    expect(staleWhereThird(a, 'n3')).toBeGreaterThan(0);
    toConverged(a, 200_000);
    says(sync, 4, a.getMetrics().repairStreamedKeys, s1(a.timeMs));
  }, 60_000);

  it('asynchronous: no read waits; anti-entropy every 30 s finds every stale key, at the cost of comparing every shard', () => {
    const b = start(async);
    runTo(b, 30_000);
    const failed = entries(b, 'repair.failed');
    expect(failed.every((e) => /n3 is down/.test(e.text))).toBe(true);
    says(async, 1, failed.length);
    const clean = firstConverged(b, 119_000);
    expect(clean).not.toBeNull();
    const m = b.getMetrics();
    const mismatches = entries(b, 'read.digestMismatch').length;
    expect(m).toMatchObject({ readsBlockedMs: 0, readRepairs: 0 });
    says(async, 2, mismatches, m.staleReadsServed === 0 ? 'no stale read' : n(m.staleReadsServed));
    says(async, 3, s1(clean!), m.repairStreamedKeys, `${Math.round(m.validationBytes / 2 ** 20)} MiB`);
    runTo(b, 119_999);
    const streamedBefore = b.getMetrics().repairStreamedKeys;
    toConverged(b, 200_000);
    runTo(b, 121_000);
    expect(b.getMetrics().repairStreamedKeys).toBe(streamedBefore);
    says(async, 4, 'finds nothing left to stream');
  }, 60_000);

  it('compared: the synchronous run made reads wait, the asynchronous one none; neither served a stale read at QUORUM', () => {
    const a = start(sync);
    const b = start(async);
    runTo(a, 119_999);
    runTo(b, 119_999);
    expect(a.getMetrics().readsBlockedMs).toBeGreaterThan(b.getMetrics().readsBlockedMs);
    // R + W > N: a QUORUM read always asks a replica that took the newest write, so neither answers stale.
    expect(a.getMetrics().staleReadsServed).toBe(0);
    expect(b.getMetrics().staleReadsServed).toBe(0);
  }, 60_000);
});

describe('hinted-handoff-window and hinted-handoff-window-exceeded (exercise 7)', () => {
  const kept = 'hinted-handoff-window';
  const exceeded = 'hinted-handoff-window-exceeded';
  // n3 holds 8 of the 16 shards: λ = 50 writes/s × 8/16 reach it. §15: hinted = λ·min(T, W), unhinted = λ·max(0, T − W).
  const LAMBDA = 25;

  /** Runs until every hint is handed over after n3's return; returns the deliveries. */
  function delivered(sim: Simulation, restartMs: number): TraceEntry[] {
    runChecked(sim, () => sim.timeMs > restartMs && sim.getMetrics().hintsPending === 0, restartMs + 20_000);
    return entries(sim, 'hint.delivered');
  }

  it('30 s down, inside the 60 s window: every missed write is hinted, handed over in under a second, nothing left stale', () => {
    const sim = start(kept);
    // n3 restarts at 40 s and replays its log before it serves again: it misses writes until then.
    runChecked(sim, () => entries(sim, 'node.reintegrated').length > 0, 60_000);
    const m = sim.getMetrics();
    says(kept, 1, LAMBDA, LAMBDA * 30, m.hintsStored, m.staleKeysTruth, s1(sim.timeMs));
    const batches = delivered(sim, 40_000);
    const slowest = batches.reduce((a, e) => Math.max(a, e.data.ms as number), 0);
    const biggest = batches.reduce((a, e) => Math.max(a, e.data.hints as number), 0);
    const superseded = sim.getMetrics().hintsStored - batches.reduce((t, e) => t + (e.data.applied as number), 0);
    says(kept, 2, batches.length, biggest, `${Math.round(slowest)} ms`, superseded);
    const end = sim.getMetrics();
    expect(end).toMatchObject({ hintsExpired: 0, hintsPending: 0, staleKeysTruth: 0, hintsDelivered: end.hintsStored });
    says(kept, 3, s1(sim.timeMs), end.staleReadsServed === 0 ? 'no stale read' : n(end.staleReadsServed));
    toConverged(sim, 100_000);
  }, 60_000);

  it('90 s down: hints stop at 60 s, the writes after that are left to repair, and CL ONE reads see stale data', () => {
    const sim = start(exceeded);
    runChecked(sim, () => entries(sim, 'node.reintegrated').length > 0, 120_000);
    const expired = entries(sim, 'hint.windowExpired');
    expect(expired.map((e) => e.timeMs)).toEqual([70_000]);
    const m = sim.getMetrics();
    says(exceeded, 1, LAMBDA * 60, m.hintsStored, LAMBDA * 30, m.hintsExpired);
    delivered(sim, 100_000);
    const afterHints = sim.getMetrics();
    expect(afterHints.staleKeysTruth).toBeGreaterThan(0);
    says(exceeded, 2, s1(sim.timeMs), afterHints.staleKeysTruth);
    runTo(sim, 119_999);
    const before = sim.getMetrics();
    expect(before.staleReadsServed).toBeGreaterThan(0);
    says(exceeded, 3, before.staleReadsServed, before.staleKeysTruth);
    toConverged(sim, 200_000);
    says(exceeded, 4, sim.getMetrics().repairStreamedKeys, s1(sim.timeMs));
  }, 60_000);
});

describe('hinted-handoff-any-lost (exercise 7, part 2)', () => {
  const id = 'hinted-handoff-any-lost';
  it('writes at CL ANY live only as hints on their coordinator; its crash loses them, and LostWrites says why', () => {
    const sim = start(id);
    runTo(sim, 12_999);
    // Every replica of s001 is down: its writes are acknowledged on a hint alone, kept by n1.
    const anyAcks = entries(sim, 'write.acked').filter((e) => e.data.shard === 's001' && e.timeMs > 10_000);
    expect(anyAcks.length).toBeGreaterThan(0);
    expect(anyAcks.every((e) => /coordinator n1: 0 of 3 replica\(s\) answered \(a hint on the coordinator is its only copy\)/.test(e.text))).toBe(true);
    says(id, 1, 'n1 coordinates them', 'a hint on the coordinator is its only copy');

    runTo(sim, 13_001);
    const lost = entries(sim, 'hint.lost');
    expect(lost).toHaveLength(1);
    expect(lost[0].actor).toBe('n1');
    const m = sim.getMetrics();
    const gone = sim.getState().lostWrites.filter((l) => l.cause === 'held only as a hint');
    expect(gone.every((l) => l.shard === 's001')).toBe(true);
    expect(gone.reduce((t, l) => t + l.count, 0)).toBe(lost[0].data.writesLost);
    expect(m.hintsLost).toBe(lost[0].data.hints);
    expect(m.writesLost).toBe(gone.length);
    says(id, 2, m.hintsLost, gone.length, 'held only as a hint');

    runChecked(sim, () => sim.timeMs > 20_000 && sim.getMetrics().hintsPending === 0, 30_000);
    const left = sim.getMetrics().staleKeysTruth;
    expect(left).toBeGreaterThan(0);
    says(id, 3, left);
    toConverged(sim, 100_000);
    expect(sim.getMetrics().writesLost).toBe(gone.length);
    says(id, 4, s1(sim.timeMs), gone.length);
  }, 60_000);
});

describe('merkle-divergence and merkle-divergence-level-by-level (exercise 5)', () => {
  const whole = 'merkle-divergence';
  const levels = 'merkle-divergence-level-by-level';
  const D = 4;
  const KEYS_PER_LEAF = 1024 / 2 ** D;

  /** n4's differing keys of s001 now (truth, as the Repair panel's key table lists them), and the leaves they lie in. */
  function differing(sim: Simulation) {
    const view = sim.getRepairView('s001')!;
    expect(view.staleKeys).toHaveLength(view.staleKeysTotal);
    const onN4 = view.staleKeys.filter((k) => k.versions.find((v) => v.replica === 'n4')!.version !== k.latest);
    expect(onN4).toHaveLength(view.staleKeysTotal);
    const corrupt = onN4.filter((k) => k.versions.find((v) => v.replica === 'n4')!.version === 'corrupt').length;
    const leaves = [...new Set(onN4.map((k) => k.leaf))].sort((a, b) => a - b);
    return { keys: onN4.length, corrupt, leaves };
  }
  /** §7.4: differing nodes per level, from the differing leaves (a node differs iff a leaf below it does). */
  const diffPerLevel = (leaves: number[]) => Array.from({ length: D }, (_, l) => new Set(leaves.map((x) => x >> (D - l))).size);

  function untilRepair(id: string) {
    const sim = start(id);
    runTo(sim, 29_999);
    const before = differing(sim);
    runChecked(sim, () => entries(sim, 'repair.finished').length > 0, 40_000);
    return { sim, before, m: sim.getMetrics() };
  }

  it('whole tree: 2 × 31 hashes in one round trip, and d × 64 keys streamed for the leaves the differing keys fall in', () => {
    const { sim, before, m } = untilRepair(whole);
    expect(before.corrupt).toBe(2);
    says(whole, 1, before.corrupt, before.keys - before.corrupt, before.keys);
    const d = before.leaves.length;
    says(whole, 2, d, before.leaves.join(', '), 2 * 31, d * KEYS_PER_LEAF);
    // The engine's exchange equals the formulas exactly.
    expect(m.merkleHashesExchanged).toBe(2 * (2 ** (D + 1) - 1));
    expect(entries(sim, 'merkle.leafDiff')[0].data.differingLeaves).toEqual(before.leaves);
    expect(m.repairStreamedKeys).toBe(d * KEYS_PER_LEAF);
    const finished = entries(sim, 'repair.finished')[0];
    const root = /roots now match: ([0-9a-f]{8})/.exec(finished.text)![1];
    says(whole, 3, m.repairStreamedKeys, before.keys, `×${(m.repairStreamedKeys / before.keys).toFixed(1)}`, root);
    expect(m.overstreamFactor).toBeCloseTo(m.repairStreamedKeys / before.keys, 9);
    const perSide = 1 + 2 * diffPerLevel(before.leaves).reduce((a, b) => a + b, 0);
    says(whole, 3, 2 * perSide);
    toConverged(sim, 100_000);
    says(whole, 4, s1(sim.timeMs));
  }, 60_000);

  it('level by level: 1 + 2·Σ diff(ℓ) hashes a side, D + 1 round trips; the same leaves and keys streamed', () => {
    const { sim, before, m } = untilRepair(levels);
    const diff = diffPerLevel(before.leaves);
    const perSide = 1 + 2 * diff.reduce((a, b) => a + b, 0);
    expect(m.merkleHashesExchanged).toBe(2 * perSide);
    const steps = sim.getTrace().filter((e) => e.kind === 'merkle.rootsCompared' || e.kind === 'merkle.descend');
    expect(steps).toHaveLength(D + 1);
    expect(steps.slice(1).map((e) => (e.data.differing as number[]).length)).toEqual([...diff.slice(1), before.leaves.length]);
    says(levels, 2, diff.join(' + '), perSide, 2 * perSide, D + 1, 2 * 31);
    // §7.4's deep-tree comparison, by the same formulas: D = 15 with one differing leaf, 1 + 2 × 15 against 2^16 − 1.
    says(levels, 3, before.leaves.join(', '), m.repairStreamedKeys, `${1 + 2 * 15} hashes against ${n(2 ** 16 - 1)}`);
    expect(m.repairStreamedKeys).toBe(before.leaves.length * KEYS_PER_LEAF);
    toConverged(sim, 100_000);
  }, 60_000);
});

describe('incremental-repair (exercise 8)', () => {
  const id = 'incremental-repair';
  const MiB = 2 ** 20;
  const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

  it('validates a fraction of a full repair, marks what it repaired, and never sees rot in data already marked', () => {
    const sim = start(id);
    runTo(sim, 19_999);
    const staleFirst = sim.getMetrics().staleKeysTruth;
    runTo(sim, 29_999);
    const full = sim.getMetrics();
    expect(full.staleKeysTruth).toBe(0);
    // 16 shards × 3 replicas × 1 MiB read to build the trees.
    expect(full.validationBytes).toBe(16 * 3 * MiB);
    says(id, 1, staleFirst, mib(full.validationBytes), full.repairStreamedKeys);
    // Every shard marked repaired (repair.marked; agreeing shards share one entry at scale, so the marks are counted).
    expect(sim.getState().shards.every((sh) => (sh.divergence?.repairedAt ?? null) !== null)).toBe(true);

    runTo(sim, 44_999);
    const staleSecond = sim.getMetrics().staleKeysTruth;
    runTo(sim, 54_999);
    const inc = sim.getMetrics();
    const incBytes = inc.validationBytes - full.validationBytes;
    expect(incBytes).toBeLessThan(0.5 * full.validationBytes);
    expect(inc.staleKeysTruth).toBe(0);
    const since = entries(sim, 'api.call').filter((e) => e.data.method === 'CompareChecksumsSince');
    expect(since.length).toBeGreaterThan(0);
    says(id, 2, staleSecond, mib(incBytes), `${((100 * incBytes) / full.validationBytes).toFixed(1)} %`, inc.repairStreamedKeys - full.repairStreamedKeys);

    // The rot: one key of n2's copy of s004, last written at or before the shard's repaired watermark.
    runTo(sim, 60_001);
    const view = sim.getRepairView('s004')!;
    const rotten = view.staleKeys.filter((k) => k.versions.find((v) => v.replica === 'n2')!.version === 'corrupt');
    expect(rotten).toHaveLength(1);
    expect(view.staleKeysTotal).toBe(1);
    const watermark = view.repairedAt!;
    expect(rotten[0].latest).toBeLessThanOrEqual(watermark);
    says(id, 3, rotten[0].key, watermark);

    runTo(sim, 79_999);
    const blind = sim.getMetrics();
    expect(blind).toMatchObject({ staleKeysTruth: 1, corruptReplicasTruth: 1, corruptReplicasKnown: 0 });
    const secondInc = blind.validationBytes - inc.validationBytes;
    const quiet = entries(sim, 'repair.finished').filter((e) => e.timeMs >= 65_000);
    expect(quiet).toHaveLength(16);
    expect(quiet.every((e) => e.data.differingLeaves === 0 && /the replicas already agreed/.test(e.text))).toBe(true);
    says(id, 4, mib(secondInc), 'the replicas already agree');

    toConverged(sim, 200_000);
    const found = sim.getTrace().filter((e) => e.timeMs >= 80_000 && e.data.method === 'CompareChecksums' && !/no leaf differs/.test(e.text));
    expect(found).toHaveLength(1);
    const leaf = /leaves? (\d+) differs?/.exec(found[0].text)![1];
    const cleanAt = sim.timeMs;
    // Every session of that full repair done (they run one at a time per coordinator).
    runTo(sim, 90_000);
    const end = sim.getMetrics();
    expect(end).toMatchObject({ staleKeysTruth: 0, corruptReplicasTruth: 0 });
    // n2's copy differs from both others: the leaf's 64 keys go over each of the two pairs.
    const streamed = end.repairStreamedKeys - blind.repairStreamedKeys;
    expect(streamed).toBe(2 * 64);
    says(id, 5, `leaf ${leaf}`, streamed, mib(end.validationBytes - blind.validationBytes), s1(cleanAt));
  }, 60_000);
});
