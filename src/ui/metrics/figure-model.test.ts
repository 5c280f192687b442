// Goal: the figures lead with what the scenario is about. Copies first; write figures stand out only when
// clients write (or an acknowledged write was lost); "Fewest copies" is coloured by now, its meaning in words.
import { describe, expect, it } from 'vitest';
import { builtIn } from '../../testing/load-scenario';
import { manualFrames } from '../../store/frame-scheduler';
import { ConsoleSession } from '../../store/session';
import { figuresFor, rebuildChartsShown } from './figure-model';

function at(id: string, move: (s: ConsoleSession) => void) {
  const scenario = builtIn(id);
  const session = new ConsoleSession(scenario, scenario.seed, manualFrames());
  move(session);
  session.flush();
  return figuresFor(session.store.getState());
}

const byId = (groups: ReturnType<typeof figuresFor>, id: string) =>
  [...groups.copies, ...groups.timing, ...groups.writes].find((f) => f.id === id)!;

// Each test re-simulates a scenario; a busy CI machine needs more than the default 5 s.
describe('metric figures', { timeout: 30_000 }, () => {
  it('lead with copies in the worked example, which has no client writes', () => {
    // Between the crash and DEAD some shards have an unreachable primary: "refusing writes" is non-zero.
    const groups = at('rehome-worked-example', (s) => s.advanceBy(12_000));
    expect(groups.copies.map((f) => f.id)).toEqual(['under-replicated', 'lost', 'min-copies', 'rebuild-remaining']);
    expect(groups.writesRan).toBe(false);
    expect(groups.writesNote).toBe('No client writes in this scenario');
    const refusing = byId(groups, 'not-writable');
    expect(Number(refusing.value)).toBeGreaterThan(0);
    expect(refusing.tone).toBeUndefined();
    // Every figure is still there (tests read them by id).
    expect([...groups.copies, ...groups.timing, ...groups.writes]).toHaveLength(12);
  });

  it('show the write figures, toned, when a workload runs', () => {
    const groups = at('primary-failover-rf3', (s) => s.advanceBy(8_000));
    expect(groups.writesRan).toBe(true);
    expect(groups.writesNote).toBeNull();
    expect(byId(groups, 'writes-acked').value).not.toBe('0');
  });

  it('count the run as having writes once a workload has run, even after it stops', () => {
    const groups = at('rehome-worked-example', (s) => {
      s.advanceBy(1000);
      s.dispatch({ type: 'workload.set', writesPerSec: 20 });
      s.advanceBy(2000);
      s.dispatch({ type: 'workload.set', writesPerSec: 0 });
      s.advanceBy(12_000);
    });
    expect(groups.writesRan).toBe(true);
    expect(byId(groups, 'not-writable').tone).toBe('warn');
  });

  it('colour "Fewest copies" by now and say in words that the value is the low point', () => {
    const during = at('rehome-worked-example', (s) => s.advanceBy(20_000));
    expect(byId(during, 'min-copies')).toMatchObject({ value: '2 of 3', tone: 'warn', caption: 'lowest in run · now 2' });
    const healthy = at('rehome-worked-example', (s) => s.runUntil('healthy'));
    const fewest = byId(healthy, 'min-copies');
    expect(fewest.value).toBe('2 of 3');
    expect(fewest.tone).toBeUndefined();
    expect(fewest.caption).toBe('lowest in run · now 3');
  });

  it('add no divergence figures to a primary-replica run', () => {
    expect(at('rehome-worked-example', (s) => s.advanceBy(12_000)).divergence).toEqual([]);
  });

  it('show stale keys, hints, read repairs and Merkle hashes on a leaderless run, each with its words', () => {
    const scenario = builtIn('rehome-worked-example');
    const session = new ConsoleSession(scenario, scenario.seed, manualFrames());
    session.advanceBy(1000);
    session.flush();
    const state = session.store.getState();
    const metrics = {
      ...state.cluster.metrics,
      staleKeysTruth: 37,
      staleKeysKnown: 4,
      divergentReplicasTruth: 2,
      hintsPending: 12,
      hintsStored: 20,
      hintsDelivered: 8,
      hintsExpired: 3,
      readRepairs: 5,
      staleReadsServed: 2,
      merkleHashesExchanged: 15,
      repairStreamedKeys: 128,
      overstreamFactor: 4,
    };
    const groups = figuresFor({ cluster: { ...state.cluster, params: { ...state.cluster.params, replication: 'leaderless' }, metrics } });
    expect(groups.divergence.map((f) => [f.id, f.value])).toEqual([
      ['stale-keys-truth', '37'],
      ['hints-pending', '12'],
      ['read-repairs', '5'],
      ['merkle-hashes-exchanged', '15'],
    ]);
    const [stale, hints, reads, merkle] = groups.divergence;
    expect(stale.caption).toBe('known 4 · on 2 replicas');
    expect(stale.tone).toBe('warn');
    expect(hints.caption).toBe('20 stored · 8 delivered · 3 not hinted');
    expect(figuresFor({ cluster: { ...state.cluster, params: { ...state.cluster.params, replication: 'leaderless' }, metrics: { ...metrics, hintsExpired: 0 } } }).divergence[1].caption).toBe(
      '20 stored · 8 delivered',
    );
    expect(reads.caption).toBe('2 stale reads served');
    expect(merkle.caption).toBe('128 keys streamed · 4× the stale');
  });

  it('keep the timing figures and rebuild charts on primary runs, before and after a failure', () => {
    const start = at('rehome-worked-example', (s) => s.advanceBy(1000));
    expect(start.timingNote).toBeNull();
    expect(start.copiesNote).toBeNull();
    const scenario = builtIn('rehome-worked-example');
    const session = new ConsoleSession(scenario, scenario.seed, manualFrames());
    session.flush();
    expect(rebuildChartsShown(session.store.getState().cluster)).toBe(true);
  });

  it('fold the timing figures and drop the empty rebuild charts on a leaderless run that re-homed nothing', () => {
    const scenario = builtIn('rehome-worked-example');
    const session = new ConsoleSession(scenario, scenario.seed, manualFrames());
    session.advanceBy(1000);
    session.flush();
    const cluster = session.store.getState().cluster;
    const leaderless = { ...cluster, params: { ...cluster.params, replication: 'leaderless' as const } };
    const groups = figuresFor({ cluster: leaderless });
    expect(groups.timingNote).toBe('Nothing re-homed in this run');
    // Every copy in place: the copies figures fold too, so the divergence chart keeps its height.
    expect(groups.copiesNote).toBe('Every shard has its 3 copies');
    const down = figuresFor({ cluster: { ...leaderless, metrics: { ...leaderless.metrics, underReplicatedShardsTruth: 4 } } });
    expect(down.copiesNote).toBeNull();
    expect(groups.timing.map((f) => f.id)).toEqual(['detection-delay', 'time-to-restore', 'durability-window', 'bytes-moved']);
    expect(rebuildChartsShown(leaderless)).toBe(false);
    expect(rebuildChartsShown({ ...leaderless, metrics: { ...leaderless.metrics, bytesMoved: 1 } })).toBe(true);
    expect(figuresFor({ cluster: { ...leaderless, metrics: { ...leaderless.metrics, bytesMoved: 1 } } }).timingNote).toBeNull();
  });
});
