import type { Locator } from '@playwright/test';
import type { LabContext } from '../lab.js';

/** The embed page (`/embed/?…`): its region, the problems banner, the link to the full console, the poster's Run button. */
export class EmbedModel {
  constructor(private readonly lab: LabContext) {}

  private get ids() {
    return this.lab.sel.embed;
  }

  /** The embed's region; its accessible name is `label=`. */
  get root(): Locator {
    return this.lab.byTestId(this.ids.root);
  }

  /** A bad URL option, named (`role="alert"`, dismissible). */
  get problems(): Locator {
    return this.lab.byTestId(this.ids.problems);
  }

  /** The link to the full console at the same moment. */
  get openFull(): Locator {
    return this.lab.byTestId(this.ids.openFull);
  }

  get poster(): Locator {
    return this.lab.byTestId(this.ids.poster);
  }

  /** The poster's button, "Run the simulation: <title>". */
  get runButton(): Locator {
    return this.lab.byTestId(this.ids.run);
  }
}
