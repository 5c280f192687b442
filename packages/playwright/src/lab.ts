import { expect, type Frame, type Locator, type Page } from '@playwright/test';
import type { Call, ClusterState, FailoverLabDriver } from './driver.js';
import { ClusterModel, NodeModel } from './models/cluster.js';
import { EmbedModel } from './models/embed.js';
import { InspectorModel } from './models/inspector.js';
import { LessonModel } from './models/lesson.js';
import { LinkModel } from './models/link.js';
import { MetricsModel } from './models/metrics.js';
import { PlacementModel, ShardModel } from './models/placement.js';
import { PlaybackModel } from './models/playback.js';
import { toQuery, type LabQuery } from './query.js';
import { readStatePart } from './state-part.js';
import { KIT_DRIVER_VERSION, resolveSelectors, type Selectors } from './selectors/index.js';

export interface LabOptions {
  /** Where the console is served (e.g. `https://lab.example`); default: Playwright's `baseURL`. */
  labURL?: string;
  /** URL parameters added to every `lab.open()` (the call's own win). */
  labQuery?: Exclude<LabQuery, string>;
  /** Page errors matching one of these do not fail the test (the `pageErrors` fixture). */
  ignoreErrors?: RegExp[];
}

/** What every model needs: where to look, the resolved test ids, and the driver. */
export interface LabContext {
  readonly target: Page | Frame;
  readonly sel: Selectors;
  readonly call: Call;
  byTestId(id: string): Locator;
}

export interface Lab extends LabContext {
  /** Opens the console (`path` `/`, or `/embed/` for the embed page) with URL parameters and waits for its driver. */
  open(query?: LabQuery, options?: { path?: string }): Promise<void>;
  /** Waits for the driver already in the page or frame (after your own navigation, or inside an embed). */
  attach(): Promise<void>;
  /** The page's driver version (`'1.1'`). */
  version(): Promise<string>;
  /** Shortcut for `call('getState')`: the whole state, tens of MB at fleet size (the models read only their part). */
  state(): Promise<ClusterState>;
  /** Waits until the playback clock shows the run's current moment (a paused run; any size, it reads only the time). */
  synced(): Promise<void>;
  readonly cluster: ClusterModel;
  node(id: string): NodeModel;
  link(a: string, b: string): LinkModel;
  readonly placement: PlacementModel;
  shard(id: string): ShardModel;
  readonly playback: PlaybackModel;
  readonly metrics: MetricsModel;
  /** `metric('under-replicated')` → the figure with test id `metric-under-replicated`. */
  metric(name: string): Locator;
  readonly inspector: InspectorModel;
  readonly lesson: LessonModel;
  readonly embed: EmbedModel;
  /** The same lab over a console inside an iframe of this page (a docs page's `/embed/?…`). Call `attach()` on it. */
  inFrame(frame: Frame): Lab;
}

/** The driver as the page holds it (the kit does not declare `window.failoverLab` globally: see types/). */
type WithDriver = { failoverLab?: FailoverLabDriver };

function isPage(target: Page | Frame): target is Page {
  return 'mainFrame' in target;
}

/** The page the target belongs to. */
export function pageOf(target: Page | Frame): Page {
  return isPage(target) ? target : target.page();
}

export function makeLab(target: Page | Frame, options: LabOptions = {}): Lab {
  let selectors: Selectors | undefined;
  const call = ((method: string, ...args: unknown[]) =>
    target.evaluate(
      async ([m, a]) => {
        const driver = (window as unknown as WithDriver).failoverLab as unknown as Record<string, (...x: unknown[]) => unknown> | undefined;
        if (!driver) throw new Error('window.failoverLab is not there: is this the Failover Lab console?');
        if (typeof driver[m] !== 'function') throw new Error(`window.failoverLab has no method "${m}"`);
        return await driver[m](...a);
      },
      [method, args] as const,
    )) as Call;

  const lab: Lab = {
    target,
    call,
    // Before the driver is there (an embed's poster), the newest spelling this kit knows; attach() resolves the page's.
    get sel() {
      return selectors ?? resolveSelectors(KIT_DRIVER_VERSION);
    },
    byTestId: (id) => target.getByTestId(id),
    async open(query, openOptions = {}) {
      const path = openOptions.path ?? '/';
      const base = options.labURL ? options.labURL.replace(/\/$/, '') : '';
      await target.goto(`${base}${path}${toQuery(query, options.labQuery)}`);
      await lab.attach();
    },
    async attach() {
      // A page that navigates while it starts (a redirect, a dev server's reload) destroys the context mid-wait:
      // wait again in the new document.
      for (let attempt = 1; ; attempt++) {
        try {
          await target.waitForFunction(() => (window as unknown as WithDriver).failoverLab !== undefined, undefined, { timeout: 30_000 });
          await target.evaluate(async () => {
            await (window as unknown as WithDriver).failoverLab!.ready;
          });
          break;
        } catch (error) {
          if (attempt >= 3 || !/context was destroyed|navigat/i.test(String(error))) throw error;
        }
      }
      selectors = resolveSelectors(await lab.version());
    },
    version: () => target.evaluate(() => (window as unknown as WithDriver).failoverLab!.version as string),
    state: () => call('getState'),
    async synced() {
      const timeMs = await readStatePart(target, { part: 'timeMs' });
      await expect(lab.playback.time).toContainText(formatSimTime(timeMs));
    },
    get cluster() {
      return new ClusterModel(lab);
    },
    node: (id) => new NodeModel(lab, id),
    link: (a, b) => new LinkModel(lab, a, b),
    get placement() {
      return new PlacementModel(lab);
    },
    shard: (id) => new ShardModel(lab, id),
    get playback() {
      return new PlaybackModel(lab);
    },
    get metrics() {
      return new MetricsModel(lab);
    },
    metric: (name) => target.getByTestId(lab.sel.metric(name)),
    get inspector() {
      return new InspectorModel(lab);
    },
    get lesson() {
      return new LessonModel(lab);
    },
    get embed() {
      return new EmbedModel(lab);
    },
    inFrame: (frame) => makeLab(frame, options),
  };
  return lab;
}

/** The playback clock's words (the console's formatSimTime): "4.00 s", "20.0 s", "1:05.3". */
export function formatSimTime(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = ((ms % 60_000) / 1000).toFixed(1).padStart(4, '0');
  return `${minutes}:${seconds}`;
}
