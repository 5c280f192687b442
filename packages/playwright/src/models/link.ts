import type { Locator } from '@playwright/test';
import type { LabContext } from '../lab.js';

/** A link on the map (`link-<node>-cp`, or `link-<a>-<b>` between nodes of a small cluster): a button that cuts or heals it. */
export class LinkModel {
  constructor(
    private readonly lab: LabContext,
    readonly a: string,
    readonly b: string,
  ) {}

  get locator(): Locator {
    return this.lab.byTestId(this.lab.sel.link(this.a, this.b));
  }

  /** True when its accessible name says it is cut. */
  async isCut(): Promise<boolean> {
    return /cut/i.test((await this.locator.getAttribute('aria-label')) ?? '');
  }

  async cut(): Promise<void> {
    if (!(await this.isCut())) await this.locator.click();
  }

  async heal(): Promise<void> {
    if (await this.isCut()) await this.locator.click();
  }
}
