// Goal: the migrator learns that a copy's target (or source) died the way a real one does — the stream stops
// making progress and, after copyStreamTimeoutMs, it abandons the copy and re-plans it on belief (issue 8, item 2).
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation, type TraceEntry } from '../index';
import { builtIn } from '../../testing/load-scenario';

const N5_CRASH_MS = 20_000;

function secondFailure(): Simulation {
  return createSimulation({ scenario: builtIn('second-failure-during-rebuild') });
}

function migratorEntriesBetween(sim: Simulation, fromMs: number, toMs: number): TraceEntry[] {
  return sim.getTrace().filter((e) => e.actor === 'migrator' && e.timeMs >= fromMs && e.timeMs < toMs);
}

describe('a copy stream to or from a node that died', () => {
  it('stays silent at the crash: the migrator re-plans nothing before the stream has stalled for the timeout', () => {
    const sim = secondFailure();
    expect(sim.getState().params.copyStreamTimeoutMs).toBe(5000);
    sim.runUntil(() => sim.timeMs >= N5_CRASH_MS + 4_999, { maxMs: 60_000 });
    const suspectedAt = sim.getTrace().find((e) => e.kind === 'node.suspected' && e.data.node === 'n5')!.timeMs;
    expect(suspectedAt).toBeGreaterThan(N5_CRASH_MS);
    const reacting = (e: TraceEntry) => /copy\.(failed|retargeted|abandoned|streamStalled)/.test(e.kind) && /n5/.test(e.text);
    // Before the monitor doubts n5, nobody acts on its death.
    expect(migratorEntriesBetween(sim, N5_CRASH_MS, suspectedAt).filter(reacting)).toEqual([]);
    // Once it is SUSPECT, queued copies planned for it are moved, saying it is the monitor's view.
    for (const e of migratorEntriesBetween(sim, suspectedAt, N5_CRASH_MS + 5000).filter(reacting))
      expect(e.text).toMatch(/\(the monitor says n5 is SUSPECT\)/);
    expect(sim.getTrace().filter((e) => /went down/.test(e.text) && e.actor === 'migrator')).toEqual([]);
    // The monitor has not even suspected n5 yet... but the copies to it made no progress since the crash.
    const state = sim.getState();
    expect(state.nodes.find((n) => n.id === 'n5')!.health).not.toBe('DEAD');
    const toN5 = state.copies.filter((c) => c.target === 'n5' && c.phase === 'snapshot');
    expect(toN5.length).toBeGreaterThan(0);
    for (const c of toN5) expect(c.rateBytesPerSec).toBe(0);
  });

  it('holds the stalled copy’s slot until the timeout, but gives its bandwidth to the copies still moving', () => {
    const sim = secondFailure();
    sim.runUntil(() => sim.timeMs >= N5_CRASH_MS + 1000, { maxMs: 60_000 });
    const state = sim.getState();
    const stalled = state.copies.filter((c) => c.phase === 'snapshot' && (c.target === 'n5' || c.source === 'n5'));
    expect(stalled.length).toBeGreaterThan(0);
    // n5 still holds its incoming slots (the migrator does not know yet).
    const n5 = state.nodes.find((n) => n.id === 'n5')!;
    expect(n5.copiesIn).toBe(stalled.filter((c) => c.target === 'n5').length);
    // A survivor sending to n5 and to someone else: the live copy gets the survivor's whole bandwidth.
    const bandwidth = state.params.rebuildBytesPerSecPerNode;
    for (const dead of stalled.filter((c) => c.target === 'n5')) {
      const live = state.copies.filter((c) => c.phase === 'snapshot' && c.source === dead.source && c.target !== 'n5');
      for (const c of live) {
        const targetFlowing = state.copies.filter((o) => o.phase === 'snapshot' && o.target === c.target && o.rateBytesPerSec > 0).length;
        const sourceFlowing = state.copies.filter((o) => o.phase === 'snapshot' && o.source === c.source && o.rateBytesPerSec > 0).length;
        expect(c.rateBytesPerSec).toBeCloseTo(Math.min(bandwidth / sourceFlowing, bandwidth / targetFlowing), 3);
      }
    }
  });

  it('after 5 s of no progress, says so in those words and re-plans the copy on a node the monitor still trusts', () => {
    const sim = secondFailure();
    sim.runUntil(() => sim.timeMs > N5_CRASH_MS + 5000, { maxMs: 60_000 });
    const timeouts = sim.getTrace().filter((e) => e.kind === 'copy.streamStalled');
    expect(timeouts.length).toBeGreaterThan(0);
    for (const e of timeouts) expect(e.timeMs).toBe(N5_CRASH_MS + 5000);
    const toN5 = timeouts.filter((e) => e.data.target === 'n5' && e.data.blame === 'target');
    expect(toN5.length).toBeGreaterThan(0);
    for (const e of toN5) {
      expect(e.text).toMatch(/^The stream to n5 stalled for 5\.0 s; s\d{3}'s copy is re-planned to n[1246]( \([\d.]+ MiB already sent are wasted\))?\./);
      expect(e.data.newTarget).not.toBe('n5');
    }
    const fromN5 = timeouts.filter((e) => e.data.source === 'n5' && e.data.blame === 'source');
    expect(fromN5.length).toBeGreaterThan(0);
    for (const e of fromN5) expect(e.text).toMatch(/^The stream from n5 to n\d stalled for 5\.0 s; s\d{3}'s copy will try another source( \([\d.]+ MiB already sent are wasted\))?\./);
    // Bytes already sent to a dead target are wasted, and said so.
    expect(toN5.some((e) => /already sent are wasted/.test(e.text) && Number(e.data.wastedBytes) > 0)).toBe(true);
    // Only streams that really stalled are re-planned: queued copies to n5 wait for the monitor's verdict.
    expect(sim.getState().nodes.find((n) => n.id === 'n5')!.health).not.toBe('DEAD');
    expect(sim.checkInvariants()).toEqual([]);
  });

  it('counts every byte sent, wasted ones included, and still restores every shard', () => {
    const sim = secondFailure();
    expect(sim.runUntil('healthy', { maxMs: 600_000 }).reached).toBe(true);
    const state = sim.getState();
    const trace = sim.getTrace();
    const committed = trace.filter((e) => e.kind === 'copy.committed').length;
    const wasted = trace.reduce((sum, e) => sum + (typeof e.data.wastedBytes === 'number' ? e.data.wastedBytes : 0), 0);
    expect(wasted).toBeGreaterThan(0);
    expect(state.metrics.bytesMoved).toBeCloseTo(committed * state.shardSizeBytes + wasted, -3);
    expect(state.metrics.lostShards).toBe(0);
    expect(sim.checkInvariants()).toEqual([]);
  });

  it('copyStreamTimeoutMs is a setting: a shorter timeout re-plans sooner', () => {
    const sim = secondFailure();
    sim.dispatch({ type: 'config.set', path: 'params.copyStreamTimeoutMs', value: 2000 });
    sim.runUntil(() => sim.timeMs >= N5_CRASH_MS + 2000, { maxMs: 60_000 });
    const first = sim.getTrace().find((e) => e.kind === 'copy.streamStalled');
    expect(first?.timeMs).toBe(N5_CRASH_MS + 2000);
    expect(first?.text).toMatch(/stalled for 2\.0 s/);
    expect(() => sim.dispatch({ type: 'config.set', path: 'params.copyStreamTimeoutMs', value: 0 })).toThrow(/copyStreamTimeoutMs/);
  });

  it('a link cut stalls a stream the same way; healing it in time lets the copy go on', () => {
    const sim = createSimulation({ scenario: builtIn('rehome-worked-example') });
    sim.runUntil(() => sim.getState().copies.some((c) => c.phase === 'snapshot'), { maxMs: 60_000 });
    const copy = sim.getState().copies.find((c) => c.phase === 'snapshot')!;
    sim.dispatch({ type: 'link.cut', a: copy.source!, b: copy.target });
    const cutAt = sim.timeMs;
    expect(sim.getTrace().filter((e) => e.timeMs === cutAt && e.kind === 'copy.failed')).toEqual([]);
    sim.advanceBy(1000);
    const frozen = sim.getState().copies.find((c) => c.shard === copy.shard && c.target === copy.target)!;
    expect(frozen.rateBytesPerSec).toBe(0);
    sim.dispatch({ type: 'link.heal', a: copy.source!, b: copy.target });
    sim.advanceBy(10);
    expect(sim.getState().copies.find((c) => c.shard === copy.shard && c.target === copy.target)!.rateBytesPerSec).toBeGreaterThan(0);
    expect(sim.runUntil('healthy', { maxMs: 300_000 }).reached).toBe(true);
    expect(sim.getTrace().some((e) => e.kind === 'copy.streamStalled')).toBe(false);
  });
});
