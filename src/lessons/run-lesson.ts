import { CommandError, createConsoleSimulation, describeCommand, type Command, type Simulation } from '../engine/index';
import { RunRecorder, type RecordedCommand } from '../store/run-recorder';
import { encodeShareParams } from '../store/share-url';
import { evaluateOutcome, substituteRun } from './check/evaluate-check';
import { runViewOf } from './check/run-view';
import { parseLessonCommand, setCommands } from './lesson-commands';
import type { LessonResult, ObserveOutcome, ObserveStep, ObservedRun, ResolvedLesson, RunView } from './lesson-types';
import { capFrom, movableSim, runToTarget } from './run-target';

/**
 * Headless lesson runs (lessons-contract.md decisions 2–4): the learner's run rebuilt from a result's commands, and
 * an observe step's runs. Both are the engine's ordinary runs; nothing here changes how a run behaves.
 */

/** A recorder that keeps no snapshots but the start: a headless replay never seeks back in wall-clock terms. */
export function lessonRecorder(resolved: ResolvedLesson): RunRecorder {
  return new RunRecorder(resolved.scenario, resolved.seed, {
    snapshots: () => ({ workClock: () => 0, minSpacing: Infinity, maxBytes: 256 * 1024 * 1024 }),
  });
}

/**
 * A result's commands (`c=<atMs>@<afterEvent>@<cli>`) as the recorder's, each checked against the lesson's cluster;
 * a command that does not parse, names what the cluster lacks, or is out of order is left out and named.
 */
export function recordedCommandsOf(resolved: ResolvedLesson, commands: LessonResult['commands']): { commands: RecordedCommand[]; problems: string[] } {
  const out: RecordedCommand[] = [];
  const problems: string[] = [];
  commands.forEach((c, i) => {
    const parsed = parseLessonCommand(c.command, resolved.scenario);
    const label = `command ${i + 1} (${c.atMs}@${c.afterEvent}@${c.command.slice(0, 80)})`;
    if (!parsed.ok) return void problems.push(`${label}: ${parsed.error}; skipped`);
    const previous = out[out.length - 1];
    if (previous && (c.afterEvent < previous.afterEvent || c.atMs < previous.atMs)) {
      return void problems.push(`${label}: comes before the command ahead of it; commands must be in order; skipped`);
    }
    out.push({ atMs: c.atMs, afterEvent: c.afterEvent, command: parsed.command });
  });
  return { commands: out, problems };
}

/**
 * The learner's run rebuilt: the resolved lesson's scenario and seed with each command replayed at the moment it
 * was recorded — the console's own replay (RunRecorder.restore, what share URLs use). Without `at`, the run stands
 * just after its last command (at the start when there is none); with `at`, at that moment: `eventCount` events,
 * the commands recorded there applied, then the clock moved on to `timeMs` when given.
 */
export function startLessonRun(
  resolved: ResolvedLesson,
  commands: LessonResult['commands'] = [],
  at?: { eventCount: number; timeMs?: number | null },
): Simulation {
  return replayLessonRun(resolved, commands, at).sim;
}

export function replayLessonRun(
  resolved: ResolvedLesson,
  commands: LessonResult['commands'],
  at?: { eventCount: number; timeMs?: number | null },
): { sim: Simulation; recorder: RunRecorder; problems: string[] } {
  const recorder = lessonRecorder(resolved);
  const decoded = recordedCommandsOf(resolved, commands);
  const last = decoded.commands[decoded.commands.length - 1];
  const eventCount = at ? at.eventCount : (last?.afterEvent ?? 0);
  // The commands recorded at that very event were dispatched before anything else moved: apply them too.
  const atThatEvent = decoded.commands.filter((c) => c.afterEvent === eventCount);
  const commandMs = atThatEvent.length ? atThatEvent[atThatEvent.length - 1].atMs : null;
  const timeMs = Math.max(at?.timeMs ?? 0, commandMs ?? 0);
  recorder.restore(decoded.commands, eventCount, null);
  // restore moves the clock only forward of where it stands; a command at this very time still needs the nudge.
  if (at?.timeMs != null || commandMs !== null) recorder.advanceTo(Math.max(timeMs, recorder.sim.timeMs));
  return { sim: recorder.sim, recorder, problems: [...decoded.problems, ...recorder.replayProblems] };
}

/** An observe step's runs and comparison table. Throws RangeError when the step is not an observe step of the lesson. */
export function runObserve(resolved: ResolvedLesson, stepId: string): ObserveOutcome {
  return observeRuns(resolved, stepId).outcome;
}

/** The same, with each run's view kept (the walker evaluates the lesson's asserts on them). */
export function observeRuns(resolved: ResolvedLesson, stepId: string): { outcome: ObserveOutcome; views: Record<string, RunView> } {
  const step = resolved.lesson.steps.find((s) => s.id === stepId);
  if (!step || step.type !== 'observe') {
    const observeIds = resolved.lesson.steps.filter((s) => s.type === 'observe').map((s) => s.id);
    throw new RangeError(`runObserve: "${stepId}" is not an observe step of lesson "${resolved.lesson.id}" (observe steps: ${observeIds.join(', ') || 'none'})`);
  }
  const runs: ObservedRun[] = [];
  const views: Record<string, RunView> = {};
  for (const run of step.runs) {
    const observed = observeOne(resolved, step, run);
    runs.push(observed.run);
    views[run.label] = runViewOf(run.label, observed.sim);
  }
  const rows = step.compare.map((row) => {
    const values: Record<string, unknown> = {};
    const errors: Record<string, string> = {};
    for (const run of step.runs) {
      const outcome = evaluateOutcome(substituteRun(row.expr, run.label), { runs: views, prediction: {} });
      values[run.label] = outcome.error ? null : outcome.value;
      if (outcome.error) errors[run.label] = outcome.error;
    }
    return { label: row.label, ...(row.unit !== undefined ? { unit: row.unit } : {}), values, ...(Object.keys(errors).length ? { errors } : {}) };
  });
  return { outcome: { stepId, runs, rows }, views };
}

/**
 * One observe run: `set` as `config.set` at time 0 before anything else, then the run's commands at their `@atMs`
 * (default 0), then on to the step's `until` (capped at its `maxMs` after the last command, default ten minutes).
 */
function observeOne(resolved: ResolvedLesson, step: ObserveStep, run: ObserveStep['runs'][number]): { run: ObservedRun; sim: Simulation } {
  const sim = createConsoleSimulation({ scenario: resolved.scenario, seed: resolved.seed });
  const refused: string[] = [];
  const recorded: RecordedCommand[] = [];
  const timed: { atMs: number; command: Command }[] = setCommands(run.set).map((command) => ({ atMs: 0, command }));
  for (const text of run.commands ?? []) {
    const parsed = parseLessonCommand(text, resolved.scenario);
    if (parsed.ok) timed.push({ atMs: parsed.atMs ?? 0, command: parsed.command });
    else refused.push(`${text}: ${parsed.error}`);
  }
  // A stable sort: `set` stays ahead of the commands at 0, commands at one moment keep their order.
  timed.sort((a, b) => a.atMs - b.atMs);
  const movable = movableSim(sim);
  for (const { atMs, command } of timed) {
    if (atMs > sim.timeMs) movable.advanceTo(atMs);
    try {
      sim.dispatch(command);
      recorded.push({ atMs: sim.timeMs, afterEvent: sim.eventCount, command });
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      refused.push(`${describeCommand(command)} at ${atMs} ms: ${error.message}`);
    }
  }
  const reached = runToTarget(movable, step.until, capFrom(sim.timeMs, step.maxMs), run.label);
  const query = encodeShareParams({ scenario: resolved.scenario, seed: resolved.seed, commands: recorded, eventCount: sim.eventCount, timeMs: sim.timeMs });
  return { run: { label: run.label, digest: sim.digest(), timeMs: sim.timeMs, eventCount: sim.eventCount, reached, query, refused }, sim };
}
