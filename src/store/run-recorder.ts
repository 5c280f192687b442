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

/**
 * The most metric samples kept. At 500 ms a sample that is an hour; past it
 * every other sample goes and the interval doubles, so a day-long run keeps
 * the whole curve at a coarser grain in bounded memory.
 */
export const MAX_HISTORY_SAMPLES = 7_200;

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

  constructor(
    readonly scenario: Scenario,
    readonly seed: number,
  ) {
    this.sim = createConsoleSimulation({ scenario, seed });
    const lastCommandMs = scenario.timeline.reduce((m, t) => Math.max(m, t.atMs), 0);
    this.horizonMs = Math.max(60_000, lastCommandMs + 60_000);
    this.storyEndMs = lastCommandMs;
    this.sample();
  }

  dispatch(command: Command): void {
    this.sim.dispatch(command); // throws CommandError before anything changes
    // Acting in the past replaces the future, like typing after an undo.
    this.commands = this.commands.slice(0, this.applied);
    this.commands.push({ atMs: this.sim.timeMs, afterEvent: this.sim.eventCount, command });
    this.applied++;
    this.noteHorizon();
  }

  /** One event forward (applying a recorded command due first), sampling any boundary it jumps over. */
  stepOnce(): boolean {
    const before = this.sim.nextEventAtMs();
    if (before === null) return false;
    this.applyDue(before);
    const next = this.sim.nextEventAtMs() ?? before;
    while (this.nextSampleMs < next) this.sample();
    this.sim.step();
    this.noteHorizon();
    return true;
  }

  /**
   * Forward to a time, sampling at every boundary and applying recorded
   * commands at their exact positions; `giveUp` may stop early (a frame's budget).
   */
  advanceTo(timeMs: number, giveUp?: () => boolean): void {
    for (;;) {
      this.applyDue(timeMs);
      const sliceEnd = Math.min(timeMs, this.nextSampleMs);
      const pending = this.commands[this.applied];
      if (pending && pending.afterEvent > this.sim.eventCount) {
        const reached = this.sim.runUntil(() => this.sim.eventCount >= pending.afterEvent, { maxMs: sliceEnd });
        if (reached.reached) continue;
      } else if (this.sim.timeMs < sliceEnd) {
        this.sim.advanceBy(sliceEnd - this.sim.timeMs);
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
    this.restart();
    if (eventCount !== null) this.forwardToEvent(eventCount);
    if (timeMs !== null && timeMs > this.sim.timeMs) this.advanceTo(timeMs);
  }

  /**
   * Runs until the engine reports the target (or maxMs), sampling metrics on
   * the way. Recorded future commands (after a step back) replay first.
   */
  runUntil(target: 'healthy' | 'idle', maxMs: number): RunResult {
    for (let c = this.commands[this.applied]; c && c.atMs <= maxMs; c = this.commands[this.applied]) {
      const before = this.applied;
      this.advanceTo(c.atMs);
      if (this.applied === before) break;
    }
    for (;;) {
      const result = this.sim.runUntil(target, { maxMs: Math.min(maxMs, this.nextSampleMs) });
      if (result.reached || this.sim.timeMs >= maxMs) {
        this.noteHorizon();
        return result.reached ? result : this.sim.runUntil(target, { maxMs });
      }
      if (this.sim.timeMs >= this.nextSampleMs) this.sample();
    }
  }

  forwardToEvent(eventCount: number): void {
    while (this.sim.eventCount < eventCount && this.stepOnce());
  }

  rewindToEvent(eventCount: number): void {
    this.restart();
    this.forwardToEvent(eventCount);
  }

  rewindToTime(timeMs: number): void {
    this.restart();
    this.advanceTo(timeMs);
  }

  private restart(): void {
    this.sim = createConsoleSimulation({ scenario: this.scenario, seed: this.seed });
    this.history = [];
    this.nextSampleMs = 0;
    this.sampleEveryMs = SAMPLE_EVERY_MS;
    this.applied = 0;
    this.traceSeen = 0;
    this.sample();
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
        this.replayProblems.push(`Skipped "${describeCommand(c.command)}" at ${c.atMs} ms: ${error.message}`);
      }
    }
  }

  private sample(): void {
    const m = this.sim.getMetrics();
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
