import type { Locator } from '@playwright/test';
import type { LabContext } from '../lab.js';

/** The metrics panel: figures `metric-<name>` (`under-replicated`, `lost`, `writes-acked`…) and charts `chart-<name>`. */
export class MetricsModel {
  constructor(private readonly lab: LabContext) {}

  get root(): Locator {
    return this.lab.byTestId(this.lab.sel.panels.metrics);
  }

  /** The figure as shown, e.g. `metric('under-replicated')`. */
  metric(name: string): Locator {
    return this.lab.byTestId(this.lab.sel.metric(name));
  }

  chart(name: string): Locator {
    return this.lab.byTestId(this.lab.sel.chart(name));
  }
}
