import { bytesRemainingChart, nodeTrafficChart, underReplicatedChart } from './chart-specs';
import { MetricChart } from './metric-chart';
import { MetricFigures } from './metric-figures';
import './metrics.css';

/** Headline figures over three small charts of simulated time, with a cursor at "now". */
export function MetricsPanel() {
  return (
    <section className="panel metrics-panel" aria-labelledby="metrics-title" data-testid="metrics">
      <h2 id="metrics-title">Metrics</h2>
      <MetricFigures />
      <div className="metric-charts">
        <MetricChart title="Under-replicated shards — cp’s view (solid), truth (dashed)" toSpec={underReplicatedChart} />
        <MetricChart title="Rebuild bytes remaining" toSpec={bytesRemainingChart} />
        <MetricChart title="Rebuild traffic into each node" toSpec={nodeTrafficChart} />
      </div>
    </section>
  );
}
