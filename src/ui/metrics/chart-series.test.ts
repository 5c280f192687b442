import { describe, expect, it } from 'vitest';
import type { MetricsSample } from '../../store/view-model';
import { divergenceSeries, rebuildRatesByNode, shardHealthSeries, writeRateSeries } from './chart-series';

function sample(timeMs: number, bytesInByNode: Record<string, number>, underReplicated = 0): MetricsSample {
  return {
    timeMs,
    underReplicated,
    underReplicatedTruth: underReplicated,
    lost: 0,
    rebuildBytesRemaining: 0,
    copiesInFlight: 0,
    bytesInByNode,
    writesAcked: 0,
    writesFailed: 0,
    staleKeysTruth: 0,
    staleKeysKnown: 0,
    hintsPending: 0,
  };
}

function writes(timeMs: number, writesAcked: number, writesFailed: number): MetricsSample {
  return { ...sample(timeMs, {}), writesAcked, writesFailed };
}

describe('rebuildRatesByNode', () => {
  it('turns cumulative bytes into bytes per simulated second', () => {
    const history = [sample(0, { n1: 0, n2: 0 }), sample(500, { n1: 1000, n2: 0 }), sample(1000, { n1: 1500, n2: 2000 })];
    const series = rebuildRatesByNode(history);
    expect(series.map((s) => s.key)).toEqual(['n2', 'n1']);
    expect(series.find((s) => s.key === 'n1')!.values).toEqual([0, 2000, 1000]);
    expect(series.find((s) => s.key === 'n2')!.values).toEqual([0, 0, 4000]);
  });

  it('leaves out nodes that received nothing and sums the tail as "others"', () => {
    const last = { n1: 5, n2: 4, n3: 3, n4: 0 };
    const series = rebuildRatesByNode([sample(0, {}), sample(1000, last)], 1);
    expect(series.map((s) => s.label)).toEqual(['n1', '2 others']);
    expect(series[1].values).toEqual([0, 7]);
  });
});

describe('shardHealthSeries', () => {
  it('follows the under-replicated count sample by sample', () => {
    const series = shardHealthSeries([sample(0, {}, 0), sample(500, {}, 200), sample(1000, {}, 0)]);
    expect(series[0].values).toEqual([0, 200, 0]);
  });
});

describe('writeRateSeries', () => {
  it('turns cumulative counts into writes per second over a sliding window', () => {
    // 10 acknowledged writes a second for 2 s, then every write fails.
    const history = [writes(0, 0, 0), writes(500, 5, 0), writes(1000, 10, 0), writes(1500, 15, 0), writes(2000, 20, 0), writes(2500, 20, 5), writes(3000, 20, 10)];
    const [acked, failed] = writeRateSeries(history, 2);
    expect(acked.values).toEqual([0, 10, 10, 10, 10, 5, 0]);
    expect(failed.values).toEqual([0, 0, 0, 0, 0, 5, 10]);
  });
});

describe('divergenceSeries', () => {
  it('draws stale keys in truth and as known, and hints pending, as three lines', () => {
    const history = [
      { ...sample(0, {}), staleKeysTruth: 0, staleKeysKnown: 0, hintsPending: 0 },
      { ...sample(500, {}), staleKeysTruth: 40, staleKeysKnown: 3, hintsPending: 12 },
      { ...sample(1000, {}), staleKeysTruth: 31, staleKeysKnown: 31, hintsPending: 0 },
    ];
    const series = divergenceSeries(history);
    // Belief first, as on the under-replicated chart; each line labelled in words at its end.
    expect(series.map((s) => [s.key, s.label])).toEqual([
      ['known', 'known'],
      ['truth', 'truth'],
      ['hints', 'hints'],
    ]);
    expect(series.map((s) => s.values)).toEqual([
      [0, 3, 31],
      [0, 40, 31],
      [0, 12, 0],
    ]);
  });
});
