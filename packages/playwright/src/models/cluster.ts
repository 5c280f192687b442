import type { Locator } from '@playwright/test';
import type { NodeView } from '../driver.js';
import type { LabContext } from '../lab.js';
import { readStatePart } from '../state-part.js';

/** The cluster map: nodes, links and `cp`; past 40 nodes, racks (`rack-<id>`) that open in place. */
export class ClusterModel {
  constructor(private readonly lab: LabContext) {}

  get map(): Locator {
    return this.lab.byTestId(this.lab.sel.panels.clusterMap);
  }

  rack(id: string): Locator {
    return this.lab.byTestId(this.lab.sel.rack(id));
  }

  /** Find node (`n742` or `742`): selects it and, in a big cluster, opens its rack. */
  async find(node: string): Promise<void> {
    const search = this.lab.byTestId(this.lab.sel.panels.clusterSearch);
    await search.fill(node);
    await search.press('Enter');
  }
}

/**
 * One node: its map element (`node-<id>`, showing truth and belief in words) and its actions, the inspector's
 * buttons named "Crash n3", "Restart n3", "Destroy n3" (role locators first, test ids where there is no role).
 */
export class NodeModel {
  constructor(
    readonly lab: LabContext,
    readonly id: string,
  ) {}

  get locator(): Locator {
    return this.lab.byTestId(this.lab.sel.node(this.id));
  }

  /** Selects it in the view (a click on the map; through the driver when the node is inside a closed rack). */
  async select(): Promise<void> {
    if (await this.locator.isVisible()) await this.locator.click();
    else await this.lab.call('select', { kind: 'node', id: this.id });
  }

  private async act(verb: 'Crash' | 'Restart' | 'Destroy'): Promise<void> {
    await this.select();
    await this.lab.target.getByRole('button', { name: `${verb} ${this.id}`, exact: true }).click();
  }

  /** Clicks the node, then "Crash <id>": the process stops (truth); cp finds out later (belief). */
  crash(): Promise<void> {
    return this.act('Crash');
  }

  restart(): Promise<void> {
    return this.act('Restart');
  }

  destroy(): Promise<void> {
    return this.act('Destroy');
  }

  /** The engine's view of this node: `up`/`lifecycle` are the truth, `health` the control plane's belief. */
  async state(): Promise<NodeView> {
    const node = await readStatePart(this.lab.target, { part: 'node', id: this.id });
    if (!node) throw new Error(`no node ${this.id} in this run`);
    return node;
  }
}
