import type { CSSProperties } from 'react';
import { useConsole } from '../session-context';
import { bytesRemainingChart, divergenceChart, nodeTrafficChart, underReplicatedChart, writesChart } from './chart-specs';
import { MetricChart } from './metric-chart';
import { MetricFigures } from './metric-figures';
import { clientWritesRan, divergenceShown, rebuildChartsShown } from './figure-model';
import './metrics.css';

/**
 * Headline figures over small charts of simulated time, with a cursor at
 * "now". The client-writes chart appears only when clients write; without it
 * the under-replicated chart, the story of every scenario, takes the full
 * width. A leaderless run leads with the divergence chart (stale keys,
 * hints) and drops the rebuild charts while nothing has been re-homed.
 */
export function MetricsPanel() {
  const writesRan = useConsole((s) => clientWritesRan(s.cluster));
  const divergence = useConsole((s) => divergenceShown(s.cluster));
  const rebuild = useConsole((s) => rebuildChartsShown(s.cluster));
  const count = 1 + (rebuild ? 2 : 0) + (writesRan ? 1 : 0) + (divergence ? 1 : 0);
  // An odd count: the first chart takes a row of its own.
  const style = { '--chart-rows': Math.ceil(count / 2) } as CSSProperties;
  return (
    <section className="panel metrics-panel" aria-labelledby="metrics-title" data-testid="metrics">
      <h2 id="metrics-title">Metrics</h2>
      <MetricFigures />
      <div className={`metric-charts${count % 2 === 1 ? ' first-spans' : ''}`} style={style}>
        {divergence && <MetricChart id="divergence" title="Stale keys: known vs truth, and hints pending" toSpec={divergenceChart} />}
        <MetricChart id="under-replicated" title="Under-replicated shards" toSpec={underReplicatedChart} />
        {rebuild && <MetricChart id="rebuild-remaining" title="Rebuild bytes left" toSpec={bytesRemainingChart} />}
        {rebuild && <MetricChart id="rebuild-traffic" title="Rebuild traffic per node" toSpec={nodeTrafficChart} />}
        {writesRan && <MetricChart id="writes" title="Client writes per second" toSpec={writesChart} />}
      </div>
    </section>
  );
}
