import { encodeResult } from '../../lessons/result-url';
import type { Lesson, LessonStep } from '../../lessons/lesson-types';
import { resultOf, type LessonOrigin, type LessonProgress } from './lesson-progress';

/**
 * What the lesson player tells a page that hosts it (the embed, which passes it on as protocol events) and what it
 * answers when asked. The console gives no host: the player then reports to nobody.
 */

/**
 * The learner's current step, as a host sees it:
 * - `shown`: the step is the current one, nothing done on it yet (also after Back);
 * - `committed`: a predict step's prediction was committed;
 * - `done`: an observe step's runs have their results, or a narrate step's play reached its moment;
 * - `passed` / `failed`: a task step's last Check passed / did not.
 */
export type LessonStepStatus = 'shown' | 'committed' | 'done' | 'passed' | 'failed';

/** `lesson` event data. */
export interface LessonStepEvent {
  stepId: string;
  status: LessonStepStatus;
}

/** `result` event data and `lesson.result()`'s answer. */
export interface LessonResultSummary {
  /** The lesson's own `id`. */
  lessonId: string;
  variant: number;
  /** The learner's result link (what Copy my result copies), opening the full console. */
  resultUrl: string;
  /** Task steps whose Check passed (the grader grades each at that moment), in the lesson's order. */
  passedSteps: string[];
}

/** The lesson as it loaded: `variant` is null while the player waits for the learner's name or student id. */
export type LessonLoadOutcome = { ok: true; lessonId: string; title: string; variant: number | null } | { ok: false; problem: string };

export interface LessonHost {
  /** The page results open in (the full console); default: this page. */
  resultPage?: string;
  loaded(outcome: LessonLoadOutcome): void;
  step(event: LessonStepEvent): void;
  /** The learner copied their result. */
  result(summary: LessonResultSummary): void;
  /** The player says how to read its current result, while it shows a lesson; returns the withdrawal. */
  provideResult(read: () => Promise<LessonResultSummary>): () => void;
}

/** The status of the learner's current step, from what the player knows of it. */
export function stepStatusOf(step: LessonStep, progress: LessonProgress, watchMet: boolean | null): LessonStepStatus {
  switch (step.type) {
    case 'predict':
      return progress.predictions[step.id] ? 'committed' : 'shown';
    case 'task': {
      const check = progress.checks[step.id];
      return check === undefined ? 'shown' : check.passed ? 'passed' : 'failed';
    }
    case 'observe':
      return progress.observed[step.id] ? 'done' : 'shown';
    case 'narrate':
      return step.play && watchMet === true ? 'done' : 'shown';
    default:
      return 'shown';
  }
}

/** Task steps whose Check passed at some moment (`done`), in the lesson's order. */
export function passedStepsOf(lesson: Lesson, progress: LessonProgress): string[] {
  return lesson.steps.filter((s) => s.type === 'task' && progress.done[s.id] !== undefined).map((s) => s.id);
}

/** The learner's result link: `page` (an absolute URL) with the result's query. */
export function resultUrlOf(origin: LessonOrigin, progress: LessonProgress, shareQuery: string, page: string): string {
  const url = new URL(page);
  return `${url.origin}${url.pathname}?${encodeResult(resultOf(origin, progress, shareQuery)).replace(/^\?/, '')}`;
}

export function resultSummaryOf(lesson: Lesson, origin: LessonOrigin, progress: LessonProgress, shareQuery: string, page: string): LessonResultSummary {
  return { lessonId: lesson.id, variant: origin.variant, resultUrl: resultUrlOf(origin, progress, shareQuery, page), passedSteps: passedStepsOf(lesson, progress) };
}
