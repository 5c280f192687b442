import type {
  ClusterState,
  Command,
  ControlPlaneView,
  MachineRef,
  Metrics,
  RepairView,
  RestoreView,
  RunResult,
  Scenario,
  ShardView,
  TimedCommand,
  TraceEntry,
} from '../engine/index';
import type { CheckOutcome, ObserveOutcome, PredictionRecord } from '../lessons/lesson-types';
import type { BuiltInTitle } from '../scenarios/built-in-titles';
import type { SkippedCommand } from '../store/session';
import type { ConsoleAlert, ConsoleViewState, MetricsSample, Selection } from '../store/view-model';
import type { EmbedPlaybackRequest, EmbedPlaybackView } from './embed-playback';
import type { PackedHistory } from './packed-history';
import type { PackedTrace } from './packed-trace';

/**
 * The one typed message protocol between the page (main thread) and the engine's Web Worker. The page sends a
 * request `{ kind: 'call', id, method, args }`; the worker answers each with a reply carrying the same id, either
 * `{ ok: true, value }` or `{ ok: false, error: { name, message } }` (a RangeError stays a RangeError, a
 * CommandError a CommandError, with the engine's own words). Between replies the worker pushes frames: the view
 * state the page renders. A frame that a call caused is posted before that call's reply, so when the page's
 * promise resolves its store already shows the result.
 *
 * Every method of EngineApi below is one request; its TypeScript signature is the contract on both sides.
 */

/** What `dispatch` answers: the engine's refusal in words instead of a throw (also shown as an alert). */
export type DispatchResult = { ok: true } | { ok: false; error: string };

/** What `loadScenario` set up (the driver's `load`). */
export interface LoadResult {
  scenario: string;
  seed: number;
  timeline: TimedCommand[];
}

/** `runHeadless`: a run apart from the console's own (lessons compare one against another). */
export interface HeadlessRequest {
  /** A built-in id or a scenario object (validated like the driver's `load`). */
  scenario: string | object;
  /** Overrides the scenario's seed. */
  seed?: number;
  /** `false` drops the scenario's own timeline. Default true. */
  timeline?: boolean;
  /** Commands applied at their times (absolute simulated ms), in order. */
  commands?: readonly TimedCommand[];
  /** Run until the engine reports this target, or to a simulated time. */
  until: 'healthy' | 'idle' | { timeMs: number };
  /** The latest simulated time the run may reach (default ten simulated minutes after the last command). */
  maxMs?: number;
}

export interface HeadlessReport {
  scenario: string;
  seed: number;
  result: RunResult;
  metrics: Metrics;
  digest: string;
  eventCount: number;
  /** Commands that the engine refused, each with its words (the run went on without them). */
  refused: { atMs: number; command: Command; error: string }[];
  nodes: { total: number; up: number; byHealth: Record<string, number> };
  shards: { total: number; byState: Record<string, number> };
  trace: { entries: number; byLevel: Record<string, number>; byKind: Record<string, number> };
}

/** Every request the worker serves. Arguments the driver passes through unchecked are `unknown`; the worker checks them. */
export interface EngineApi {
  // ---------------------------------------------------------- loading
  /** Loads a validated scenario at a seed (the scenario picker, the seed box, a file the page parsed). */
  load(scenario: Scenario, seed: number): void;
  /** Reads the page's URL query (scenario, seed, commands, moment, speed) and rebuilds it; problems become alerts. */
  restoreFromQuery(search: string): void;
  /** The driver's `load`: a built-in id or a scenario object, checked and validated in the worker. */
  loadScenario(scenario: unknown, options: unknown): LoadResult;
  /** A scenario file's text, parsed in the worker; a problem becomes an alert and changes nothing. Returns the problems. */
  loadFile(name: string, text: string): string[];
  /** Loads the current scenario again at another seed. */
  reseed(seed: number): void;
  /** Id and title of every built-in scenario (the scenario picker): the page never loads the scenarios' data. */
  listBuiltIns(): BuiltInTitle[];

  // ---------------------------------------------------------- playback
  play(): void;
  pause(): void;
  togglePlay(): void;
  setSpeed(speed: unknown): void;
  faster(): void;
  slower(): void;
  /** One event forward; its trace entries. */
  step(): TraceEntry[];
  /** Forward to the next significant event. */
  stepNext(): void;
  stepBack(n: unknown): void;
  seek(timeMs: unknown): void;
  seekToEvent(eventCount: number): void;
  advanceBy(ms: unknown): void;
  runUntil(target: unknown, maxMs: unknown): RunResult;
  /** The Repair panel's view of one shard (Simulation.getRepairView), for the driver: checked names, null in primary mode. */
  getRepairView(shard: unknown, pair: unknown): RepairView | null;
  /** The restore panel's view (Simulation.getRestoreView): backups taken, the restore under way or last. */
  getRestoreView(): RestoreView;
  /** The control plane's members, leader, journal and latest leader failover (Simulation.getControlPlaneView). */
  getControlPlaneView(): ControlPlaneView;

  // ---------------------------------------------------------- acting and reading
  dispatch(command: Command): DispatchResult;
  getState(): ClusterState;
  getTrace(sinceSeq: unknown): TraceEntry[];
  digest(): string;
  skippedCommands(): SkippedCommand[];
  /** The query string that rebuilds this moment. */
  shareQuery(): string;
  /** Why this moment cannot be a link (also shown as an alert), or null. */
  shareProblem(): string | null;

  // ---------------------------------------------------------- what the page watches (owned by the page, told here)
  select(selection: Selection): void;
  showMachines(place: string, refs: readonly MachineRef[] | null): void;
  showLog(open: boolean): void;
  /** Opens or closes the shard inspector's Repair panel, with the replica pair to draw (null: the engine picks). */
  showRepair(open: boolean, pair: readonly [string, string] | null): void;
  /** Opens or closes the control plane's journal view (its newest entries are then read on every publish). */
  showJournal(open: boolean): void;
  /** Shows (or with null clears) what a fault would do before it is injected. */
  previewFault(label: string, command: Command | null): void;
  alert(message: string, source: ConsoleAlert['source']): void;
  dismissAlert(id: number): void;

  // ---------------------------------------------------------- apart from the console's run
  runHeadless(request: HeadlessRequest): HeadlessReport;

  // ---------------------------------------------------------- lessons (lessons-contract.md; the live run is label `you`)
  /** Parses a lesson, picks its variant and loads that variant's scenario and seed as the console's run. */
  lessonLoad(lessonText: string, variant: number): LoadResult;
  /** Evaluates a check on the live run at this moment (never throws: a problem is `error` in words). */
  lessonCheck(expr: unknown, predictions: Record<string, PredictionRecord>): CheckOutcome;
  /** Runs an observe step's runs headless, apart from the console's run, and its comparison table. */
  lessonObserve(lessonText: string, variant: number, stepId: string): ObserveOutcome;
  /**
   * While set, evaluated after each batch of events the console plays: playback pauses at the first event at which
   * it holds (a model event, never a timer). Every frame then carries `lessonWatchMet`. null clears it.
   */
  lessonWatch(expr: unknown): void;

  // ---------------------------------------------------------- the embed page (embed-playback.ts)
  /**
   * Sets (or with null lifts) the embed's `until`, `range` and `loop`: playing pauses exactly there, the learner's
   * moves stay in the range, a loop plays the clip again. Loading another run lifts them. Returns what frames carry.
   */
  embedPlayback(request: EmbedPlaybackRequest | null): EmbedPlaybackView | null;
}

export type EngineMethod = keyof EngineApi;
export type ArgsOf<M extends EngineMethod> = Parameters<EngineApi[M]>;
export type ResultOf<M extends EngineMethod> = ReturnType<EngineApi[M]>;

/** The methods that change nothing the page shows: no frame follows them. */
export const READ_ONLY_METHODS: ReadonlySet<EngineMethod> = new Set<EngineMethod>([
  'getState',
  'getTrace',
  'digest',
  'skippedCommands',
  'shareQuery',
  'runHeadless',
  'getRepairView',
  'getRestoreView',
  'getControlPlaneView',
  'listBuiltIns',
  'lessonCheck',
  'lessonObserve',
]);

export interface CallRequest<M extends EngineMethod = EngineMethod> {
  kind: 'call';
  id: number;
  method: M;
  args: ArgsOf<M>;
}

/** An error as it crosses the boundary: its class name and its words. */
export interface WireError {
  name: string;
  message: string;
}

export type CallReply = { kind: 'reply'; id: number; ok: true; value: unknown } | { kind: 'reply'; id: number; ok: false; error: WireError };

/**
 * A frame: the view state without what the page owns (selection, which statechart panels and whether the Log view
 * are open), and with the trace and metric history as changes since the previous frame (`reset` starts over: a
 * new run, a re-simulation, thinned history). `shardCodes` and `divergentShards` are transferred, not copied.
 */
export interface EngineFrame extends Omit<ConsoleViewState, 'selection' | 'trace' | 'history' | 'machines' | 'log' | 'repairPanel' | 'controlPlane' | 'cluster'> {
  /** The cluster with its shard list as a patch of the page's: most publishes change a few shards of hundreds. */
  cluster: Omit<ClusterState, 'shards'> & { shards: ListPatch<ShardView> };
  trace: TraceDelta;
  history: HistoryDelta;
  machineViews: ConsoleViewState['machines']['views'];
  logView: ConsoleViewState['log']['view'];
  repairView: ConsoleViewState['repairPanel']['view'];
  controlPlaneView: ConsoleViewState['controlPlane']['view'];
  /** Whether the lesson's watch (`lessonWatch`) holds at this frame's moment; null while none is set. */
  lessonWatchMet: boolean | null;
  /** The embed's playback bounds and whether playing stopped at one; null when none are set (the console). */
  embedPlayback: EmbedPlaybackView | null;
}

export interface ListDelta<T> {
  /** True: `items` is the whole list. False: keep `keep` items (all when absent), append `items`, then drop from the front until `length` remain. */
  reset: boolean;
  /** How many of the page's items stay before `items` (a seek back cuts the list; list-delta.ts). */
  keep?: number;
  items: T[];
  length: number;
}

/**
 * A list sent as the positions that changed (list-delta.ts `patch`): `reset` true, `items` is the whole list;
 * otherwise the page's list cut or grown to `length`, with `items[k]` at position `at[k]`.
 */
export interface ListPatch<T> {
  reset: boolean;
  length: number;
  at: number[];
  items: T[];
}

/** The trace's change: its items packed (packed-trace.ts) when there are many, as after a seek. */
export interface TraceDelta extends Omit<ListDelta<TraceEntry>, 'items'> {
  items: TraceEntry[] | PackedTrace;
}

/** The metric history's change: its items packed (packed-history.ts) when there are many, as after a seek forward. */
export interface HistoryDelta extends Omit<ListDelta<MetricsSample>, 'items'> {
  items: MetricsSample[] | PackedHistory;
}

export interface FramePush {
  kind: 'frame';
  frame: EngineFrame;
}

/** The worker failed to start (a module that would not load): the page shows it instead of waiting for ever. */
export interface FatalPush {
  kind: 'fatal';
  error: WireError;
}

export type WorkerMessage = CallReply | FramePush | FatalPush;
export type PageMessage = CallRequest;

/** The smallest port both a Worker, its `self` and a MessagePort satisfy. */
export interface Port {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  start?(): void;
}

export function toWireError(error: unknown): WireError {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}
