import type { ClusterState, Command, RunResult, Scenario, TimedCommand, TraceEntry } from '../engine/index';
import { parseScenario } from '../scenarios/parse-scenario';
import { getBuiltInScenarioData, builtInScenarioIds } from '../scenarios/built-in-registry';
import type { ConsoleSession, SkippedCommand } from '../store/session';
import { withoutTimeline } from '../store/share-url';
// The one declaration of `window.failoverLab` (its `declare global`), shipped for test authors.
import type {} from '../../types/failover-lab';
import { checkAdvanceBy, checkRunUntil, checkSeed, checkSeek, checkSpeed, checkStepBack } from './driver-limits';

/** What `load` set up: the scenario, the seed, and the commands its own timeline will apply (none with `timeline: false`). */
export interface LoadResult {
  scenario: string;
  seed: number;
  timeline: TimedCommand[];
}

export interface LoadOptions {
  /** Overrides the scenario's seed: a whole number from 0 to 4294967295 (else `load` throws a RangeError). */
  seed?: number;
  /** `false` loads the scenario without its own timeline, so only your commands act on the run. Default `true`. */
  timeline?: boolean;
}

/**
 * `window.failoverLab`: the console's API for test authors and embedders.
 * Versioned; every call acts on the live console and publishes at once, so
 * the page shows the result on its next render.
 */
export interface FailoverLabDriver {
  readonly version: '1.0';
  /** Resolves once the console has rendered its first frame. */
  readonly ready: Promise<void>;
  /** Applies a command now. Returns the engine's message instead of throwing when it is refused. */
  dispatch(command: Command): { ok: true } | { ok: false; error: string };
  /** One event forward; returns its trace entries. */
  step(): TraceEntry[];
  /** Forward `ms` simulated ms; throws a RangeError naming the limit unless the run stays within 24 h (86400000 ms). */
  advanceBy(ms: number): void;
  /** `maxMs` is absolute simulated time, at most 86400000 (24 h); default ten minutes from now. Throws a RangeError naming the limit past it. */
  runUntil(target: 'healthy' | 'idle', options?: { maxMs?: number }): RunResult;
  getState(): ClusterState;
  getTrace(sinceSeq?: number): TraceEntry[];
  digest(): string;
  pause(): void;
  play(): void;
  /** Above 0 and at most 64; throws a RangeError naming the limit otherwise. */
  setSpeed(x: number): void;
  /** Exact: re-simulates from the inputs. `n` a whole number, 0 or more (more than have happened goes to the start); else throws a RangeError. */
  stepBack(n?: number): void;
  /** Exact: re-simulates from the inputs. `timeMs` from 0 to 86400000 (24 h); else throws a RangeError naming the limit. */
  seek(timeMs: number): void;
  /**
   * Loads a built-in scenario by id, or a scenario object (validated; throws
   * naming every problem). Its timeline still runs unless `timeline: false`;
   * the result lists what it will apply.
   */
  load(scenario: string | object, options?: LoadOptions): LoadResult;
  /** Timeline commands that came due and could not apply (e.g. you crashed n3 first), each named with why; also shown as an alert. */
  getSkippedCommands(): SkippedCommand[];
  /** A URL that rebuilds this exact moment. */
  getShareUrl(): string;
  /** Selects a node or shard in the view, or clears the selection. */
  select(selection: { kind: 'node' | 'shard'; id: string } | null): void;
}

export function createDriver(session: ConsoleSession, ready: Promise<void>): FailoverLabDriver {
  const publish = <T>(value: T): T => {
    session.flush();
    return value;
  };
  return {
    version: '1.0',
    ready,
    dispatch: (command) => publish(session.dispatch(command)),
    step: () => {
      const before = session.simulation.getTraceWindow().recorded;
      session.step();
      return publish(session.simulation.getTrace(before));
    },
    advanceBy: (ms) => publish(session.advanceBy(checkAdvanceBy(ms, session.simulation.timeMs))),
    runUntil: (target, options) => {
      const checked = checkRunUntil(target, options?.maxMs, session.simulation.timeMs);
      return publish(session.runUntil(checked.target, checked.maxMs));
    },
    getState: () => session.simulation.getState(),
    getTrace: (sinceSeq) => session.simulation.getTrace(sinceSeq),
    digest: () => session.simulation.digest(),
    pause: () => publish(session.pause()),
    play: () => publish(session.play()),
    setSpeed: (x) => publish(session.setSpeed(checkSpeed(x))),
    stepBack: (n = 1) => publish(session.stepBack(checkStepBack(n))),
    seek: (timeMs) => publish(session.seek(checkSeek(timeMs))),
    load: (scenario, options = {}) => {
      const given = resolveScenario(scenario);
      const resolved = options.timeline === false ? withoutTimeline(given) : given;
      const seed = options.seed === undefined ? resolved.seed : checkSeed(options.seed);
      session.load(resolved, seed);
      return publish({ scenario: resolved.id, seed, timeline: resolved.timeline.map((t) => ({ atMs: t.atMs, command: t.command })) });
    },
    getSkippedCommands: () => session.skippedCommands(),
    getShareUrl: () => `${location.origin}${location.pathname}?${session.shareQuery()}`,
    select: (selection) => publish(session.select(selection)),
  };
}

function resolveScenario(scenario: string | object): Scenario {
  if (typeof scenario === 'string') {
    const found = getBuiltInScenarioData(scenario);
    if (!found) throw new Error(`load: unknown scenario "${scenario}" (built-in: ${builtInScenarioIds().join(', ')})`);
    return found;
  }
  const parsed = parseScenario(scenario);
  if (!parsed.ok) throw new Error(`load: the scenario has problems:\n${parsed.problems.join('\n')}`);
  return parsed.scenario;
}

/**
 * Exposes the driver on `window.failoverLab`, ready after the first rendered frame. `Window.failoverLab` is
 * declared once, in the shipped types/failover-lab.d.ts (imported above for that); driver-types.check.ts
 * keeps it equal to this driver.
 */
export function installDriver(session: ConsoleSession): FailoverLabDriver {
  const ready = new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
  const driver = createDriver(session, ready);
  window.failoverLab = driver;
  return driver;
}
