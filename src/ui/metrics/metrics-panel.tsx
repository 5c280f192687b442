import { useConsole } from '../session-context';
import { bytesRemainingChart, divergenceChart, nodeTrafficChart, underReplicatedChart, writesChart } from './chart-specs';
import { MetricChart } from './metric-chart';
import { MetricFigures } from './metric-figures';
import { clientWritesRan, divergenceShown } from './figure-model';
import './metrics.css';

/**
 * Headline figures over small charts of simulated time, with a cursor at
 * "now". The client-writes chart appears only when clients write; without it
 * the under-replicated chart, the story of every scenario, takes the full
 * width. A leaderless run adds the divergence chart (stale keys, hints).
 */
export function MetricsPanel() {
  const writesRan = useConsole((s) => clientWritesRan(s.cluster));
  const divergence = useConsole((s) => divergenceShown(s.cluster));
  return (
    <section className="panel metrics-panel" aria-labelledby="metrics-title" data-testid="metrics">
      <h2 id="metrics-title">Metrics</h2>
      <MetricFigures />
      <div className={`metric-charts${writesRan ? '' : ' without-writes'}${divergence ? ' with-divergence' : ''}`}>
        <MetricChart id="under-replicated" title="Under-replicated shards" toSpec={underReplicatedChart} />
        <MetricChart id="rebuild-remaining" title="Rebuild bytes left" toSpec={bytesRemainingChart} />
        <MetricChart id="rebuild-traffic" title="Rebuild traffic per node" toSpec={nodeTrafficChart} />
        {writesRan && <MetricChart id="writes" title="Client writes per second" toSpec={writesChart} />}
        {divergence && <MetricChart id="divergence" title="Stale keys: known vs truth, and hints pending" toSpec={divergenceChart} />}
      </div>
    </section>
  );
}
