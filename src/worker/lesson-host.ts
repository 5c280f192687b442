import type { Simulation } from '../engine/index';
import { evaluateOutcome } from '../lessons/check/evaluate-check';
import { runViewOf } from '../lessons/check/run-view';
import type { CheckOutcome, ObserveOutcome, PredictionRecord, ResolvedLesson } from '../lessons/lesson-types';
import { parseLesson } from '../lessons/parse-lesson';
import { runObserve } from '../lessons/run-lesson';
import { applyVariant } from '../lessons/variants';

/**
 * The worker's lesson methods (lessons-contract.md, decision 2: checks run where the run is). Loaded on the first
 * lesson call only, so a console without a lesson never fetches the lesson modules. Every check reads the console's
 * live run as label `you`; nothing crosses the boundary but the expression and its outcome.
 */

/** The lesson text and variant last resolved, so Check and Observe do not parse the same file again and again. */
let cached: { text: string; variant: number; resolved: ResolvedLesson } | null = null;

/** One variant of a lesson, parsed and resolved; a problem throws a TypeError naming every field. */
export function resolveLesson(lessonText: string, variant: number): ResolvedLesson {
  if (typeof lessonText !== 'string') throw new TypeError(`lesson: the lesson must be its JSON text, got ${typeof lessonText}`);
  if (cached && cached.text === lessonText && cached.variant === variant) return cached.resolved;
  const parsed = parseLesson(lessonText);
  if (!parsed.ok) throw new TypeError(`lesson: ${parsed.problems.join('; ')}`);
  if (!Number.isInteger(variant)) throw new RangeError(`lesson: variant must be a whole number, got ${String(variant)}`);
  const resolved = applyVariant(parsed.lesson, variant);
  cached = { text: lessonText, variant, resolved };
  return resolved;
}

/** A check on the live run, now. Never throws: a broken expression is the outcome's `error`. */
export function checkLive(sim: Simulation, expr: unknown, predictions: Record<string, PredictionRecord>): CheckOutcome {
  return evaluateOutcome(expr, { runs: { you: runViewOf('you', sim) }, prediction: predictions ?? {} });
}

export function observe(lessonText: string, variant: number, stepId: string): ObserveOutcome {
  return runObserve(resolveLesson(lessonText, variant), stepId);
}
