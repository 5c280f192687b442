import { describe, expect, it } from 'vitest';
import { createSimulation, type TraceEntry } from '../engine/index';
import { builtIn } from '../testing/load-scenario';
import { isSignificant } from './significance';

function traceOf(id: string) {
  const sim = createSimulation({ scenario: builtIn(id) });
  sim.runUntil('healthy', { maxMs: 600_000 });
  return sim.getTrace();
}

describe('next significant event', () => {
  it('walks the worked example rebuild in a handful of stops, not one per copy', () => {
    const rebuild = traceOf('rehome-worked-example').filter((e) => e.timeMs > 16_000);
    const stops = rebuild.filter(isSignificant);
    expect(rebuild.length).toBeGreaterThan(400); // 200 copies start, snapshot, commit; 200 shards whole again
    expect(stops.length).toBeLessThan(10);
    expect(stops.map((e) => e.kind)).toContain('cluster.restored');
  });

  it('passes over a returning node copy by copy and stops when it is ACTIVE again', () => {
    const back = traceOf('configured-primary-returns').filter((e) => e.timeMs >= 25_000);
    const kinds = back.filter(isSignificant).map((e) => e.kind);
    expect(kinds).not.toContain('replica.caughtUp');
    expect(kinds).not.toContain('replica.reinstated');
    expect(kinds).toContain('node.rejoined');
    expect(kinds).toContain('primary.elected');
  });
});

describe('next significant event through a restart (local recovery)', () => {
  const entry = (kind: string, level: TraceEntry['level'] = 'info'): TraceEntry => ({ seq: 0, timeMs: 0, event: 0, actor: 'n3', kind, text: '', level, data: {} });

  it('stops at each replay phase: start, torn record, stop, finish, verify, catch-up, back in service', () => {
    for (const kind of ['wal.replayStarted', 'snapshot.loaded', 'node.verifying', 'node.verified', 'wal.replayFinished', 'catchup.planned', 'node.reintegrated'])
      expect(isSignificant(entry(kind)), kind).toBe(true);
    expect(isSignificant(entry('wal.tornRecord', 'warn'))).toBe(true);
    expect(isSignificant(entry('wal.replayStopped', 'warn'))).toBe(true);
    expect(isSignificant(entry('wal.replayRefused', 'alert'))).toBe(true);
  });

  it('walks past routine log upkeep and per-record or per-chunk replay entries', () => {
    // Every node checkpoints every 30 s: in a 12-node cluster a stop every 2.5 s would bury the story.
    for (const kind of ['wal.checkpointed', 'wal.snapshotTaken', 'wal.replayProgress']) expect(isSignificant(entry(kind)), kind).toBe(false);
    for (const kind of ['wal.recordApplied', 'wal.recordSkipped', 'wal.recordDiscarded', 'wal.synced', 'catchup.logTail'])
      expect(isSignificant(entry(kind, 'detail')), kind).toBe(false);
  });
});
