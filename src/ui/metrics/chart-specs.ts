import type { ConsoleViewState } from '../../store/view-model';
import { formatBytes, formatRate, formatSimTime } from '../format';
import { rebuildRatesByNode, shardHealthSeries, writeRateSeries } from './chart-series';
import type { ChartSpec } from './mini-chart';

/** The three charts of the metrics panel, each a pure function of the view-model. */

function timeAxis(state: ConsoleViewState) {
  return {
    timesMs: state.history.map((s) => s.timeMs),
    xMaxMs: Math.max(state.playback.horizonMs, state.playback.timeMs, 10_000),
    cursorMs: state.playback.timeMs,
  };
}

export function underReplicatedChart(state: ConsoleViewState): ChartSpec {
  const series = shardHealthSeries(state.history);
  const peak = Math.max(0, ...series[0].values);
  const m = state.cluster.metrics;
  return {
    kind: 'lines',
    ...timeAxis(state),
    series,
    formatY: (v) => String(Math.round(v)),
    summary: `Under-replicated shards over time: now ${m.underReplicatedShards} (truth ${m.underReplicatedShardsTruth}), peak ${peak}, lost ${m.lostShards}, at ${formatSimTime(state.playback.timeMs)}.`,
  };
}

export function bytesRemainingChart(state: ConsoleViewState): ChartSpec {
  const values = state.history.map((s) => s.rebuildBytesRemaining);
  const now = state.cluster.metrics.rebuildBytesRemaining;
  return {
    kind: 'lines',
    ...timeAxis(state),
    series: [{ key: 'remaining', label: '', values }],
    formatY: formatBytes,
    summary: `Rebuild bytes remaining: now ${formatBytes(now)}, peak ${formatBytes(Math.max(0, ...values))}.`,
  };
}

export function nodeTrafficChart(state: ConsoleViewState): ChartSpec {
  const series = rebuildRatesByNode(state.history);
  const now = series.map((s) => `${s.label} ${formatRate(s.values[s.values.length - 1] ?? 0)}`).join(', ');
  return {
    kind: 'stacked',
    ...timeAxis(state),
    series,
    formatY: formatRate,
    summary:
      series.length === 0
        ? 'Rebuild traffic per node: no rebuild traffic yet.'
        : `Rebuild traffic received per node, stacked: now ${now}.`,
  };
}

export function writesChart(state: ConsoleViewState): ChartSpec {
  const series = writeRateSeries(state.history);
  const m = state.cluster.metrics;
  const last = (i: number) => Math.round(series[i].values[series[i].values.length - 1] ?? 0);
  return {
    kind: 'lines',
    ...timeAxis(state),
    series,
    formatY: (v) => `${Math.round(v)}/s`,
    summary:
      `Client writes per second: now ${last(0)} acknowledged and ${last(1)} failed per second; ` +
      `${m.writesAcked} acknowledged, ${m.writesFailed} failed and ${m.writesLost} lost in all; ${m.shardsNotWritable} shard(s) refuse writes.`,
  };
}
