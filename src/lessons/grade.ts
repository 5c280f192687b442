import { evaluateOutcome } from './check/evaluate-check';
import { runViewOf } from './check/run-view';
import { lessonHash } from './lesson-hash';
import { commandAllowed, gradedSteps, maxPointsOf, predictionCorrect } from './lesson-points';
import type { GradeRow, Lesson, LessonResult, PredictStep, ResolvedLesson, StepGrade, TaskStep } from './lesson-types';
import { parseLesson } from './parse-lesson';
import { recordedCommandsOf, replayLessonRun } from './run-lesson';
import { applyVariant, variantCount, variantFor } from './variants';

/**
 * Grades a learner's result with the teacher's copy of the lesson (teaching-embed.md §2.7, lessons-contract.md
 * decision 3): no score from the learner is trusted. The run is rebuilt from the result's commands and each task's
 * check evaluated at the event its Check passed (`done`), or at the result's final moment when it never did.
 * Predictions earn points per `grading.predictionCredit`. Nothing here throws for a bad result: what makes it
 * ungradable, or only partly so, is a problem in the row (a different lesson text, a variant that is not the
 * student's, a command the cluster refuses).
 */
export function gradeResult(lessonText: string, result: LessonResult): GradeRow {
  const row: GradeRow = { student: result.student, variant: result.variant, steps: [], points: 0, maxPoints: 0, passed: false, digest: '', problems: [], texts: { ...result.texts } };
  const parsed = parseLesson(lessonText);
  if (!parsed.ok) {
    row.problems.push(`the lesson does not load: ${parsed.problems.slice(0, 5).join('; ')}`);
    return row;
  }
  const { lesson } = parsed;
  const hash = lessonHash(lessonText);
  if (result.lessonHash !== hash) {
    row.problems.push(`the result was made with another copy of the lesson (lh=${result.lessonHash}, the teacher's copy is ${hash}); graded with the teacher's copy`);
  }
  row.variant = studentVariant(lesson, hash, result, row.problems);
  try {
    return gradeResolved(applyVariant(lesson, row.variant), result, row);
  } catch (error) {
    // A grader page grading a class must not stop at one result: whatever went wrong is that row's problem.
    row.problems.push(`could not be graded: ${error instanceof Error ? error.message : String(error)}`);
    return row;
  }
}

/** The variant the student id gives (a copied URL with another id meets another variant); a mismatch is named. */
function studentVariant(lesson: Lesson, hash: string, result: LessonResult, problems: string[]): number {
  if (lesson.variants.by === 'none') {
    if (Number.isInteger(result.variant) && result.variant >= 0 && result.variant < variantCount(lesson)) return result.variant;
    problems.push(`variant ${result.variant} does not exist (the lesson has ${variantCount(lesson)}); graded as variant 0`);
    return 0;
  }
  const expected = variantFor(lesson, hash, result.student);
  if (result.variant !== expected) {
    problems.push(`the result says variant ${result.variant}, but student "${result.student}" gets variant ${expected}; graded as variant ${expected}`);
  }
  return expected;
}

/** The grade of a result against one resolved variant (checkLesson grades the walked solution this way too). */
export function gradeResolved(resolved: ResolvedLesson, result: LessonResult, row: GradeRow): GradeRow {
  const { lesson } = resolved;
  const decoded = recordedCommandsOf(resolved, result.commands);
  row.problems.push(...decoded.problems);
  for (const c of decoded.commands) {
    if (!commandAllowed(lesson, c.command)) row.problems.push(`command at ${c.atMs} ms is not one this lesson allows: ${result.commands.find((r) => r.atMs === c.atMs)?.command ?? c.command.type}`);
  }
  const replayProblems = new Set<string>();
  const runAt = (eventCount: number, timeMs: number | null) => {
    const replay = replayLessonRun(resolved, result.commands, { eventCount, timeMs });
    for (const p of replay.problems) if (!decoded.problems.includes(p)) replayProblems.add(p);
    return replay.sim;
  };

  const steps: StepGrade[] = [];
  for (const step of gradedSteps(lesson)) {
    const maxPoints = maxPointsOf(lesson, step);
    if (step.type === 'predict') steps.push(gradePrediction(lesson, step, result, maxPoints));
    else {
      const task = step as TaskStep;
      const at = result.done[task.id];
      const sim = at === undefined ? runAt(result.eventCount, result.timeMs) : runAt(at, null);
      const outcome = evaluateOutcome(task.check, { runs: { you: runViewOf('you', sim) }, prediction: result.predictions });
      steps.push({
        id: task.id,
        type: 'task',
        passed: outcome.passed,
        points: outcome.passed ? maxPoints : 0,
        maxPoints,
        ...(outcome.passed
          ? {}
          : { detail: `${at === undefined ? 'never checked; at the final moment ' : ''}${outcome.error ?? `the check is false (it gave ${JSON.stringify(outcome.value)?.slice(0, 200)})`}` }),
      });
    }
  }
  row.digest = runAt(result.eventCount, result.timeMs).digest();
  row.problems.push(...replayProblems);
  row.steps = steps;
  row.points = steps.reduce((sum, s) => sum + s.points, 0);
  row.maxPoints = steps.reduce((sum, s) => sum + s.maxPoints, 0);
  row.passed = row.maxPoints === 0 || row.points >= lesson.grading.passAt * row.maxPoints - 1e-9;
  return row;
}

function gradePrediction(lesson: Lesson, step: PredictStep, result: LessonResult, maxPoints: number): StepGrade {
  const prediction = result.predictions[step.id];
  const base = { id: step.id, type: 'predict' as const, maxPoints };
  if (!prediction) return { ...base, passed: false, points: 0, detail: 'no prediction committed' };
  const correct = predictionCorrect(step, prediction);
  const credit = lesson.grading.predictionCredit;
  const passed = credit === 'correct' ? correct !== false : true;
  const notes: string[] = [];
  if (correct === false) notes.push(`predicted ${JSON.stringify(prediction.choice ?? prediction.value)}; the answer is ${JSON.stringify(step.answer)}`);
  const late = lateBy(lesson, step, result, prediction.atEvent);
  if (late) notes.push(late);
  return { ...base, passed, points: passed ? maxPoints : 0, ...(notes.length ? { detail: notes.join('; ') } : {}) };
}

/**
 * A prediction committed after the observe step that follows it showed its results (the player records that step
 * in `done` when it shows them): still credited, but said. Equal events cannot be ordered and are not flagged.
 */
function lateBy(lesson: Lesson, step: PredictStep, result: LessonResult, atEvent: number): string | null {
  const index = lesson.steps.indexOf(step);
  const observe = lesson.steps.slice(index + 1).find((s) => s.type === 'observe');
  if (!observe) return null;
  const shownAt = result.done[observe.id];
  if (shownAt === undefined || atEvent <= shownAt) return null;
  return `committed at event ${atEvent}, after the observe step "${observe.id}" showed its results (event ${shownAt})`;
}
