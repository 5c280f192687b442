import type { BuiltInTitle } from '../scenarios/built-in-titles';
import type { ClusterState, Command, MachineRef, RunResult, Scenario, TraceEntry } from '../engine/index';
import type { CheckOutcome, ObserveOutcome, PredictionRecord } from '../lessons/lesson-types';
import { createConsoleStore, setUi, type ConsoleStore } from '../store/console-store';
import type { SkippedCommand } from '../store/session';
import type { ConsoleAlert, Selection } from '../store/view-model';
import { applyFrame, viewFromFrame } from './apply-frame';
import { unsendable } from './sendable';
import type {
  ArgsOf,
  CallReply,
  DispatchResult,
  EngineFrame,
  EngineMethod,
  HeadlessReport,
  HeadlessRequest,
  LoadResult,
  Port,
  ResultOf,
  WireError,
  WorkerMessage,
} from './protocol';

/**
 * The page's side of the engine: it sends requests to the engine's worker (protocol.ts), applies the frames the
 * worker pushes to the store the views read, and offers the views the same method names they called on the
 * ConsoleSession before the engine moved out of the page. Every method returns a promise; views mostly ignore it.
 *
 * The store has three slices with one owner each (console-store.ts): playback and the cluster view-model come from
 * the worker's frames; selection and which panels are open belong to the page and are told to the worker, which
 * needs them to project (the selected shard, the open statechart panels, the Log view).
 */
export class ConsoleClient {
  private nextId = 0;
  private pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void; method: string }>();
  private storeOrNull: ConsoleStore | null = null;
  private fatal: Error | null = null;
  /** The lesson watch's value in the latest frame (null: no watch), and who listens for it. */
  private watchMet: boolean | null = null;
  private readonly watchListeners = new Set<(met: boolean | null) => void>();
  /** Who else reads every frame (the embed page's playback bounds, embed-view.ts): loaded only where needed. */
  private readonly frameListeners = new Set<(frame: EngineFrame) => void>();
  /** A lesson step's limit on the learner's commands: the reason a command is refused, or null. Not the driver's. */
  private commandPolicy: ((command: Command) => string | null) | null = null;
  private readyResolve!: () => void;
  private readyReject!: (error: Error) => void;
  private readonly firstFrame: Promise<void> = new Promise((resolve, reject) => {
    this.readyResolve = resolve;
    this.readyReject = reject;
  });
  private titles: readonly BuiltInTitle[] = [];
  /** Resolves when the first frame and the built-ins' titles have arrived (the store exists from then on). */
  readonly ready: Promise<void>;

  constructor(
    private readonly port: Port,
    private readonly onDispose: () => void = () => {},
  ) {
    port.addEventListener('message', (event: MessageEvent) => this.receive(event.data as WorkerMessage));
    port.start?.();
    // Asked of the worker, which holds the scenarios: the page's start-up code never loads their data.
    const titles = this.call('listBuiltIns').then((list) => {
      this.titles = list;
    });
    this.ready = Promise.all([this.firstFrame, titles]).then(() => undefined);
  }

  /** Id and title of every built-in scenario, in teaching order (from `ready` on). */
  get builtInTitles(): readonly BuiltInTitle[] {
    return this.titles;
  }

  /** The view-model the views read (from the first frame on; see `ready`). */
  get store(): ConsoleStore {
    if (!this.storeOrNull) throw new Error('ConsoleClient.store: no frame has arrived yet (await client.ready)');
    return this.storeOrNull;
  }

  dispose(): void {
    for (const { reject, method } of this.pending.values()) reject(new Error(`${method}: the console was closed`));
    this.pending.clear();
    this.onDispose();
  }

  // ------------------------------------------------------------ transport

  call<M extends EngineMethod>(method: M, ...args: ArgsOf<M>): Promise<ResultOf<M>> {
    return this.callAs(method, method, ...args);
  }

  /** As `call`; a refusal before the request leaves the page names `caller` (the driver member the author called). */
  callAs<M extends EngineMethod>(caller: string, method: M, ...args: ArgsOf<M>): Promise<ResultOf<M>> {
    if (this.fatal) return Promise.reject(this.fatal);
    const problem = args.reduce<string | null>((found, arg, i) => found ?? unsendable(arg, ARG_NAMES[method]?.[i] ?? `argument ${i + 1}`), null);
    // Refused by name, as the engine would refuse a bad field, rather than failing inside the structured clone.
    if (problem) return Promise.reject(new TypeError(`${caller}: ${problem}; the engine cannot receive it`));
    const id = ++this.nextId;
    return new Promise<ResultOf<M>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, method });
      try {
        this.port.postMessage({ kind: 'call', id, method, args });
      } catch (error) {
        // An argument the structured clone cannot carry (a function, a 20,000-deep object): refused by name.
        this.pending.delete(id);
        const why = error instanceof Error ? error.message : String(error);
        reject(new TypeError(`${caller}: an argument cannot be sent to the engine (${why})`));
      }
    });
  }

  private receive(message: WorkerMessage): void {
    if (message.kind === 'frame') this.applyFrame(message.frame);
    else if (message.kind === 'reply') this.settle(message);
    else if (message.kind === 'fatal') this.fail(toError(message.error));
  }

  private applyFrame(frame: EngineFrame): void {
    for (const listener of this.frameListeners) listener(frame);
    if (frame.lessonWatchMet !== this.watchMet) {
      this.watchMet = frame.lessonWatchMet;
      for (const listener of this.watchListeners) listener(this.watchMet);
    }
    if (this.storeOrNull) applyFrame(this.storeOrNull, frame);
    else {
      this.storeOrNull = createConsoleStore(viewFromFrame(frame, null));
      this.readyResolve();
    }
  }

  private settle(reply: CallReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(toError(reply.error));
  }

  /** The worker could not start or died: every waiting call and `ready` fail with the reason. */
  fail(error: Error): void {
    this.fatal = error;
    this.readyReject(error);
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  // ------------------------------------------------------------ loading

  /** Rebuilds the moment a page URL describes (scenario, seed, commands, time, speed); problems become alerts. */
  restoreFromQuery(search: string): Promise<void> {
    this.setSelection(null);
    return this.call('restoreFromQuery', search);
  }

  load(scenario: Scenario, seed: number): Promise<void> {
    this.setSelection(null);
    return this.call('load', scenario, seed);
  }

  /** A built-in id or a scenario object, validated in the worker (the driver's `load`). */
  loadScenario(scenario: unknown, options?: unknown): Promise<LoadResult> {
    return this.callAs('load', 'loadScenario', scenario, options).then((result) => {
      this.setSelection(null);
      return result;
    });
  }

  /** A scenario file's text; a problem is shown as an alert and changes nothing. Resolves to the problems. */
  loadFile(name: string, text: string): Promise<string[]> {
    return this.call('loadFile', name, text).then((problems) => {
      if (problems.length === 0) this.setSelection(null);
      return problems;
    });
  }

  reseed(seed: number): Promise<void> {
    this.setSelection(null);
    return this.call('reseed', seed);
  }

  // ------------------------------------------------------------ playback

  play(): Promise<void> {
    return this.call('play');
  }
  pause(): Promise<void> {
    return this.call('pause');
  }
  togglePlay(): Promise<void> {
    return this.call('togglePlay');
  }
  setSpeed(speed: number): Promise<void> {
    return this.call('setSpeed', speed);
  }
  /**
   * One step up or down from the worker's own speed, not the page's: two quick
   * presses must give two steps even before the first one's publish arrives.
   */
  faster(): Promise<void> {
    return this.call('faster');
  }
  slower(): Promise<void> {
    return this.call('slower');
  }
  step(): Promise<TraceEntry[]> {
    return this.call('step');
  }
  stepToNextSignificant(): Promise<void> {
    return this.call('stepNext');
  }
  stepBack(n = 1): Promise<void> {
    return this.call('stepBack', n);
  }
  seek(timeMs: number): Promise<void> {
    return this.call('seek', timeMs);
  }
  seekToEvent(eventCount: number): Promise<void> {
    return this.call('seekToEvent', eventCount);
  }
  advanceBy(ms: number): Promise<void> {
    return this.call('advanceBy', ms);
  }
  runUntil(target: 'healthy' | 'idle' | 'converged', maxMs?: number): Promise<RunResult> {
    return this.call('runUntil', target, maxMs);
  }

  // ------------------------------------------------------------ acting and reading

  dispatch(command: Command): Promise<DispatchResult> {
    const refusal = this.commandPolicy?.(command) ?? null;
    if (refusal !== null) {
      // Refused as the engine refuses a command: in words, shown as an alert, nothing changes.
      void this.alert(refusal, 'command');
      return Promise.resolve({ ok: false, error: refusal });
    }
    return this.call('dispatch', command);
  }
  /** Sets (or with null lifts) a lesson's limit on the console's own controls; the driver's `dispatch` is not limited. */
  setCommandPolicy(policy: ((command: Command) => string | null) | null): void {
    this.commandPolicy = policy;
  }
  getState(): Promise<ClusterState> {
    return this.call('getState');
  }
  getTrace(sinceSeq?: number): Promise<TraceEntry[]> {
    return this.call('getTrace', sinceSeq);
  }
  digest(): Promise<string> {
    return this.call('digest');
  }
  skippedCommands(): Promise<SkippedCommand[]> {
    return this.call('skippedCommands');
  }
  shareQuery(): Promise<string> {
    return this.call('shareQuery');
  }
  shareProblem(): Promise<string | null> {
    return this.call('shareProblem');
  }
  runHeadless(request: HeadlessRequest): Promise<HeadlessReport> {
    return this.call('runHeadless', request);
  }

  // ------------------------------------------------------------ lessons (the live run is label `you`)

  /** Loads one variant of a lesson (its JSON text) as the console's run; a bad lesson rejects naming every problem. */
  lessonLoad(lessonText: string, variant: number): Promise<LoadResult> {
    this.setSelection(null);
    return this.call('lessonLoad', lessonText, variant);
  }
  lessonCheck(expr: unknown, predictions: Record<string, PredictionRecord>): Promise<CheckOutcome> {
    return this.call('lessonCheck', expr, predictions);
  }
  lessonObserve(lessonText: string, variant: number, stepId: string): Promise<ObserveOutcome> {
    return this.call('lessonObserve', lessonText, variant, stepId);
  }
  /** Sets (or with null clears) the condition playback pauses at; `lessonWatchMet` follows it frame by frame. */
  lessonWatch(expr: unknown): Promise<void> {
    return this.call('lessonWatch', expr);
  }
  /** Whether the lesson's watch holds at the latest frame's moment; null while none is set. */
  get lessonWatchMet(): boolean | null {
    return this.watchMet;
  }
  /** Calls `listener` whenever `lessonWatchMet` changes; returns the unsubscribe. */
  onLessonWatch(listener: (met: boolean | null) => void): () => void {
    this.watchListeners.add(listener);
    return () => this.watchListeners.delete(listener);
  }

  /** Calls `listener` with every frame from the worker, before the store applies it; returns the unsubscribe. */
  onFrame(listener: (frame: EngineFrame) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  // ------------------------------------------------------------ the page's own state, told to the worker

  /** Shown at once (the page owns it); the worker hears of it to project the selected shard and node. */
  select(selection: Selection): Promise<void> {
    this.setSelection(selection);
    return this.call('select', selection);
  }

  showMachines(place: string, refs: readonly MachineRef[] | null): Promise<void> {
    if (this.storeOrNull) {
      const { [place]: _closed, ...rest } = this.store.getState().machines.open;
      setUi(this.storeOrNull, { machinesOpen: refs === null ? rest : { ...rest, [place]: refs } });
    }
    return this.call('showMachines', place, refs);
  }

  showLog(open: boolean): Promise<void> {
    if (this.storeOrNull) setUi(this.storeOrNull, { logOpen: open });
    return this.call('showLog', open);
  }

  showRepair(open: boolean, pair: readonly [string, string] | null = null): Promise<void> {
    if (this.storeOrNull) setUi(this.storeOrNull, { repairOpen: open, repairPair: pair });
    return this.call('showRepair', open, pair);
  }

  showJournal(open: boolean): Promise<void> {
    if (this.storeOrNull) setUi(this.storeOrNull, { journalOpen: open });
    return this.call('showJournal', open);
  }

  previewFault(label: string, command: Command | null): Promise<void> {
    return this.call('previewFault', label, command);
  }
  alert(message: string, source: ConsoleAlert['source']): Promise<void> {
    return this.call('alert', message, source);
  }
  dismissAlert(id: number): Promise<void> {
    return this.call('dismissAlert', id);
  }

  private setSelection(selection: Selection): void {
    if (this.storeOrNull) setUi(this.storeOrNull, { selection });
  }
}

/** What each request's arguments are called in a refusal ("command.type is a function"). */
const ARG_NAMES: Partial<Record<EngineMethod, readonly string[]>> = {
  dispatch: ['command'],
  loadScenario: ['scenario', 'options'],
  load: ['scenario', 'seed'],
  select: ['selection'],
  previewFault: ['label', 'command'],
  runUntil: ['target', 'maxMs'],
  getRepairView: ['shard', 'pair'],
  runHeadless: ['request'],
  getTrace: ['sinceSeq'],
  lessonCheck: ['expr', 'predictions'],
  lessonWatch: ['expr'],
};

/** Named error classes the page rebuilds as themselves; any other keeps its name on a plain Error. */
const ERROR_CLASSES: Record<string, new (message: string) => Error> = { RangeError, TypeError, SyntaxError };

export function toError(wire: WireError): Error {
  const Class = ERROR_CLASSES[wire.name];
  if (Class) return new Class(wire.message);
  const error = new Error(wire.message);
  // CommandError and the like: the engine's class name, so callers tell them apart as before.
  error.name = wire.name;
  return error;
}

/**
 * Starts the engine's worker and a client for it (the page). The worker's code is its own chunk: the engine and
 * xstate load after the page's first paint.
 */
export function startConsoleWorker(): ConsoleClient {
  const worker = new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module', name: 'failover-lab-engine' });
  const client = new ConsoleClient(worker as unknown as Port, () => worker.terminate());
  worker.addEventListener('error', (event) => {
    client.fail(new Error(`The engine's worker failed: ${event.message || 'it could not load'}`));
  });
  return client;
}
