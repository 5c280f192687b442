import { useEffect, useRef } from 'react';
import type { ConsoleViewState } from '../../store/view-model';
import { useSession } from '../session-context';
import { MiniChart, type ChartSpec } from './mini-chart';

/**
 * Hosts one MiniChart. The chart repaints straight from the store on every
 * publish (at most once per frame) without re-rendering React.
 */
/** `toSpec` should be a stable (module-level) function: a new one rebuilds the chart. */
export function MetricChart({ id, title, toSpec }: { id: string; title: string; toSpec: (state: ConsoleViewState) => ChartSpec }) {
  const session = useSession();
  const hostRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const chart = new MiniChart(host);
    const paint = (state: ConsoleViewState) => chart.update(toSpec(state));
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
