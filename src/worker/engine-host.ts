import type { ShardView, TraceEntry } from '../engine/index';
import { checkAdvanceBy, checkRepairPair, checkRunUntil, checkSeed, checkSeek, checkShardName, checkSpeed, checkStepBack } from '../embed/driver-limits';
import type { FrameScheduler } from '../store/frame-scheduler';
import { ConsoleSession } from '../store/session';
import { decodeShareParams } from '../store/share-url';
import { urlProblemAlerts } from '../store/url-problems';
import type { ConsoleViewState, MetricsSample } from '../store/view-model';
import { listBuiltInTitles } from '../scenarios/built-in-titles';
import { parseScenario } from '../scenarios/parse-scenario';
import { runHeadless } from './headless-run';
import {
  READ_ONLY_METHODS,
  toWireError,
  type ArgsOf,
  type CallReply,
  type CallRequest,
  type EngineFrame,
  type EngineMethod,
  type Port,
  type ResultOf,
} from './protocol';
import { resolveScenario } from './resolve-scenario';
import { EmbedPlayback, type EmbedPlaybackRequest, type LoopTimers } from './embed-playback';
import { PACK_HISTORY_FROM, packableHistory, packHistory } from './packed-history';
import { PACK_TRACE_FROM, packable, packTrace } from './packed-trace';
import { delta, nothingSent, patch, type Sent } from './list-delta';

/**
 * The engine's side of the protocol: one ConsoleSession (the run, its playback pacing and the view-model) served
 * over a port. Pure apart from the port and the frame scheduler it is given, so it runs the same in the Web Worker
 * (engine-worker.ts) and in Node over a MessageChannel (tests, the fuzzer).
 *
 * Frames: every publish of the session becomes one frame. While playing the session publishes at most every
 * PUBLISH_EVERY_MS; a call that changes anything publishes at once, before its reply, so the page's store shows the
 * result when the call's promise resolves.
 */
/** The host's side of each request: the protocol's result, or a promise of it (a lesson module still loading). */
type HostMethods = { [M in EngineMethod]: (...args: ArgsOf<M>) => ResultOf<M> | Promise<ResultOf<M>> };
type LessonHost = typeof import('./lesson-host');

export class EngineHost {
  private session: ConsoleSession | null = null;
  private readonly api: HostMethods;
  /** A request answered by a promise is under way: later requests wait behind it, so replies keep their order. */
  private busy = false;
  private readonly backlog: CallRequest[] = [];
  /** The lesson modules, loaded by the first lesson request (lesson-host.ts): a console without a lesson never loads them. */
  private lessons: LessonHost | null = null;
  /** The lesson's watch (lessonWatch) and its value at the last moment it was read. */
  private watch: { expr: unknown; memo: { sim: unknown; events: number; timeMs: number; held: boolean } | null } | null = null;
  /** The session's frames, with the lesson's watch looked at after each batch of events played. */
  private readonly watchedFrames: FrameScheduler;
  /** The embed's playback bounds (until, range, loop), set by the embed page; null in the console. */
  private embed: EmbedPlayback | null = null;
  private sentTrace: Sent<TraceEntry> = nothingSent();
  private sentHistory: Sent<MetricsSample> = nothingSent();
  private sentShards: Sent<ShardView> = nothingSent();

  constructor(
    private readonly port: Port,
    private readonly frames: FrameScheduler,
    private readonly timers: LoopTimers = { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as never) },
  ) {
    this.watchedFrames = {
      request: (callback) =>
        this.frames.request((wallMs) => {
          const session = this.session;
          const playing = session?.isPlaying === true;
          const embed = this.embed;
          const before =
            playing && (this.watch || embed)
              ? { events: session!.simulation.eventCount, held: this.watch ? this.watchHolds() : true, bounds: embed?.reachedNow(session!.simulation) }
              : null;
          callback(wallMs);
          if (!before) return;
          // The embed's stop first (it ends the batch where it stops), then the lesson's watch within what remains.
          if (embed && before.bounds && embed === this.embed && embed.stopIfCrossed(session!, before.events, before.bounds)) session!.flush();
          if (!before.held) this.pauseWhereWatchTurned(before.events);
        }),
      cancel: (handle) => this.frames.cancel(handle),
      now: () => this.frames.now(),
    };
    this.api = this.methods();
    port.addEventListener('message', (event: MessageEvent) => this.handle(event.data as CallRequest));
    port.start?.();
  }

  /** The session, made on first use with the default scenario when no load or restore came first. */
  private get s(): ConsoleSession {
    return this.session ?? this.open(decodeShareParams('').state);
  }

  private open(state: ReturnType<typeof decodeShareParams>['state']): ConsoleSession {
    const session = new ConsoleSession(state.scenario, state.seed, this.watchedFrames);
    session.store.subscribe((view) => this.post(view));
    this.session = session;
    return session;
  }

  /** Stops playback pacing (the worker is going away, or a test is done). */
  dispose(): void {
    this.session?.dispose();
  }

  handle(request: CallRequest): void {
    if (request?.kind !== 'call') return;
    if (this.busy) {
      this.backlog.push(request);
      return;
    }
    // A move of the run: the embed's stop is no longer the moment shown, and a loop due to restart is called off.
    if (MOVES.has(request.method)) this.embed?.interrupt();
    let value: unknown;
    try {
      const method = this.api[request.method] as ((...args: unknown[]) => unknown) | undefined;
      if (typeof method !== 'function') throw new TypeError(`unknown method "${String(request.method)}"`);
      value = method(...(request.args as unknown[]));
    } catch (error) {
      this.answer(request, { kind: 'reply', id: request.id, ok: false, error: toWireError(error) });
      return;
    }
    if (!(value instanceof Promise)) {
      this.answer(request, { kind: 'reply', id: request.id, ok: true, value });
      return;
    }
    this.busy = true;
    value
      .then(
        (settled: unknown) => this.answer(request, { kind: 'reply', id: request.id, ok: true, value: settled }),
        (error: unknown) => this.answer(request, { kind: 'reply', id: request.id, ok: false, error: toWireError(error) }),
      )
      .finally(() => {
        this.busy = false;
        while (!this.busy && this.backlog.length > 0) this.handle(this.backlog.shift()!);
      });
  }

  private answer(request: CallRequest, reply: CallReply): void {
    // Publish what the call changed (or the alert its refusal raised) before answering it.
    if (!READ_ONLY_METHODS.has(request.method)) this.session?.flush();
    this.port.postMessage(reply);
  }

  private loadLessons(): Promise<LessonHost> {
    if (this.lessons) return Promise.resolve(this.lessons);
    return import('./lesson-host').then((module) => (this.lessons = module));
  }

  /** Whether the lesson's watch holds at the run's current moment (read once per moment). */
  private watchHolds(): boolean {
    const watch = this.watch;
    if (!watch || !this.lessons || !this.session) return false;
    const sim = this.session.simulation;
    const memo = watch.memo;
    if (memo && memo.sim === sim && memo.events === sim.eventCount && memo.timeMs === sim.timeMs) return memo.held;
    const held = this.lessons.checkLive(sim, watch.expr, {}).passed;
    watch.memo = { sim, events: sim.eventCount, timeMs: sim.timeMs, held };
    return held;
  }

  /**
   * The watch did not hold when this batch of events began. If it holds now, playback stops at the first event at
   * which it held: back to the batch's start (exact, by re-simulation), then forward one event at a time. Where it
   * turned between two events (a time condition), at the batch's end.
   */
  private pauseWhereWatchTurned(batchStart: number): void {
    const session = this.session;
    if (!session || !this.watchHolds()) return;
    const end = { events: session.simulation.eventCount, timeMs: session.simulation.timeMs };
    session.seekToEvent(batchStart);
    while (!this.watchHolds() && session.simulation.eventCount < end.events) session.step();
    if (!this.watchHolds()) session.seek(end.timeMs);
    session.pause();
    // The batch may have published its end already: the page sees the moment it stopped at, now.
    session.flush();
  }

  private methods(): HostMethods {
    const sim = () => this.s.simulation;
    const embed = () => this.embed;
    return {
      load: (scenario, seed) => {
        this.liftEmbedBounds();
        this.s.load(scenario, seed);
      },
      restoreFromQuery: (search) => {
        this.liftEmbedBounds();
        const { state, problems } = decodeShareParams(search);
        const session = this.session ?? this.open(state);
        session.restore(state);
        for (const problem of urlProblemAlerts(problems)) session.alert(problem, 'url');
      },
      loadScenario: (scenario, options) => {
        const resolved = resolveScenario(scenario, options);
        this.liftEmbedBounds();
        this.s.load(resolved.scenario, resolved.seed);
        return { scenario: resolved.scenario.id, seed: resolved.seed, timeline: resolved.scenario.timeline.map((t) => ({ atMs: t.atMs, command: t.command })) };
      },
      loadFile: (name, text) => {
        const parsed = parseScenario(text);
        // A file that does not parse changes nothing: the learner keeps the run they had.
        if (!parsed.ok) {
          this.s.alert(`Scenario file ${name}: ${parsed.problems.join('; ')}`, 'scenario');
          return parsed.problems;
        }
        this.liftEmbedBounds();
        this.s.load(parsed.scenario, parsed.scenario.seed);
        return [];
      },
      reseed: (seed) => {
        const checked = checkSeed(seed);
        this.liftEmbedBounds();
        this.s.load(this.s.scenario, checked);
      },
      play: () => {
        if (!this.s.isPlaying) embed()?.beforePlay(this.s);
        this.s.play();
      },
      pause: () => this.s.pause(),
      togglePlay: () => {
        if (!this.s.isPlaying) embed()?.beforePlay(this.s);
        this.s.togglePlay();
      },
      setSpeed: (speed) => this.s.setSpeed(checkSpeed(speed)),
      faster: () => this.s.faster(),
      slower: () => this.s.slower(),
      step: () => {
        const before = sim().getTraceWindow().recorded;
        // At the embed's range end a step forward does not leave it (it pauses, as a step does).
        if (embed()?.atRangeEnd(this.s)) this.s.pause();
        else this.s.step();
        return sim().getTrace(before);
      },
      stepNext: () => {
        if (embed()?.atRangeEnd(this.s)) return this.s.pause();
        this.s.stepToNextSignificant();
        embed()?.keepInRange(this.s);
      },
      stepBack: (n) => {
        const checked = checkStepBack(n);
        const bounded = embed()?.clampStepBack(this.s, checked) ?? checked;
        this.s.stepBack(bounded);
      },
      seek: (timeMs) => {
        this.s.seek(checkSeek(timeMs));
        embed()?.keepInRange(this.s);
      },
      seekToEvent: (eventCount) => this.s.seekToEvent(embed()?.clampEvent(eventCount) ?? eventCount),
      advanceBy: (ms) => this.s.advanceBy(checkAdvanceBy(ms, sim().timeMs)),
      runUntil: (target, maxMs) => {
        const checked = checkRunUntil(target, maxMs, sim().timeMs);
        return this.s.runUntil(checked.target, checked.maxMs);
      },
      getRepairView: (shard, pair) => sim().getRepairView(checkShardName(shard), checkRepairPair(pair)),
      getRestoreView: () => sim().getRestoreView(),
      getControlPlaneView: () => sim().getControlPlaneView(),
      listBuiltIns: () => listBuiltInTitles(),
      dispatch: (command) => this.s.dispatch(command),
      getState: () => sim().getState(),
      getTrace: (sinceSeq) => sim().getTrace(sinceSeq as number | undefined),
      digest: () => sim().digest(),
      skippedCommands: () => this.s.skippedCommands(),
      shareQuery: () => this.s.shareQuery(),
      shareProblem: () => this.s.shareProblem(),
      select: (selection) => this.s.select(selection),
      showMachines: (place, refs) => this.s.showMachines(place, refs),
      showLog: (open) => this.s.showLog(open),
      showRepair: (open, pair) => this.s.showRepair(open, pair),
      showJournal: (open) => this.s.showJournal(open === true),
      previewFault: (label, command) => this.s.previewFault(label, command),
      alert: (message, source) => this.s.alert(message, source),
      dismissAlert: (id) => this.s.dismissAlert(id),
      runHeadless: (request) => runHeadless(request),
      lessonLoad: async (lessonText, variant) => {
        const resolved = (await this.loadLessons()).resolveLesson(lessonText, variant);
        this.watch = null;
        this.liftEmbedBounds();
        this.s.load(resolved.scenario, resolved.seed);
        return { scenario: resolved.scenario.id, seed: resolved.seed, timeline: resolved.scenario.timeline.map((t) => ({ atMs: t.atMs, command: t.command })) };
      },
      lessonCheck: async (expr, predictions) => (await this.loadLessons()).checkLive(sim(), expr, predictions),
      lessonObserve: async (lessonText, variant, stepId) => (await this.loadLessons()).observe(lessonText, variant, stepId),
      lessonWatch: async (expr) => {
        if (expr === null || expr === undefined) {
          this.watch = null;
          return;
        }
        await this.loadLessons();
        this.watch = { expr, memo: null };
        this.s.invalidate();
      },
      embedPlayback: (request) => {
        this.liftEmbedBounds();
        if (request === null || request === undefined) return null;
        this.embed = new EmbedPlayback(checkEmbedPlayback(request), this.s, this.timers);
        this.s.invalidate();
        return this.embed.view();
      },
    };
  }

  /** Another run is loaded: the embed's bounds belonged to the one before. */
  private liftEmbedBounds(): void {
    this.embed?.dispose();
    this.embed = null;
  }

  /** One publish of the session as one frame: the shard list, trace and history as changes, the shard codes transferred. */
  private post(view: ConsoleViewState): void {
    const { selection: _selection, cluster, trace, history, machines, log, repairPanel, controlPlane, ...rest } = view;
    const traceDelta = delta(trace, this.sentTrace);
    const packed = traceDelta.items.length >= PACK_TRACE_FROM && packable(traceDelta.items) ? packTrace(traceDelta.items) : null;
    const historyDelta = delta(history, this.sentHistory);
    const packedHistory = historyDelta.items.length >= PACK_HISTORY_FROM && packableHistory(historyDelta.items) ? packHistory(historyDelta.items) : null;
    const frame: EngineFrame = {
      ...rest,
      cluster: { ...cluster, shards: patch(cluster.shards, this.sentShards) },
      trace: packed ? { ...traceDelta, items: packed } : traceDelta,
      history: packedHistory ? { ...historyDelta, items: packedHistory } : historyDelta,
      machineViews: machines.views,
      logView: log.view,
      repairView: repairPanel.view,
      controlPlaneView: controlPlane.view,
      lessonWatchMet: this.watch ? this.watchHolds() : null,
      embedPlayback: this.embed?.view() ?? null,
    };
    const transfer: Transferable[] = [view.shardCodes.buffer, view.divergentShards.buffer];
    if (packed) transfer.push(packed.numbers.buffer, packed.refs.buffer);
    if (packedHistory) transfer.push(packedHistory.numbers.buffer, packedHistory.nodeCounts.buffer, packedHistory.nodeRefs.buffer, packedHistory.nodeBytes.buffer);
    this.port.postMessage({ kind: 'frame', frame }, transfer);
  }
}

/** Requests that move the run (or load another): they call off an embed's pending loop. */
const MOVES: ReadonlySet<string> = new Set<EngineMethod>([
  'load',
  'restoreFromQuery',
  'loadScenario',
  'loadFile',
  'reseed',
  'play',
  'pause',
  'togglePlay',
  'step',
  'stepNext',
  'stepBack',
  'seek',
  'seekToEvent',
  'advanceBy',
  'runUntil',
  'dispatch',
  'lessonLoad',
  'embedPlayback',
]);

/** What `embedPlayback` takes, checked (the page parsed it from its URL; a wrong shape is a bug, said in words). */
function checkEmbedPlayback(request: unknown): EmbedPlaybackRequest {
  const r = request as Partial<EmbedPlaybackRequest>;
  const range = r?.range ?? null;
  if (range !== null && !(Number.isSafeInteger(range.fromEvent) && Number.isSafeInteger(range.toEvent) && range.fromEvent >= 0 && range.toEvent > range.fromEvent))
    throw new RangeError('embedPlayback: range must be whole event counts with toEvent after fromEvent');
  return { until: r?.until ?? null, range, loop: r?.loop === true };
}

/** Workers have no wall-clock frames of their own in every browser: requestAnimationFrame where they do, else ~60 Hz timers. */
export function workerFrames(scope: {
  requestAnimationFrame?: (cb: (t: number) => void) => number;
  cancelAnimationFrame?: (h: number) => void;
  setTimeout: (cb: () => void, ms: number) => unknown;
  clearTimeout: (h: never) => void;
}): FrameScheduler {
  const now = () => performance.now();
  if (typeof scope.requestAnimationFrame === 'function' && typeof scope.cancelAnimationFrame === 'function') {
    const raf = scope.requestAnimationFrame.bind(scope);
    const caf = scope.cancelAnimationFrame.bind(scope);
    return { request: (cb) => raf(cb), cancel: (h) => caf(h), now };
  }
  const timers = new Map<number, unknown>();
  let next = 0;
  return {
    request(cb) {
      const handle = ++next;
      timers.set(
        handle,
        scope.setTimeout(() => {
          timers.delete(handle);
          cb(now());
        }, 16),
      );
      return handle;
    },
    cancel(handle) {
      const timer = timers.get(handle);
      timers.delete(handle);
      if (timer !== undefined) scope.clearTimeout(timer as never);
    },
    now,
  };
}
