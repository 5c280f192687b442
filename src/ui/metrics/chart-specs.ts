import type { ConsoleViewState, MetricsSample } from '../../store/view-model';
import { formatBytes, formatRate, formatSimTime } from '../format';
import { niceBinaryMax, niceMax } from './chart-math';
import { divergenceSeries, historyToNow, rebuildRatesByNode, sampleNow, shardHealthSeries, writeRateSeries, type Series } from './chart-series';
import type { ChartSpec } from './mini-chart';
import { fitTimeAxis } from './time-axis';

/** The charts of the metrics panel, each a pure function of the view-model. */

/** The points every chart draws: the history up to now, ending on the live value (computed once per publish). */
const pointsCache = new WeakMap<ConsoleViewState, MetricsSample[]>();
function points(state: ConsoleViewState): MetricsSample[] {
  let found = pointsCache.get(state);
  if (!found) {
    found = historyToNow(state.history, sampleNow(state.cluster.metrics, state.playback.timeMs));
    pointsCache.set(state, found);
  }
  return found;
}

function timeAxis(state: ConsoleViewState, samples: readonly MetricsSample[]) {
  const time = fitTimeAxis(state.playback.storyEndMs, state.playback.timeMs);
  return { timesMs: samples.map((s) => s.timeMs), time, tail: tailNote(time.storyEndMs, time.nowMs) };
}

/** Said to screen readers when the idle tail is drawn compressed. */
function tailNote(storyEndMs: number, nowMs: number): string {
  return nowMs > storyEndMs ? ` The quiet time after ${formatSimTime(storyEndMs)} is compressed at the right.` : '';
}

const peak = (series: readonly Series[]) => series.reduce((m, s) => s.values.reduce((a, v) => Math.max(a, v), m), 0);

export function underReplicatedChart(state: ConsoleViewState): ChartSpec {
  const samples = points(state);
  const series = shardHealthSeries(samples);
  const { tail, ...axis } = timeAxis(state, samples);
  const m = state.cluster.metrics;
  return {
    kind: 'lines',
    ...axis,
    series,
    yMax: niceMax(Math.max(1, peak(series))),
    formatY: (v) => String(Math.round(v)),
    summary: `Under-replicated shards over time: now ${m.underReplicatedShards} (truth ${m.underReplicatedShardsTruth}), peak ${peak(series.slice(0, 1))}, lost ${m.lostShards}, at ${formatSimTime(state.playback.timeMs)}.${tail}`,
  };
}

export function bytesRemainingChart(state: ConsoleViewState): ChartSpec {
  const samples = points(state);
  const series = [{ key: 'remaining', label: '', values: samples.map((s) => s.rebuildBytesRemaining) }];
  const { tail, ...axis } = timeAxis(state, samples);
  const now = state.cluster.metrics.rebuildBytesRemaining;
  return {
    kind: 'lines',
    ...axis,
    series,
    yMax: niceBinaryMax(peak(series)),
    formatY: formatBytes,
    summary: `Rebuild bytes remaining: now ${formatBytes(now)}, peak ${formatBytes(peak(series))}.${tail}`,
  };
}

export function nodeTrafficChart(state: ConsoleViewState): ChartSpec {
  const samples = points(state);
  const series = rebuildRatesByNode(samples);
  const { tail, ...axis } = timeAxis(state, samples);
  let stackedPeak = 0;
  for (let i = 0; i < samples.length; i++) stackedPeak = Math.max(stackedPeak, series.reduce((sum, s) => sum + s.values[i], 0));
  const now = series.map((s) => `${s.label} ${formatRate(s.values[s.values.length - 1] ?? 0)}`).join(', ');
  return {
    kind: 'stacked',
    ...axis,
    series,
    yMax: niceBinaryMax(stackedPeak),
    formatY: formatRate,
    summary:
      series.length === 0
        ? 'Rebuild traffic per node: no rebuild traffic yet.'
        : `Rebuild traffic received per node, stacked: now ${now}.${tail}`,
  };
}

export function writesChart(state: ConsoleViewState): ChartSpec {
  const samples = points(state);
  const series = writeRateSeries(samples);
  const { tail, ...axis } = timeAxis(state, samples);
  const m = state.cluster.metrics;
  const last = (i: number) => Math.round(series[i].values[series[i].values.length - 1] ?? 0);
  return {
    kind: 'lines',
    ...axis,
    series,
    yMax: niceMax(Math.max(1, peak(series))),
    formatY: (v) => `${Math.round(v)}/s`,
    summary:
      `Client writes per second: now ${last(0)} acknowledged and ${last(1)} failed per second; ` +
      `${m.writesAcked} acknowledged, ${m.writesFailed} failed and ${m.writesLost} lost in all; ${m.shardsNotWritable} shard(s) refuse writes.${tail}`,
  };
}

export function divergenceChart(state: ConsoleViewState): ChartSpec {
  const samples = points(state);
  const series = divergenceSeries(samples);
  const { tail, ...axis } = timeAxis(state, samples);
  const m = state.cluster.metrics;
  return {
    kind: 'lines',
    ...axis,
    series,
    yMax: niceMax(Math.max(1, peak(series))),
    formatY: (v) => String(Math.round(v)),
    summary:
      `Stale keys over time: now ${m.staleKeysTruth} in truth, ${m.staleKeysKnown} known to the repair machinery, ` +
      `peak ${peak(series.slice(1, 2))} in truth; ${m.hintsPending} hints pending.${tail}`,
  };
}
