import {
  CommandError,
  createConsoleSimulation,
  describeCommand,
  type Command,
  type MachineRef,
  type RunResult,
  type Scenario,
  type Simulation,
  type TimedCommand,
} from '../engine/index';
import { holdsNow, noticeFor, PLAY_ON_MS, scenarioHorizonMs, SCENARIO_TAIL_MS, type PlaybackNotice } from './auto-pause';
import { createConsoleStore, type ConsoleStore } from './console-store';
import { consoleCluster, selectedShardView } from './console-projection';
import { browserFrames, type FrameScheduler } from './frame-scheduler';
import { RunRecorder, type RecordedCommand } from './run-recorder';
import { fasterThan, slowerThan } from './speeds';
import { readRecoveryLog } from './recovery-log';
import { readRepairPanel } from './repair-panel';
import { readControlPlane } from './control-plane-panel';
import { readRestore } from './restore-panel';
import { isSignificant } from './significance';
import { encodeShareParams, shareLinkProblem, type SharedState } from './share-url';
import { urlProblemAlerts } from './url-problems';
import type { ConsoleAlert, ConsoleViewState, MachinesView, Selection, WhatIf } from './view-model';

export { SPEEDS } from './speeds';

/** Frames longer than this (a background tab, a breakpoint) are not "owed" to the simulation. */
const MAX_FRAME_GAP_MS = 250;
/**
 * While playing, the view-model is republished at most this often (wall ms),
 * on an animation frame. Reading a number or watching a bar fill does not
 * need 60 updates a second, and it keeps the main thread free; heartbeat
 * pulses animate on the compositor in between. Paused, every change (a step,
 * a seek, a click) publishes on the next frame.
 */
export const PUBLISH_EVERY_MS = 100;
/** Wall time one frame may spend simulating before the console admits it is catching up. */
const FRAME_WORK_BUDGET_MS = 8;

/** A scenario timeline command that could not apply when it came due (the engine skipped it). */
export interface SkippedCommand {
  atMs: number;
  command: TimedCommand['command'];
  /** The engine's words: which command, and why it could not apply. */
  text: string;
}

/**
 * One console: the engine run, its playback and the view-model store. Views
 * and the driver API call these methods; the store only ever holds what the
 * views read. Going back in time re-simulates from the scenario, seed and the
 * user's commands, so every earlier moment is exact, not a saved picture.
 */
export class ConsoleSession {
  readonly store: ConsoleStore;
  private lastPublishWallMs = -Infinity;
  /** Wall ms the last publish took (projecting the view at 1,000 nodes costs far more than at 6). */
  private lastPublishCostMs = 0;
  private run: RunRecorder;
  private playing = false;
  private speed = 1;
  private catchingUp = false;
  private selection: Selection = null;
  private whatIf: WhatIf | null = null;
  /** Open statechart panels by place, with the machines each shows. */
  private machineWatch: Record<string, readonly MachineRef[]> = {};
  /** The Log view is open: the selected node's log is read on every publish. */
  private logOpen = false;
  /** The Repair panel is open (with the replica pair picked, null: the engine's): the selected shard's view is read. */
  private repairOpen = false;
  private repairPair: readonly [string, string] | null = null;
  /** The control plane's journal view is open: its newest entries are read on every publish. */
  private journalOpen = false;
  private alerts: ConsoleAlert[] = [];
  private alertSeq = 0;
  private frame = 0;
  private frameRequest: number | null = null;
  private lastFrameWallMs: number | null = null;
  private dirty = false;
  /** Why playback last stopped by itself; any move clears it. */
  private notice: PlaybackNotice | null = null;
  /** Where the current Play stops at the latest (simulated ms). */
  private playLimitMs = Infinity;
  /** Whether anything but heartbeats happened since Play was pressed: only then does going idle pause. */
  private activeSincePlay = false;
  /** Skipped timeline commands of `skipScan.sim` already checked. */
  private skipScan: { sim: Simulation | null; seen: number } = { sim: null, seen: 0 };
  /** Skipped scenario commands already announced in this load (by trace seq), so a re-simulation does not repeat them. */
  private announcedSkips = new Set<string>();

  constructor(
    scenario: Scenario,
    seed: number,
    private frames: FrameScheduler = browserFrames(),
  ) {
    this.run = new RunRecorder(scenario, seed);
    this.store = createConsoleStore(this.viewState());
  }

  // ------------------------------------------------------------ loading

  load(scenario: Scenario, seed: number = scenario.seed): void {
    this.run = new RunRecorder(scenario, seed);
    this.selection = null;
    this.catchingUp = false;
    this.notice = null;
    this.announcedSkips.clear();
    this.invalidate();
  }

  /** Rebuilds a shared state exactly: scenario, seed, the commands and the moment. */
  restore(shared: SharedState): void {
    this.load(shared.scenario, shared.seed);
    this.run.restore(shared.commands, shared.eventCount, shared.timeMs);
    if (shared.speed !== null) this.speed = shared.speed;
    this.reportReplayProblems();
    this.invalidate();
  }

  /** The query string that rebuilds this exact moment (scenario, seed, commands, position). */
  shareQuery(): string {
    return encodeShareParams({
      scenario: this.run.scenario,
      seed: this.run.seed,
      commands: this.run.commands,
      eventCount: this.run.sim.eventCount,
      timeMs: this.run.sim.timeMs,
    });
  }

  /** Why this moment cannot be shared as a link (the loaded file is too big for one), or null. Also shown as an alert. */
  shareProblem(): string | null {
    const problem = shareLinkProblem(this.shareQuery());
    if (problem) this.alert(problem, 'url');
    return problem;
  }

  private reportReplayProblems(): void {
    for (const problem of urlProblemAlerts(this.run.replayProblems.splice(0))) this.alert(problem, 'url');
  }

  /** The scenario's timeline commands that came due and could not apply, so far in this run. */
  skippedCommands(): SkippedCommand[] {
    return this.run.sim.getSkippedCommands();
  }

  /**
   * A timeline command that could not apply (a test crashed n3 before the
   * scenario does) is otherwise one line deep in the trace: name it in an
   * alert, once per load, as it happens.
   */
  private announceSkippedCommands(): void {
    const sim = this.run.sim;
    if (this.skipScan.sim !== sim) this.skipScan = { sim, seen: 0 };
    const fresh = sim.getSkippedCommands().slice(this.skipScan.seen);
    this.skipScan.seen += fresh.length;
    for (const skip of fresh) {
      // Keyed by time and words, so re-simulating the same moment (stepping back) does not announce it twice.
      const key = `${skip.atMs}|${skip.text}`;
      if (this.announcedSkips.has(key)) continue;
      this.announcedSkips.add(key);
      this.alerts = [
        ...this.alerts,
        {
          id: ++this.alertSeq,
          message: `The scenario's own "${describeCommand(skip.command)}" at ${(skip.atMs / 1000).toFixed(1)} s was skipped: ${skip.text} Load the scenario without its timeline to drive the run yourself.`,
          source: 'scenario',
        },
      ];
    }
  }

  get simulation(): Simulation {
    return this.run.sim;
  }

  get scenario(): Scenario {
    return this.run.scenario;
  }

  get seed(): number {
    return this.run.seed;
  }

  get commands(): readonly RecordedCommand[] {
    return this.run.commands;
  }

  // ------------------------------------------------------------ playback

  /**
   * Plays until the run has nothing left to do but heartbeat (then it pauses
   * and says why), or as far as one Play goes: the scenario's horizon, or a
   * minute when started on a quiet run (time to inject a fault).
   */
  play(): void {
    if (this.playing) return;
    this.playing = true;
    this.lastFrameWallMs = null;
    this.notice = null;
    const now = this.run.sim.timeMs;
    const quiet = this.isQuiet();
    this.activeSincePlay = !quiet;
    const horizon = scenarioHorizonMs(this.run.scenario);
    this.playLimitMs = quiet || now >= horizon ? now + PLAY_ON_MS : horizon;
    this.invalidate();
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    this.catchingUp = false;
    this.invalidate();
  }

  /** Nothing left to happen but heartbeats: the engine is idle and no recorded command lies ahead. */
  private isQuiet(): boolean {
    return this.run.futureCommands === 0 && holdsNow(this.run.sim, 'idle');
  }

  /** Notes activity while playing; true once a run that was busy during this Play has gone quiet. */
  private wentQuiet(): boolean {
    if (!this.isQuiet()) {
      if (!this.activeSincePlay) this.playLimitMs = Math.max(this.playLimitMs, this.run.sim.timeMs + SCENARIO_TAIL_MS);
      this.activeSincePlay = true;
      return false;
    }
    return this.activeSincePlay;
  }

  private autoPause(reason: PlaybackNotice['reason'], idle: boolean): void {
    this.pause();
    this.notice = noticeFor(this.run.sim, reason, idle);
  }

  togglePlay(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  setSpeed(speed: number): void {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`setSpeed: speed must be a positive number, got ${speed}`);
    this.speed = speed;
    this.invalidate();
  }

  get currentSpeed(): number {
    return this.speed;
  }

  get isPlaying(): boolean {
    return this.playing;
  }

  faster(): void {
    this.setSpeed(fasterThan(this.speed));
  }

  slower(): void {
    this.setSpeed(slowerThan(this.speed));
  }

  /** One event forward. Pauses playback: stepping is for looking closely. */
  step(): void {
    this.pause();
    this.notice = null;
    this.run.stepOnce();
    this.invalidate();
  }

  /**
   * Forward to the next event a learner would call significant (see
   * significance.ts): past heartbeats and routine copy progress. With nothing
   * but heartbeats ahead it stays put and says so.
   */
  stepToNextSignificant(maxEvents = 100_000): void {
    this.pause();
    this.notice = null;
    for (let i = 0; i < maxEvents; i++) {
      if (this.isQuiet()) {
        this.notice = noticeFor(this.run.sim, 'nothingAhead', true);
        break;
      }
      const before = this.run.sim.getTraceWindow().recorded;
      if (!this.run.stepOnce()) break;
      if (this.run.sim.getTrace(before).some(isSignificant)) break;
    }
    this.invalidate();
  }

  /** Back n events, exactly: the run is re-simulated to that point. */
  stepBack(n = 1): void {
    this.pause();
    this.notice = null;
    this.run.rewindToEvent(Math.max(0, this.run.sim.eventCount - n));
    this.invalidate();
  }

  /** To a simulated time, forward or back. */
  seek(timeMs: number): void {
    if (!(timeMs >= 0) || !Number.isFinite(timeMs)) throw new RangeError(`seek: time must be a non-negative number of ms, got ${timeMs}`);
    this.notice = null;
    if (timeMs >= this.run.sim.timeMs) this.run.advanceTo(timeMs);
    else this.run.rewindToTime(timeMs);
    this.invalidate();
  }

  /** To the moment just after the given number of events (a trace entry's `event`). */
  seekToEvent(eventCount: number): void {
    this.pause();
    this.notice = null;
    if (eventCount >= this.run.sim.eventCount) this.run.forwardToEvent(eventCount);
    else this.run.rewindToEvent(eventCount);
    this.invalidate();
  }

  runUntil(target: 'healthy' | 'idle' | 'converged', maxMs = this.run.sim.timeMs + 600_000): RunResult {
    this.pause();
    this.notice = null;
    const result = this.run.runUntil(target, maxMs);
    this.invalidate();
    return result;
  }

  advanceBy(ms: number): void {
    this.notice = null;
    this.run.advanceTo(this.run.sim.timeMs + ms);
    this.invalidate();
  }

  // ------------------------------------------------------------ acting

  /**
   * Applies a command now. In the past (after a step back) it replaces the
   * future, like typing after an undo. Returns the problem instead of throwing,
   * and also shows it to the learner.
   */
  dispatch(command: Command): { ok: true } | { ok: false; error: string } {
    try {
      this.run.dispatch(command);
      this.whatIf = null;
      this.notice = null;
      this.invalidate();
      return { ok: true };
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      this.alert(error.message, 'command');
      return { ok: false, error: error.message };
    }
  }

  select(selection: Selection): void {
    this.selection = selection;
    this.invalidate();
  }

  /** Opens the statechart panel at `place` on these machines, or closes it (null); open ones update every publish. */
  showMachines(place: string, refs: readonly MachineRef[] | null): void {
    const { [place]: _closed, ...rest } = this.machineWatch;
    this.machineWatch = refs === null ? rest : { ...rest, [place]: refs };
    this.invalidate();
  }

  /** Opens or closes the Log view; while open it shows the selected node's log (it stays open across selections). */
  showLog(open: boolean): void {
    this.logOpen = open;
    this.invalidate();
  }

  /** Opens or closes the Repair panel (shard inspector), with the replica pair to draw (null: the engine picks). */
  showRepair(open: boolean, pair: readonly [string, string] | null = null): void {
    this.repairOpen = open;
    this.repairPair = pair;
    this.invalidate();
  }

  /** Opens or closes the control plane's journal view (its members and failover steps are read either way). */
  showJournal(open: boolean): void {
    this.journalOpen = open;
    this.invalidate();
  }

  private machinesView(): MachinesView {
    const views: Record<string, MachinesView['views'][string]> = {};
    for (const refs of Object.values(this.machineWatch)) {
      for (const ref of refs) views[`${ref.kind}:${ref.id}`] ??= this.run.sim.getMachine(ref);
    }
    return { open: this.machineWatch, views };
  }

  /** Shows (or, with null, clears) what a fault would do before it is injected: copies lost, writes stopped. */
  previewFault(label: string, command: Command | null): void {
    const effect = command === null ? null : this.run.sim.whatIf(command);
    this.whatIf = effect === null ? null : { label, shards: effect.loseCopy, effect };
    this.invalidate();
  }

  alert(message: string, source: ConsoleAlert['source']): void {
    this.alerts = [...this.alerts, { id: ++this.alertSeq, message, source }];
    this.invalidate();
  }

  dismissAlert(id: number): void {
    this.alerts = this.alerts.filter((a) => a.id !== id);
    this.invalidate();
  }

  // ------------------------------------------------------------ frames

  /** Marks the view stale; the next animation frame publishes once, however many changes came before. */
  invalidate(): void {
    this.dirty = true;
    this.requestFrame();
  }

  /** Publishes now (tests, the driver API after a synchronous call). */
  flush(): void {
    const start = this.frames.now();
    this.announceSkippedCommands();
    this.dirty = false;
    this.frame++;
    this.store.setState(this.viewState(), true);
    this.lastPublishWallMs = this.frames.now();
    this.lastPublishCostMs = this.lastPublishWallMs - start;
  }

  dispose(): void {
    if (this.frameRequest !== null) this.frames.cancel(this.frameRequest);
    this.frameRequest = null;
    this.playing = false;
  }

  private requestFrame(): void {
    if (this.frameRequest === null) this.frameRequest = this.frames.request((wallMs) => this.onFrame(wallMs));
  }

  private onFrame(wallMs: number): void {
    this.frameRequest = null;
    if (this.playing) {
      const gap = this.lastFrameWallMs === null ? 0 : Math.min(MAX_FRAME_GAP_MS, wallMs - this.lastFrameWallMs);
      this.lastFrameWallMs = wallMs;
      const owed = gap * this.speed;
      const start = this.frames.now();
      const overBudget = () => this.frames.now() - start > FRAME_WORK_BUDGET_MS;
      // Checked at every metrics sample (500 ms simulated), so a pause lands within one sample of the run going quiet.
      let quiet = false;
      const target = Math.min(this.run.sim.timeMs + owed, this.playLimitMs);
      this.run.advanceTo(target, () => (quiet = this.wentQuiet()) || overBudget());
      this.catchingUp = overBudget();
      if (quiet || this.wentQuiet()) this.autoPause('idle', true);
      else if (this.run.sim.timeMs >= this.playLimitMs) this.autoPause('limit', this.isQuiet());
      this.dirty = true;
    }
    // While playing, publishing may take at most a fifth of the wall time: the run itself keeps up with real time.
    const every = Math.max(PUBLISH_EVERY_MS, 4 * this.lastPublishCostMs);
    const due = !this.playing || this.frames.now() - this.lastPublishWallMs >= every;
    if (this.dirty && due) this.flush();
    if (this.playing || this.dirty) this.requestFrame();
  }

  private viewState(): ConsoleViewState {
    const sim = this.run.sim;
    const scenario = this.run.scenario;
    // At scale only the shards needing attention are projected (a full getState costs ~1 s at 100,000 shards).
    const { cluster, shardCodes, shardsComplete } = consoleCluster(sim, this.selection);
    const logNode = this.logOpen && this.selection?.kind === 'node' ? this.selection.id : null;
    const repairShard = this.repairOpen && this.selection?.kind === 'shard' ? this.selection.id : null;
    return {
      scenario: {
        id: scenario.id,
        title: scenario.title,
        description: scenario.description ?? '',
        prose: { description: scenario.description, watch: scenario.watch },
      },
      seed: this.run.seed,
      cluster,
      shardsComplete,
      shardCodes,
      divergentShards: sim.getDivergentShards(),
      selectedShard: selectedShardView(sim, cluster, this.selection),
      trace: sim.getTrace(),
      traceEvicted: traceEvicted(sim),
      history: this.run.history.slice(),
      playback: {
        playing: this.playing,
        speed: this.speed,
        timeMs: sim.timeMs,
        eventCount: sim.eventCount,
        horizonMs: this.run.horizonMs,
        storyEndMs: this.run.storyEndMs,
        catchingUp: this.catchingUp,
        notice: this.notice,
      },
      selection: this.selection,
      alerts: this.alerts,
      whatIf: this.whatIf,
      machines: this.machinesView(),
      log: { open: this.logOpen, view: logNode === null ? null : readRecoveryLog(sim, cluster, logNode) },
      repairPanel: {
        open: this.repairOpen,
        pair: this.repairPair,
        view: repairShard === null ? null : readRepairPanel(sim, cluster, repairShard, this.repairPair),
      },
      controlPlane: { journalOpen: this.journalOpen, view: readControlPlane(sim, this.journalOpen) },
      restore: readRestore(sim),
      frame: this.frame,
    };
  }
}

export function createSimulationFor(scenario: Scenario, seed: number): Simulation {
  return createConsoleSimulation({ scenario, seed });
}

/** How much of the trace fell out of the engine's window (the same object while nothing more has, so views can memoise). */
const evictedMemo = new WeakMap<Simulation, { entries: number; untilMs: number | null }>();
function traceEvicted(sim: Simulation): { entries: number; untilMs: number | null } {
  const { entries, untilMs } = sim.getTraceWindow().evicted;
  const last = evictedMemo.get(sim);
  if (last && last.entries === entries) return last;
  const next = { entries, untilMs };
  evictedMemo.set(sim, next);
  return next;
}
