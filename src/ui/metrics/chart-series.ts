import type { Metrics, NodeId } from '../../engine/index';
import { SAMPLE_EVERY_MS, type MetricsSample } from '../../store/view-model';

/** One line or band of a chart: y values aligned with the chart's x values. */
export interface Series {
  key: string;
  label: string;
  values: number[];
}

/** A chart point from the live metrics: what the figures show now. */
export function sampleNow(metrics: Metrics, timeMs: number): MetricsSample {
  return {
    timeMs,
    underReplicated: metrics.underReplicatedShards,
    underReplicatedTruth: metrics.underReplicatedShardsTruth,
    lost: metrics.lostShards,
    rebuildBytesRemaining: metrics.rebuildBytesRemaining,
    copiesInFlight: metrics.copiesInFlight,
    bytesInByNode: metrics.rebuildBytesInByNode,
    writesAcked: metrics.writesAcked,
    writesFailed: metrics.writesFailed,
    staleKeysTruth: metrics.staleKeysTruth,
    staleKeysKnown: metrics.staleKeysKnown,
    hintsPending: metrics.hintsPending,
  };
}

/**
 * The sampled history up to now, ending on `now` itself. Samples fall on a
 * fixed grid, so the newest one can be up to a sample period old (or, after a
 * single step, labelled just ahead of now); the charts' right-hand labels must
 * say what the figures say, so every chart ends on the live value.
 */
export function historyToNow(history: readonly MetricsSample[], now: MetricsSample): MetricsSample[] {
  let end = history.length;
  while (end > 0 && history[end - 1].timeMs >= now.timeMs) end--;
  const out = history.slice(0, end);
  out.push(now);
  return out;
}

/** Most nodes drawn as their own band; the rest are summed as "others" so a 100-node chart stays legible. */
export const MAX_NODE_BANDS = 6;

/**
 * Node ids in numeric order (n2 before n10): `localeCompare` with options builds a collator on every call, and
 * the chart sorts its nodes on every publish, so one collator is kept.
 */
const byNodeId = new Intl.Collator('en', { numeric: true }).compare;

/** Rebuild traffic into each node, in bytes per simulated second, from the cumulative samples. */
export function rebuildRatesByNode(history: readonly MetricsSample[], maxBands = MAX_NODE_BANDS): Series[] {
  if (history.length === 0) return [];
  const last = history[history.length - 1].bytesInByNode;
  const nodes = Object.keys(last).filter((id) => last[id] > 0);
  // Busiest first; ties by id so the order (and the colours) never flicker.
  nodes.sort((a, b) => last[b] - last[a] || byNodeId(a, b));
  const shown = nodes.slice(0, maxBands);
  const rest = nodes.slice(maxBands);
  const series: Series[] = shown.map((id) => ({ key: id, label: id, values: rates(history, [id]) }));
  if (rest.length > 0) series.push({ key: 'others', label: `${rest.length} others`, values: rates(history, rest) });
  return series;
}

function rates(history: readonly MetricsSample[], nodes: readonly NodeId[]): number[] {
  return history.map((sample, i) => {
    const prev = history[earlierSample(history, i, SAMPLE_EVERY_MS)];
    const dtSec = (sample.timeMs - prev.timeMs) / 1000;
    if (dtSec <= 0) return 0;
    let bytes = 0;
    for (const id of nodes) bytes += (sample.bytesInByNode[id] ?? 0) - (prev.bytesInByNode[id] ?? 0);
    return Math.max(0, bytes / dtSec);
  });
}

/**
 * The sample a rate at `i` is measured from: the latest one at least `minDtMs`
 * earlier (the one before, on the sample grid). The live point at the end can
 * be a few ms after the last sample; a rate over so short a span would jump.
 */
function earlierSample(history: readonly MetricsSample[], i: number, minDtMs: number): number {
  let j = Math.max(0, i - 1);
  while (j > 0 && history[i].timeMs - history[j].timeMs < minDtMs) j--;
  return j;
}

/** The under-replicated count by belief and by truth, and lost shards. */
export function shardHealthSeries(history: readonly MetricsSample[]): Series[] {
  return [
    { key: 'belief', label: 'cp', values: history.map((s) => s.underReplicated) },
    { key: 'truth', label: 'truth', values: history.map((s) => s.underReplicatedTruth) },
    { key: 'lost', label: 'lost', values: history.map((s) => s.lost) },
  ];
}

/** Samples a write rate is averaged over: a few writes per half second would otherwise show as a saw-tooth. */
export const WRITE_RATE_WINDOW = 4;

/** Client writes per simulated second, acknowledged and failed, from the cumulative counts (a sliding average). */
export function writeRateSeries(history: readonly MetricsSample[], window = WRITE_RATE_WINDOW): Series[] {
  const perSecond = (pick: (s: MetricsSample) => number) =>
    history.map((sample, i) => {
      const from = history[Math.max(0, i - window)];
      const dtSec = (sample.timeMs - from.timeMs) / 1000;
      return dtSec > 0 ? Math.max(0, (pick(sample) - pick(from)) / dtSec) : 0;
    });
  return [
    { key: 'acked', label: 'acked', values: perSecond((s) => s.writesAcked) },
    { key: 'failed', label: 'failed', values: perSecond((s) => s.writesFailed) },
  ];
}

/** Divergence (leaderless replication): stale keys as known (read digests, Merkle comparisons, hints) and in truth, and hints pending. */
export function divergenceSeries(history: readonly MetricsSample[]): Series[] {
  return [
    { key: 'known', label: 'known', values: history.map((s) => s.staleKeysKnown) },
    { key: 'truth', label: 'truth', values: history.map((s) => s.staleKeysTruth) },
    { key: 'hints', label: 'hints', values: history.map((s) => s.hintsPending) },
  ];
}
