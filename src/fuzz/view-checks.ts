import type { ConsoleSession } from '../store/session';
import { bytesRemainingChart, nodeTrafficChart, underReplicatedChart, writesChart } from '../ui/metrics/chart-specs';
import { linePath, linearScale, stackSeries, ticks } from '../ui/metrics/chart-math';
import { timeScale } from '../ui/metrics/time-axis';

/**
 * What the page computes on its next frame after a load or a call: the
 * published view state and the metric charts' shapes (the pure part of
 * rendering; D3 only draws the result). A 6-hour URL once overflowed the
 * stack here, so the fuzzer draws every chart it would draw.
 */
export function drawLikeThePage(session: Pick<ConsoleSession, 'flush' | 'store'>): void {
  session.flush();
  const state = session.store.getState();
  for (const chart of [underReplicatedChart, bytesRemainingChart, nodeTrafficChart, writesChart]) {
    const spec = chart(state);
    const x = timeScale(spec.time, [0, 600], 6);
    const y = linearScale([0, spec.yMax], [120, 0]);
    ticks(spec.yMax, 4);
    const xs = spec.timesMs.map((t) => x(t));
    if (spec.kind === 'stacked') stackSeries(spec.series.map((s) => s.values));
    for (const s of spec.series) linePath(xs, s.values.map((v) => y(v)));
    spec.formatY(spec.yMax);
  }
}
