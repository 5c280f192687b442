import type { CheckOutcome, Lesson, LessonResult, LessonStep, ObserveOutcome, PredictionRecord } from '../../lessons/lesson-types';

/** What the learner has done so far in one lesson: the player's state, and all a result URL needs. */
export interface LessonProgress {
  /** Index into the shown steps (`shownSteps`). */
  index: number;
  predictions: Record<string, PredictionRecord>;
  /** Reflect answers and predictions' "why", by step id. */
  texts: Record<string, string>;
  /** Task step id → the event count at which its Check passed. */
  done: Record<string, number>;
  /** Task step id → hints shown so far. */
  hints: Record<string, number>;
  /** Task step id → its last Check. */
  checks: Record<string, CheckOutcome>;
  observed: Record<string, ObserveOutcome>;
}

export const NO_PROGRESS: LessonProgress = { index: 0, predictions: {}, texts: {}, done: {}, hints: {}, checks: {}, observed: {} };

/** The steps a learner sees, in order: an `assert` step checks the lesson itself and never shows. */
export function shownSteps(lesson: Lesson): LessonStep[] {
  return lesson.steps.filter((s) => s.type !== 'assert');
}

/** Why Continue cannot be pressed on this step yet (null: it can). A predict step locks what follows until committed. */
export function continueBlocked(step: LessonStep, progress: LessonProgress, watchMet: boolean | null): string | null {
  if (step.type === 'predict' && !progress.predictions[step.id]) return 'Commit your prediction first: the observation stays locked until you do.';
  if (step.type === 'narrate' && step.play && watchMet !== true) return 'Play the run first: this step goes on once the moment it plays to is reached.';
  return null;
}

/** Where the learner's lesson came from, as the result URL names it. */
export interface LessonOrigin {
  /** `lesson=` value (a built-in id or an https URL), or null when the lesson came inline. */
  ref: string | null;
  /** The lesson's JSON text when it came inline (`lessonJson=`), or null. */
  json: string | null;
  hash: string;
  student: string;
  variant: number;
}

/**
 * The result of §2.7 from the learner's progress and the console's share query (which carries every command as
 * `c=<atMs>@<afterEvent>@<cli>` and the moment as `e=` and `t=`).
 */
export function resultOf(origin: LessonOrigin, progress: LessonProgress, shareQuery: string): LessonResult {
  const params = new URLSearchParams(shareQuery);
  const commands = params.getAll('c').flatMap((c) => {
    const match = /^(\d+)@(\d+)@(.+)$/.exec(c);
    return match ? [{ atMs: Number(match[1]), afterEvent: Number(match[2]), command: match[3] }] : [];
  });
  return {
    lessonRef: origin.ref,
    lessonJson: origin.ref === null ? origin.json : null,
    lessonHash: origin.hash,
    student: origin.student,
    variant: origin.variant,
    commands,
    predictions: progress.predictions,
    texts: progress.texts,
    done: progress.done,
    eventCount: Number(params.get('e') ?? 0),
    timeMs: Number(params.get('t') ?? 0),
  };
}
