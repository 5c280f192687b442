// Goal: the charts agree with the figures. The last point of every chart is "now" (the figures' value),
// and the y axis tops at a round value close to the peak, on binary units for bytes.
import { describe, expect, it } from 'vitest';
import { builtIn } from '../../testing/load-scenario';
import { manualFrames } from '../../store/frame-scheduler';
import { ConsoleSession } from '../../store/session';
import { formatBytes } from '../format';
import { bytesRemainingChart, divergenceChart, underReplicatedChart } from './chart-specs';
import { divergenceShown } from './figure-model';

function workedExample(move: (s: ConsoleSession) => void) {
  const scenario = builtIn('rehome-worked-example');
  const session = new ConsoleSession(scenario, scenario.seed, manualFrames());
  move(session);
  session.flush();
  return session.store.getState();
}

const last = (values: readonly number[]) => values[values.length - 1];

// Each test re-simulates the worked example; a busy CI machine needs more than the default 5 s.
describe('metric charts', { timeout: 30_000 }, () => {
  it('end on the value the figures show, at healthy and mid-rebuild', () => {
    for (const move of [(s: ConsoleSession) => s.runUntil('healthy'), (s: ConsoleSession) => s.advanceBy(20_000)]) {
      const state = workedExample(move);
      const m = state.cluster.metrics;
      const bytes = bytesRemainingChart(state);
      expect(last(bytes.series[0].values)).toBe(m.rebuildBytesRemaining);
      expect(last(bytes.timesMs)).toBe(state.playback.timeMs);
      const shards = underReplicatedChart(state);
      expect(last(shards.series[0].values)).toBe(m.underReplicatedShards);
      expect(last(shards.series[1].values)).toBe(m.underReplicatedShardsTruth);
    }
  });

  it('tops the rebuild axis at a round binary value near the 12.5 GiB peak', () => {
    const state = workedExample((s) => s.runUntil('healthy'));
    const spec = bytesRemainingChart(state);
    expect(formatBytes(Math.max(...spec.series[0].values))).toBe('12.5 GiB');
    expect(formatBytes(spec.yMax)).toBe('14 GiB');
  });

  it('keeps the story on most of the width after minutes of idle', () => {
    const state = workedExample((s) => {
      s.runUntil('healthy');
      s.advanceBy(480_000);
    });
    const spec = underReplicatedChart(state);
    expect(spec.time.storyEndMs).toBeLessThanOrEqual(80_000);
    expect(spec.time.nowMs).toBe(state.playback.timeMs);
  });
});

describe('divergence chart', { timeout: 30_000 }, () => {
  it('is not shown on a primary-replica run with nothing stale, so existing views do not change', () => {
    const state = workedExample((s) => s.advanceBy(20_000));
    expect(state.cluster.params.replication).toBe('primary');
    expect(divergenceShown(state.cluster)).toBe(false);
  });

  it('is shown when the run is leaderless, or when any stale key or hint exists', () => {
    const state = workedExample((s) => s.advanceBy(1000));
    const cluster = state.cluster;
    expect(divergenceShown({ ...cluster, params: { ...cluster.params, replication: 'leaderless' } })).toBe(true);
    expect(divergenceShown({ ...cluster, metrics: { ...cluster.metrics, hintsPending: 2 } })).toBe(true);
    expect(divergenceShown({ ...cluster, metrics: { ...cluster.metrics, staleKeysTruth: 5 } })).toBe(true);
  });

  it('ends on the live stale-key and hint figures and says them in words', () => {
    const base = workedExample((s) => s.advanceBy(5000));
    const metrics = { ...base.cluster.metrics, staleKeysTruth: 37, staleKeysKnown: 4, hintsPending: 12 };
    const state = { ...base, cluster: { ...base.cluster, metrics } };
    const spec = divergenceChart(state);
    expect(spec.series.map((s) => last(s.values))).toEqual([4, 37, 12]);
    expect(spec.yMax).toBeGreaterThanOrEqual(37);
    expect(spec.summary).toContain('Stale keys over time: now 37 in truth, 4 known');
    expect(spec.summary).toContain('12 hints pending');
  });
});
