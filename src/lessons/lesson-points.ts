import type { Command } from '../engine/index';
import type { Lesson, LessonStep, PredictStep, PredictionRecord } from './lesson-types';

/**
 * What a step is worth (teaching-embed.md §2.2 `grading`): `grading.points[id]` when given; otherwise a task its
 * own `points` (or 1) and a prediction 1 — nothing when predictions earn no credit. Other steps are not graded.
 */
export function maxPointsOf(lesson: Lesson, step: LessonStep): number {
  if (step.type === 'predict' && lesson.grading.predictionCredit === 'none') return 0;
  const given = lesson.grading.points?.[step.id];
  if (given !== undefined) return given;
  if (step.type === 'task') return step.points ?? 1;
  return step.type === 'predict' ? 1 : 0;
}

/** Steps a grade row lists: predictions and tasks, in lesson order. */
export function gradedSteps(lesson: Lesson): LessonStep[] {
  return lesson.steps.filter((s) => s.type === 'predict' || s.type === 'task');
}

/** Whether a committed prediction is the step's answer (a choice id, or a number within `numeric.tolerance`). */
export function predictionCorrect(step: PredictStep, prediction: PredictionRecord): boolean | null {
  if (step.answer === undefined) return null;
  if (typeof step.answer === 'number') {
    return typeof prediction.value === 'number' && Math.abs(prediction.value - step.answer) <= (step.numeric?.tolerance ?? 0);
  }
  return prediction.choice === step.answer;
}

/**
 * Whether a command is one the lesson lets the learner use: `ui.allowCommands` (absent: every command) and each
 * task's own list. An entry is a command kind (`node.crash`) or `config.set:<path>`.
 */
export function commandAllowed(lesson: Lesson, command: Command): boolean {
  if (lesson.ui.allowCommands === undefined) return true;
  const entries = [...lesson.ui.allowCommands, ...lesson.steps.flatMap((s) => (s.type === 'task' ? (s.allowCommands ?? []) : []))];
  const path = command.type === 'config.set' ? `config.set:${(command as { path: string }).path}` : null;
  return entries.some((entry) => entry === command.type || (path !== null && entry === path));
}
