import type { ClusterState, Command, ControlPlaneView, RepairView, RestoreView, RunResult, TimedCommand, TraceEntry } from '../engine/index';
import type { SkippedCommand } from '../store/session';
import type { ConsoleClient } from '../worker/console-client';
import type { DriverEventCallback, DriverEventName } from './driver-events';
import { instanceOf, registerDriver } from './driver-registry';
// The one declaration of `window.failoverLab` (its `declare global`), shipped for test authors.
import type {} from '../../types/failover-lab';

/** What `load` set up: the scenario, the seed, and the commands its own timeline will apply (none with `timeline: false`). */
export interface LoadResult {
  scenario: string;
  seed: number;
  timeline: TimedCommand[];
}

export interface LoadOptions {
  /** Overrides the scenario's seed: a whole number from 0 to 4294967295 (else `load` rejects with a RangeError). */
  seed?: number;
  /** `false` loads the scenario without its own timeline, so only your commands act on the run. Default `true`. */
  timeline?: boolean;
}

/**
 * `window.failoverLab`: the console's API for test authors and embedders. Versioned. The engine runs in a Web
 * Worker, so every call returns a promise: it resolves once the worker has acted and the page's store shows the
 * result (the page draws it on its next render). A bad argument rejects with a RangeError naming the limit.
 */
export interface FailoverLabDriver {
  readonly version: '1.1';
  /** Resolves once the console has rendered its first frame. */
  readonly ready: Promise<void>;
  /** Applies a command now. Resolves to the engine's message instead of rejecting when it is refused. */
  dispatch(command: Command): Promise<{ ok: true } | { ok: false; error: string }>;
  /** One event forward; resolves to its trace entries. */
  step(): Promise<TraceEntry[]>;
  /** Forward `ms` simulated ms; rejects with a RangeError naming the limit unless the run stays within 24 h (86400000 ms). */
  advanceBy(ms: number): Promise<void>;
  /** `maxMs` is absolute simulated time, at most 86400000 (24 h); default ten minutes from now. Rejects with a RangeError naming the limit past it. */
  runUntil(target: 'healthy' | 'idle' | 'converged', options?: { maxMs?: number }): Promise<RunResult>;
  getState(): Promise<ClusterState>;
  /**
   * One shard's Merkle trees, repair session and stale keys, as the Repair panel shows them (leaderless replication;
   * null in primary mode). `pair`: the two replica ids to draw (default: the session's, else the most divergent).
   * Rejects for an unknown shard (CommandError) or a pair that is not two of its replicas (RangeError).
   */
  getRepairView(shard: string, pair?: [string, string]): Promise<RepairView | null>;
  /** Backups taken and the cluster restore under way or last (backup, target, phase, bytes, RPO writes, RTO with its formula). */
  getRestoreView(): Promise<RestoreView>;
  /** The control plane: members (role, term, journal index), leader, commit index, newest journal entries, the latest leader failover step by step. */
  getControlPlaneView(): Promise<ControlPlaneView>;
  getTrace(sinceSeq?: number): Promise<TraceEntry[]>;
  digest(): Promise<string>;
  pause(): Promise<void>;
  play(): Promise<void>;
  /** Above 0 and at most 64; rejects with a RangeError naming the limit otherwise. */
  setSpeed(x: number): Promise<void>;
  /** Exact: re-simulates from the inputs. `n` a whole number, 0 or more (more than have happened goes to the start); else rejects with a RangeError. */
  stepBack(n?: number): Promise<void>;
  /** Exact: re-simulates from the inputs. `timeMs` from 0 to 86400000 (24 h); else rejects with a RangeError naming the limit. */
  seek(timeMs: number): Promise<void>;
  /**
   * Loads a built-in scenario by id, or a scenario object (validated; rejects naming every problem). Its timeline
   * still runs unless `timeline: false`; the result lists what it will apply.
   */
  load(scenario: string | object, options?: LoadOptions): Promise<LoadResult>;
  /** Timeline commands that came due and could not apply (e.g. you crashed n3 first), each named with why; also shown as an alert. */
  getSkippedCommands(): Promise<SkippedCommand[]>;
  /** A URL that rebuilds this exact moment. */
  getShareUrl(): Promise<string>;
  /** Selects a node or shard in the view, or clears the selection. */
  select(selection: { kind: 'node' | 'shard'; id: string } | null): Promise<void>;
  /**
   * Calls `callback` for each `time` ({timeMs, event, playing}: after each step, seek and load, at most 4 a second
   * while playing), `trace` ({seq, entries}: new trace entries in order, batched) or `alert` ({message}: each new
   * alert) from now on. Returns the unsubscribe. Synchronous; throws a TypeError for an unknown event.
   */
  on<E extends DriverEventName>(event: E, callback: DriverEventCallback<E>): () => void;
}

/**
 * The driver over a console client: each member is one request of the worker protocol (src/worker/protocol.ts),
 * whose arguments the worker checks (driver-limits.ts) and whose errors come back with their class and words.
 */
export function createDriver(client: ConsoleClient, ready: Promise<void>): FailoverLabDriver {
  const call = client.call.bind(client);
  return {
    version: '1.1',
    ready,
    dispatch: (command) => call('dispatch', command),
    step: () => call('step'),
    advanceBy: (ms) => call('advanceBy', ms),
    // A non-object `options` (a script's mistake) reads as no options, as it did before the worker.
    runUntil: (target, options) => call('runUntil', target, optionsOf(options).maxMs),
    getState: () => call('getState'),
    getRepairView: (shard, pair) => call('getRepairView', shard, pair ?? null),
    getRestoreView: () => call('getRestoreView'),
    getControlPlaneView: () => call('getControlPlaneView'),
    getTrace: (sinceSeq) => call('getTrace', sinceSeq),
    digest: () => call('digest'),
    pause: () => call('pause'),
    play: () => call('play'),
    setSpeed: (x) => call('setSpeed', x),
    stepBack: (n = 1) => call('stepBack', n),
    seek: (timeMs) => call('seek', timeMs),
    load: (scenario, options = {}) => client.loadScenario(scenario, options),
    getSkippedCommands: () => client.callAs('getSkippedCommands', 'skippedCommands'),
    getShareUrl: async () => `${location.origin}${location.pathname}?${await client.callAs('getShareUrl', 'shareQuery')}`,
    select: (selection) => client.select(selection),
    on: (event, callback) => {
      checkListen(event, callback);
      let off: (() => void) | null = null;
      let stopped = false;
      // The listeners load on first use (import()), so the console's start-up bundle does not carry them; before
      // the first frame there is no store yet, so they listen from the first frame on.
      void Promise.all([import('./driver-events'), client.ready]).then(
        ([{ listenToStore }]) => {
          if (!stopped) off = listenToStore(client.store, event, callback);
        },
        () => {},
      );
      return () => {
        stopped = true;
        off?.();
      };
    },
  };
}

const DRIVER_EVENTS: readonly DriverEventName[] = ['time', 'trace', 'alert'];

/** Checked at once, so a mistake throws where it was made, naming it as the driver's other members do. */
function checkListen(event: unknown, callback: unknown): void {
  if (!DRIVER_EVENTS.includes(event as DriverEventName)) {
    throw new TypeError(`on: event must be one of ${DRIVER_EVENTS.map((e) => `'${e}'`).join(', ')}, got ${JSON.stringify(event) ?? String(event)}`);
  }
  if (typeof callback !== 'function') throw new TypeError(`on: callback must be a function, got ${typeof callback}`);
}

function optionsOf(options: unknown): { maxMs?: unknown } {
  return typeof options === 'object' && options !== null ? (options as { maxMs?: unknown }) : {};
}

/**
 * Exposes the driver on `window.failoverLab` and in `window.failoverLabInstances` under this page's `instance=`
 * (driver-registry.ts), ready after the first rendered frame. `Window.failoverLab` is declared once, in the
 * shipped types/failover-lab.d.ts (imported above for that); driver-types.check.ts keeps it equal to this driver.
 */
export function installDriver(client: ConsoleClient): FailoverLabDriver {
  const ready = client.ready.then(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  const driver = createDriver(client, ready);
  registerDriver(driver, instanceOf(location.search));
  return driver;
}
