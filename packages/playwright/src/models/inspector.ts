import type { Locator } from '@playwright/test';
import type { LabContext } from '../lab.js';

/** The inspector: the selected node or shard, or (nothing selected) the partition tool and cluster actions. */
export class InspectorModel {
  constructor(private readonly lab: LabContext) {}

  get root(): Locator {
    return this.lab.byTestId(this.lab.sel.panels.inspector);
  }

  get partitionTool(): Locator {
    return this.lab.byTestId(this.lab.sel.panels.partitionTool);
  }

  /** A button in the inspector by its accessible name ("Crash n3", "Cut n2–n4", "Emergency repair"…). */
  button(name: string | RegExp): Locator {
    return this.root.getByRole('button', { name, exact: typeof name === 'string' });
  }

  async clear(): Promise<void> {
    await this.lab.call('select', null);
  }
}
