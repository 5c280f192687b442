import {
  CommandError,
  createConsoleSimulation,
  describeCommand,
  type Command,
  type RunResult,
  type Scenario,
  type Simulation,
} from '../engine/index';
import { SAMPLE_EVERY_MS, type MetricsSample } from './view-model';
import { RunSnapshots, snapshotBytes, type RunSnapshot } from './run-snapshots';

/**
 * The most metric samples kept. At 500 ms a sample that is an hour; past it
 * every other sample goes and the interval doubles, so a day-long run keeps
 * the whole curve at a coarser grain in bounded memory.
 */
export const MAX_HISTORY_SAMPLES = 7_200;

/**
 * Where snapshots fall and how much memory they may take. A seek restores the nearest snapshot and re-simulates
 * only from there, so the spacing, measured in the work of simulating (not in simulated time: a minute of
 * heartbeats costs less than a second of a rack's re-homing), bounds what a seek re-simulates.
 */
export interface SnapshotPolicy {
  /** A reading that grows with the work of simulating; only its growth inside the recorder's moves counts. */
  workClock: () => number;
  /** Least work between two snapshots; the spacing is also at least twice what taking the last snapshot cost. */
  minSpacing: number;
  /** Cap on the snapshots' estimated bytes: past it they go one at a time (run-snapshots.ts), and new ones come sparser. */
  maxBytes: number;
  /**
   * Bring the live run's shard codes up to date before each snapshot, so restoring one re-derives only the shards
   * that changed since (a fork carries kept codes). For a run someone draws: asking a run nobody draws for its codes
   * would make every node's disk track its writes from then on, for nothing (disk-map.ts).
   */
  keepShardCodes?: boolean;
}

/**
 * The console's rule (issue 12's seek budgets: 50 ms for the worked example, 100 ms at 100 × 10,000, 300 ms at
 * 1,000 × 100,000). A snapshot every 10 ms of simulating, or twice what the last snapshot cost if more (a fork
 * of 100,000 shards takes tens of ms): a seek restores one (about the cost of taking one) and re-simulates at most
 * one spacing, so about three snapshot costs; taking them costs at most half the simulating time, once, on the
 * first pass. Memory: at most 256 MiB of heap for snapshots (each shares the rows it did not change with the one before);
 * past it the one a seek anywhere would miss least for its bytes goes (run-snapshots.ts).
 */
export const CONSOLE_SNAPSHOTS: SnapshotPolicy = {
  workClock: () => performance.now(),
  minSpacing: 10,
  // 224 MiB estimated: at 1,000 x 100,000 the heap the snapshots free when dropped measured 1.14x their estimate
  // (busy re-homing rows and lists), so the heap they take stays within the stated 256 MiB at every size.
  maxBytes: 224 * 1024 * 1024,
  keepShardCodes: true,
};

export interface RunRecorderOptions {
  /** The snapshot rule, made per recorder (a test's clock may read the recorder's own simulation). */
  snapshots?: (run: RunRecorder) => SnapshotPolicy;
}

/** A user command and exactly where it happened: at this time, after this many events. */
export interface RecordedCommand {
  atMs: number;
  afterEvent: number;
  command: Command;
}

/**
 * The run as the console drives it: the engine plus the user's commands and
 * the sampled metric history. Every position can be rebuilt from the inputs:
 * replaying each command after the same number of events reproduces the same
 * state exactly, which is what makes stepping back and shared URLs honest.
 */
export class RunRecorder {
  sim: Simulation;
  commands: RecordedCommand[] = [];
  history: MetricsSample[] = [];
  /** The furthest simulated time reached, or the time the scenario needs to play out. */
  horizonMs: number;
  /**
   * The latest moment anything but routine detail (heartbeats, single client
   * writes) happened, or a scheduled command is due. Like `horizonMs` it only
   * grows, so stepping back does not rescale the charts fitted to it.
   */
  storyEndMs: number;
  /** Trace entries already scanned for `storyEndMs`. */
  private traceSeen = 0;
  private nextSampleMs = 0;
  /** Simulated ms between samples: SAMPLE_EVERY_MS, doubled each time the history is thinned. */
  private sampleEveryMs = SAMPLE_EVERY_MS;
  /** How many of `commands` the current simulation has applied; the rest are the future. */
  private applied = 0;
  /** Recorded commands that could not be replayed (and were dropped), for the console to show. */
  replayProblems: string[] = [];

  private readonly policy: SnapshotPolicy;
  private readonly snapshots: RunSnapshots;
  /** Work (policy units) it took to simulate from the start to the current position, along this timeline. */
  private work = 0;
  /** The work clock's last reading inside a move; time between moves (a paused console) is not work. */
  private clockMark = 0;
  /** Work at the last snapshot taken or passed. */
  private lastSnapshotWork = 0;
  /** What taking the last snapshot cost (policy units). */
  private snapshotCost = 0;
  /** Snapshots restored so far (seeks that did not start from zero). */
  restoredFromSnapshots = 0;

  constructor(
    readonly scenario: Scenario,
    readonly seed: number,
    options: RunRecorderOptions = {},
  ) {
    this.sim = createConsoleSimulation({ scenario, seed });
    const lastCommandMs = scenario.timeline.reduce((m, t) => Math.max(m, t.atMs), 0);
    this.horizonMs = Math.max(60_000, lastCommandMs + 60_000);
    this.storyEndMs = lastCommandMs;
    this.policy = options.snapshots?.(this) ?? CONSOLE_SNAPSHOTS;
    this.snapshots = new RunSnapshots(this.policy.maxBytes);
    this.sample();
  }

  /** Snapshots kept now. */
  get snapshotCount(): number {
    return this.snapshots.count;
  }

  /** Their estimated bytes (each counts what it does not share with an earlier one). */
  get snapshotBytes(): number {
    return this.snapshots.bytes;
  }

  /** Each kept snapshot's estimated bytes, in order. */
  snapshotEstimates(): number[] {
    return this.snapshots.estimates();
  }

  dispatch(command: Command): void {
    this.sim.dispatch(command); // throws CommandError before anything changes
    // Acting in the past replaces the future, like typing after an undo: snapshots of that future go too.
    this.snapshots.dropAfter(this.sim.eventCount, this.sim.timeMs);
    this.commands = this.commands.slice(0, this.applied);
    this.commands.push({ atMs: this.sim.timeMs, afterEvent: this.sim.eventCount, command });
    this.applied++;
    this.noteHorizon();
  }

  /** One event forward (applying a recorded command due first), sampling any boundary it jumps over. */
  stepOnce(): boolean {
    this.resumeWork();
    return this.step();
  }

  private step(): boolean {
    const before = this.sim.nextEventAtMs();
    if (before === null) return false;
    this.applyDue(before);
    const next = this.sim.nextEventAtMs() ?? before;
    while (this.nextSampleMs < next) {
      // The clock to the sample's moment first (no event lies between): the sample reads copies in flight at
      // that moment, as advanceTo's samples do, so stepping and playing draw the same chart.
      this.sim.advanceBy(Math.max(0, this.nextSampleMs - this.sim.timeMs));
      this.sample();
    }
    this.sim.step();
    this.noteWork();
    if (this.snapshotDue()) this.takeSnapshot();
    this.noteHorizon();
    return true;
  }

  /**
   * Forward to a time, sampling at every boundary and applying recorded
   * commands at their exact positions; `giveUp` may stop early (a frame's budget).
   */
  advanceTo(timeMs: number, giveUp?: () => boolean): void {
    this.resumeWork();
    // Over recorded ground (after a step back) a snapshot ahead saves re-simulating up to it.
    const ahead = this.snapshots.atOrBeforeTime(timeMs);
    if (ahead && this.worthJumpingTo(ahead)) this.restoreSnapshot(ahead);
    for (;;) {
      this.applyDue(timeMs);
      const sliceEnd = Math.min(timeMs, this.nextSampleMs);
      const pending = this.commands[this.applied];
      if (pending && pending.afterEvent > this.sim.eventCount) {
        if (this.runSlice(sliceEnd, pending.afterEvent)) continue;
      } else if (this.sim.timeMs < sliceEnd) {
        this.runSlice(sliceEnd, Infinity);
      }
      if (this.sim.timeMs >= this.nextSampleMs) {
        this.sample();
        if (giveUp?.()) break;
        continue;
      }
      if (this.sim.timeMs >= timeMs) break;
    }
    this.noteHorizon();
  }

  /** Recorded commands still ahead of the current position (after a step back): the run is not done while any remain. */
  get futureCommands(): number {
    return this.commands.length - this.applied;
  }

  /** Adopts a recorded command list (a shared URL) and replays up to a position. */
  restore(commands: readonly RecordedCommand[], eventCount: number | null, timeMs: number | null): void {
    this.commands = commands.slice();
    // Only the run's start is common to every command list.
    this.snapshots.dropAfter(0, 0);
    this.restart();
    if (eventCount !== null) this.forwardToEvent(eventCount);
    if (timeMs !== null && timeMs > this.sim.timeMs) this.advanceTo(timeMs);
  }

  /**
   * Runs until the engine reports the target (or maxMs), sampling metrics on
   * the way. Recorded future commands (after a step back) replay first.
   */
  runUntil(target: 'healthy' | 'idle' | 'converged', maxMs: number): RunResult {
    for (let c = this.commands[this.applied]; c && c.atMs <= maxMs; c = this.commands[this.applied]) {
      const before = this.applied;
      this.advanceTo(c.atMs);
      if (this.applied === before) break;
    }
    this.resumeWork();
    for (;;) {
      const result = this.runToTarget(target, Math.min(maxMs, this.nextSampleMs));
      if (result.reached || this.sim.timeMs >= maxMs) {
        this.noteHorizon();
        return result.reached ? result : this.sim.runUntil(target, { maxMs });
      }
      if (this.sim.timeMs >= this.nextSampleMs) this.sample();
    }
  }

  forwardToEvent(eventCount: number): void {
    this.resumeWork();
    const ahead = this.snapshots.before(eventCount);
    if (ahead && this.worthJumpingTo(ahead)) this.restoreSnapshot(ahead);
    while (this.sim.eventCount < eventCount && this.step());
  }

  /**
   * Back to just after `eventCount` events, exactly: from the last snapshot strictly before it (one taken at that
   * very count may stand later in time, past a command), re-simulating event by event.
   */
  rewindToEvent(eventCount: number): void {
    this.resumeWork();
    const from = this.snapshots.before(eventCount);
    if (from) this.restoreSnapshot(from);
    else this.restart();
    this.forwardToEvent(eventCount);
  }

  /** Back to a time: from the last snapshot no later than it. */
  rewindToTime(timeMs: number): void {
    this.resumeWork();
    const from = this.snapshots.atOrBeforeTime(timeMs);
    if (from) this.restoreSnapshot(from);
    else this.restart();
    this.advanceTo(timeMs);
  }

  private restart(): void {
    // Nothing has moved yet (a shared link opened on a new load): the run is at its start already.
    if (this.sim.eventCount === 0 && this.sim.timeMs === 0 && this.applied === 0) return;
    const start = this.snapshots.atOrBefore(0, 0);
    if (start) {
      this.restoreSnapshot(start);
      return;
    }
    this.sim = createConsoleSimulation({ scenario: this.scenario, seed: this.seed });
    this.history = [];
    this.nextSampleMs = 0;
    this.sampleEveryMs = SAMPLE_EVERY_MS;
    this.applied = 0;
    this.traceSeen = 0;
    this.work = 0;
    this.lastSnapshotWork = 0;
    this.sample();
  }

  // ------------------------------------------------------------ snapshots

  /**
   * Runs the simulation up to `maxMs` or until `stopAtEvent` events, taking snapshots when due on the way
   * (between two events, where a snapshot is exact). True when it stopped at `stopAtEvent`. Stepped here rather
   * than through the engine's runUntil, whose answer when it stops short explains why the run is not healthy:
   * a scan of every shard, too dear for each half-second slice at 100,000 shards.
   */
  private runSlice(maxMs: number, stopAtEvent: number): boolean {
    try {
      for (;;) {
        if (this.sim.eventCount >= stopAtEvent) return true;
        if (this.snapshotDue()) this.takeSnapshot();
        const next = this.sim.nextEventAtMs();
        if (next === null || next > maxMs) {
          if (this.sim.timeMs < maxMs) this.sim.advanceBy(maxMs - this.sim.timeMs);
          return false;
        }
        this.sim.step();
      }
    } finally {
      this.noteWork();
    }
  }

  /** The engine's runUntil for a target, with snapshots taken when due on the way; answers as the engine does. */
  private runToTarget(target: 'healthy' | 'idle' | 'converged', maxMs: number): RunResult {
    for (;;) {
      if (this.sim.holds(target)) break;
      if (this.snapshotDue()) this.takeSnapshot();
      const next = this.sim.nextEventAtMs();
      if (next === null || next > maxMs) break;
      this.sim.step();
    }
    const result = this.sim.runUntil(target, { maxMs });
    this.noteWork();
    return result;
  }

  /** Starts counting work from now: what happened since the last move (a paused console) is not simulating. */
  private resumeWork(): void {
    this.clockMark = this.policy.workClock();
    // The run's start, kept before anything moves: every seek to before the first spacing restores it instead
    // of building the cluster again (at 100,000 shards the build costs more than re-simulating minutes).
    if (this.snapshots.count === 0 && this.sim.eventCount === 0 && this.applied === 0) this.takeSnapshot();
  }

  private noteWork(): void {
    const now = this.policy.workClock();
    this.work += Math.max(0, now - this.clockMark);
    this.clockMark = now;
  }

  private spacing(): number {
    return Math.max(this.policy.minSpacing, 2 * this.snapshotCost, this.snapshots.spacingFloor);
  }

  /**
   * Whether to snapshot here: a spacing of work since the last snapshot taken or passed, and none already kept
   * within half a spacing ahead (re-simulating recorded ground passes the snapshots it took the first time).
   */
  private snapshotDue(): boolean {
    // Asked before every event: the clock and the lookups only every 16th time (a spacing is thousands of events).
    if ((++this.dueAsked & 15) !== 0) return false;
    this.noteWork();
    const passed = this.snapshots.atOrBefore(this.sim.eventCount, this.sim.timeMs);
    if (passed && passed.work > this.lastSnapshotWork) this.lastSnapshotWork = Math.min(this.work, passed.work);
    if (this.work - this.lastSnapshotWork < this.spacing()) return false;
    const ahead = this.snapshots.after(this.sim.eventCount, this.sim.timeMs);
    return !ahead || ahead.work - this.work >= this.spacing() / 2;
  }

  private dueAsked = 0;

  private takeSnapshot(): void {
    this.noteWork();
    const started = this.policy.workClock();
    // The live run's shard codes brought up to date first, so the snapshot keeps them (a fork carries them): the
    // first frame after a seek that restores it re-derives only the shards that changed since, not all of them
    // (~200 ms at 100,000). Usually incremental (shard-codes-cache.ts says what takes a full pass).
    if (this.policy.keepShardCodes) this.sim.getShardStateCodes();
    const previous = this.snapshots.atOrBefore(this.sim.eventCount, this.sim.timeMs);
    // Shares every row unchanged since the previous snapshot (fork's reuse): a snapshot costs what changed.
    const sim = this.sim.fork(previous?.sim, 'snapshot');
    const history = this.history.slice();
    this.snapshots.add({
      sim,
      eventCount: this.sim.eventCount,
      timeMs: this.sim.timeMs,
      applied: this.applied,
      history,
      nextSampleMs: this.nextSampleMs,
      sampleEveryMs: this.sampleEveryMs,
      traceSeen: this.traceSeen,
      work: this.work,
      ...snapshotBytes(sim, history.length),
    });
    this.clockMark = this.policy.workClock();
    // The run's start is a whole copy; every later one shares what did not change, and sets the pace.
    if (previous) this.snapshotCost = this.clockMark - started;
    this.lastSnapshotWork = this.work;
  }

  /** A snapshot ahead of the current position is worth restoring when it saves re-simulating at least a spacing. */
  private worthJumpingTo(snapshot: RunSnapshot): boolean {
    const here = this.sim.eventCount;
    return snapshot.eventCount > here && snapshot.work - this.work >= this.spacing();
  }

  /** Continues from a snapshot: a fork of it, taking over the current run's unchanged rows (that run is dropped). */
  private restoreSnapshot(snapshot: RunSnapshot): void {
    this.sim = snapshot.sim.fork(this.sim);
    this.applied = snapshot.applied;
    this.history = snapshot.history.slice();
    this.nextSampleMs = snapshot.nextSampleMs;
    this.sampleEveryMs = snapshot.sampleEveryMs;
    this.traceSeen = snapshot.traceSeen;
    this.work = snapshot.work;
    this.lastSnapshotWork = snapshot.work;
    this.clockMark = this.policy.workClock();
    this.restoredFromSnapshots++;
  }

  /**
   * Applies the next recorded commands if the run stands at their position
   * (their event count) and their time is no later than `limitMs`. Between an
   * event and a command recorded after it no other event happened, so moving
   * the clock forward to the command's time processes nothing.
   */
  private applyDue(limitMs: number): void {
    for (let c = this.commands[this.applied]; c && c.afterEvent === this.sim.eventCount && c.atMs <= limitMs; c = this.commands[this.applied]) {
      while (this.nextSampleMs <= c.atMs) {
        this.sim.advanceBy(Math.max(0, this.nextSampleMs - this.sim.timeMs));
        this.sample();
      }
      this.sim.advanceBy(Math.max(0, c.atMs - this.sim.timeMs));
      try {
        this.sim.dispatch(c.command);
        this.applied++;
      } catch (error) {
        // Only a hand-edited or stale shared URL can hold a command that no longer applies.
        if (!(error instanceof CommandError)) throw error;
        this.commands.splice(this.applied, 1);
        this.snapshots.dropAfter(this.sim.eventCount, this.sim.timeMs);
        this.replayProblems.push(`Skipped "${describeCommand(c.command)}" at ${c.atMs} ms: ${error.message}`);
      }
    }
  }

  private sample(): void {
    // Without shardsNotWritable, which the trend does not draw and which reads every shard (a seek samples often).
    const m = this.sim.getMetrics({ shardsNotWritable: false });
    // The per-node record is cumulative and, once copies have landed, names most nodes (975 at 1,000 nodes after a
    // rack's re-homing) while rarely changing. The engine hands back the very same frozen record while its values
    // stand still (state-view.ts), so consecutive samples share it: the history holds it once and a frame packs it
    // once (packed-history.ts).
    this.history.push({
      timeMs: this.nextSampleMs,
      underReplicated: m.underReplicatedShards,
      underReplicatedTruth: m.underReplicatedShardsTruth,
      lost: m.lostShards,
      rebuildBytesRemaining: m.rebuildBytesRemaining,
      copiesInFlight: m.copiesInFlight,
      bytesInByNode: m.rebuildBytesInByNode,
      writesAcked: m.writesAcked,
      writesFailed: m.writesFailed,
      staleKeysTruth: m.staleKeysTruth,
      staleKeysKnown: m.staleKeysKnown,
      hintsPending: m.hintsPending,
    });
    this.nextSampleMs += this.sampleEveryMs;
    if (this.history.length > MAX_HISTORY_SAMPLES) {
      // Keep the first sample and every other one after it; the grid stays regular, only coarser.
      this.history = this.history.filter((_, i) => i % 2 === 0);
      this.sampleEveryMs *= 2;
      this.nextSampleMs = this.history[this.history.length - 1].timeMs + this.sampleEveryMs;
    }
  }

  private noteHorizon(): void {
    this.horizonMs = Math.max(this.horizonMs, this.sim.timeMs);
    const fresh = this.sim.getTrace(this.traceSeen);
    // By seq, not count: entries older than the engine's trace window are gone and never returned.
    if (fresh.length) this.traceSeen = fresh[fresh.length - 1].seq + 1;
    for (let i = fresh.length - 1; i >= 0; i--) {
      if (fresh[i].level === 'detail') continue;
      this.storyEndMs = Math.max(this.storyEndMs, fresh[i].timeMs);
      break;
    }
  }
}

