import type { Locator } from '@playwright/test';
import type { ShardView } from '../driver.js';
import type { LabContext } from '../lab.js';
import { readStatePart } from '../state-part.js';

/** The placement panel: the shard grid (≤ 2,000 shards) or heat map, and its overlays. */
export class PlacementModel {
  constructor(private readonly lab: LabContext) {}

  get root(): Locator {
    return this.lab.byTestId(this.lab.sel.panels.placement);
  }

  get heatmap(): Locator {
    return this.lab.byTestId(this.lab.sel.panels.heatmap);
  }

  /** Switches the grid to the Replicas or the Writes (quorum) overlay. */
  async overlay(name: 'replicas' | 'writes'): Promise<void> {
    await this.lab.byTestId(name === 'replicas' ? this.lab.sel.panels.overlayReplicas : this.lab.sel.panels.overlayWrites).click();
  }
}

/** One shard's grid cell (`shard-<id>`, with `data-state`, `data-quorum`, `data-last-copy`…). */
export class ShardModel {
  constructor(
    private readonly lab: LabContext,
    readonly id: string,
  ) {}

  get locator(): Locator {
    return this.lab.byTestId(this.lab.sel.shard(this.id));
  }

  async select(): Promise<void> {
    await this.locator.click();
  }

  /** The engine's view of this shard (runs up to 2,000 shards: past that the state lists them only as codes). */
  async state(): Promise<ShardView> {
    const shard = await readStatePart(this.lab.target, { part: 'shard', id: this.id });
    if (!shard) throw new Error(`no shard ${this.id} in this run's view`);
    return shard;
  }
}
