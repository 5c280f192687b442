import { useEffect, useRef } from 'react';
import type { ConsoleViewState } from '../../store/view-model';
import { useSession } from '../session-context';
import { MiniChart, type ChartSpec } from './mini-chart';

/**
 * Hosts one MiniChart. The chart repaints straight from the store on a
 * publish that changed what charts are drawn from (the history, the live
 * metrics, the clock), without re-rendering React; a publish that only
 * changed the selection or an open panel costs it nothing.
 */
/** `toSpec` should be a stable (module-level) function: a new one rebuilds the chart. */
export function MetricChart({ id, title, toSpec }: { id: string; title: string; toSpec: (state: ConsoleViewState) => ChartSpec }) {
  const session = useSession();
  const hostRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const chart = new MiniChart(host);
    let drawn: ConsoleViewState | null = null;
    const paint = (state: ConsoleViewState) => {
      if (drawn && sameChartInputs(drawn, state)) return;
      drawn = state;
      chart.update(toSpec(state));
    };
    chart.resize(host.clientWidth, host.clientHeight);
    paint(session.store.getState());
    const unsubscribe = session.store.subscribe(paint);
    const observer = new ResizeObserver(() => chart.resize(host.clientWidth, host.clientHeight));
    observer.observe(host);
    return () => {
      observer.disconnect();
      unsubscribe();
      chart.destroy();
    };
  }, [session, toSpec]);

  return (
    <figure className="metric-chart" data-testid={`chart-${id}`}>
      <figcaption>{title}</figcaption>
      <div className="metric-chart-host" ref={hostRef} />
    </figure>
  );
}

/** What every chart spec is computed from (chart-specs.ts): unchanged, the chart would draw the same picture. */
function sameChartInputs(a: ConsoleViewState, b: ConsoleViewState): boolean {
  return (
    a.history === b.history &&
    a.cluster.metrics === b.cluster.metrics &&
    a.playback.timeMs === b.playback.timeMs &&
    a.playback.storyEndMs === b.playback.storyEndMs
  );
}
