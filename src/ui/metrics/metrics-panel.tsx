import { bytesRemainingChart, nodeTrafficChart, underReplicatedChart, writesChart } from './chart-specs';
import { MetricChart } from './metric-chart';
import { MetricFigures } from './metric-figures';
import './metrics.css';

/** Headline figures over four small charts of simulated time, with a cursor at "now". */
export function MetricsPanel() {
  return (
    <section className="panel metrics-panel" aria-labelledby="metrics-title" data-testid="metrics">
      <h2 id="metrics-title">Metrics</h2>
      <MetricFigures />
      <div className="metric-charts">
        <MetricChart title="Under-replicated shards" toSpec={underReplicatedChart} />
        <MetricChart title="Rebuild bytes left" toSpec={bytesRemainingChart} />
        <MetricChart title="Rebuild traffic per node" toSpec={nodeTrafficChart} />
        <MetricChart title="Client writes per second" toSpec={writesChart} />
      </div>
    </section>
  );
}
