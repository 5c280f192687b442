import { CommandError, describeCommand, formatCliCommand } from '../engine/index';
import { evaluateOutcome } from './check/evaluate-check';
import { runViewOf } from './check/run-view';
import { parseLessonCommand } from './lesson-commands';
import { maxPointsOf } from './lesson-points';
import type { AssertStep, CheckOutcome, LessonResult, LessonStep, PredictionRecord, ResolvedLesson, RunView, StepGrade, TaskStep } from './lesson-types';
import { lessonRecorder, observeRuns } from './run-lesson';
import { capFrom, movableRecorder, playUntilCheck, runToTarget } from './run-target';

/**
 * The lesson walker (lessons-contract.md decisions 3–4): plays one variant's steps in order the way a learner
 * would, headless. `solution` mode commits the solution's predictions and plays each task's solution commands
 * where the steps before it left the run; `empty` mode answers nothing. A narrate step's `play.until` (or
 * `advanceWhen`) plays the run until it holds or its `maxMs`; a task then plays to its `until` (default healthy)
 * and evaluates its check on the run (`you`); an assert is evaluated on the observe runs so far by label, with
 * `you` the walked run at that point. The run is the console's own recorder, so the walk's commands form a result
 * that the grader replays exactly.
 */
export type WalkMode = 'solution' | 'empty';

export interface LessonWalk {
  tasks: StepGrade[];
  asserts: StepGrade[];
  /** The walk as a learner's result would carry it (commands, predictions, done, final moment). */
  result: Pick<LessonResult, 'commands' | 'predictions' | 'texts' | 'done' | 'eventCount' | 'timeMs'>;
  /** What kept the walk from being what the lesson says (a refused solution command, a play that never ended…). */
  problems: string[];
}

export function walkLesson(resolved: ResolvedLesson, mode: WalkMode): LessonWalk {
  const { lesson } = resolved;
  const recorder = lessonRecorder(resolved);
  const run = movableRecorder(recorder);
  const predictions: Record<string, PredictionRecord> = {};
  const observed: Record<string, RunView> = {};
  const walk: LessonWalk = { tasks: [], asserts: [], result: { commands: [], predictions, texts: {}, done: {}, eventCount: 0, timeMs: 0 }, problems: [] };
  const problem = (step: LessonStep, text: string) => walk.problems.push(`step "${step.id}": ${text}`);

  for (const step of lesson.steps) {
    switch (step.type) {
      case 'narrate': {
        const until = step.play?.until ?? step.advanceWhen;
        if (until === undefined) break;
        const cap = capFrom(recorder.sim.timeMs, step.play?.maxMs);
        if (!playUntilCheck(run, until, cap, 'you', { prediction: predictions })) {
          problem(step, `${step.play ? 'play.until' : 'advanceWhen'} never held (played to ${recorder.sim.timeMs} ms)`);
        }
        break;
      }
      case 'predict': {
        const answer = mode === 'solution' ? lesson.solution[step.id] : undefined;
        if (answer?.prediction === undefined) break;
        predictions[step.id] = {
          ...(typeof answer.prediction === 'number' ? { value: answer.prediction } : { choice: answer.prediction }),
          ...(answer.why !== undefined ? { why: answer.why } : {}),
          atEvent: recorder.sim.eventCount,
        };
        if (step.answer !== undefined && answer.prediction !== step.answer) {
          problem(step, `the solution predicts ${JSON.stringify(answer.prediction)} but the answer is ${JSON.stringify(step.answer)}`);
        }
        break;
      }
      case 'observe': {
        const { outcome, views } = observeRuns(resolved, step.id);
        Object.assign(observed, views);
        for (const r of outcome.runs) {
          if (!r.reached) problem(step, `run "${r.label}" never reached its until`);
          for (const refused of r.refused) problem(step, `run "${r.label}": ${refused}`);
        }
        for (const row of outcome.rows) for (const [label, error] of Object.entries(row.errors ?? {})) problem(step, `compare "${row.label}" for "${label}": ${error}`);
        break;
      }
      case 'task': {
        if (mode === 'solution') playSolution(step, lesson.solution[step.id]?.commands ?? [], walk, recorder, run);
        runToTarget(run, step.until ?? 'healthy', capFrom(recorder.sim.timeMs, step.maxMs), 'you', { prediction: predictions });
        const outcome = evaluateOutcome(step.check, { runs: { you: runViewOf('you', recorder.sim) }, prediction: predictions });
        walk.tasks.push(grade(step, outcome, maxPointsOf(lesson, step)));
        if (outcome.passed) walk.result.done[step.id] = recorder.sim.eventCount;
        break;
      }
      case 'assert': {
        const outcome = evaluateOutcome(step.check, { runs: { ...observed, you: runViewOf('you', recorder.sim) }, prediction: predictions });
        walk.asserts.push(grade(step, outcome, 0));
        break;
      }
      case 'reflect': {
        const why = mode === 'solution' ? lesson.solution[step.id]?.why : undefined;
        if (why !== undefined) walk.result.texts[step.id] = why;
        break;
      }
      default:
        break;
    }
  }
  walk.result.commands = recorder.commands.map((c) => ({ atMs: c.atMs, afterEvent: c.afterEvent, command: formatCliCommand(c.command) }));
  walk.result.eventCount = recorder.sim.eventCount;
  walk.result.timeMs = recorder.sim.timeMs;
  return walk;
}

/** A task's solution commands, now (an `@<ms>:` one waits for its time); a command the engine refuses is a problem. */
function playSolution(step: TaskStep, commands: string[], walk: LessonWalk, recorder: ReturnType<typeof lessonRecorder>, run: ReturnType<typeof movableRecorder>): void {
  for (const text of commands) {
    const parsed = parseLessonCommand(text, recorder.scenario);
    if (!parsed.ok) {
      walk.problems.push(`step "${step.id}": solution command "${text}": ${parsed.error}`);
      continue;
    }
    if (parsed.atMs !== null && parsed.atMs > recorder.sim.timeMs) run.advanceTo(parsed.atMs);
    try {
      recorder.dispatch(parsed.command);
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      walk.problems.push(`step "${step.id}": solution command "${describeCommand(parsed.command)}" was refused: ${error.message}`);
    }
  }
}

function grade(step: TaskStep | AssertStep, outcome: CheckOutcome, maxPoints: number): StepGrade {
  return {
    id: step.id,
    type: step.type,
    passed: outcome.passed,
    points: outcome.passed ? maxPoints : 0,
    maxPoints,
    ...(outcome.passed ? {} : { detail: outcome.error ?? `the check is false (it gave ${JSON.stringify(outcome.value)?.slice(0, 200)})` }),
  };
}
