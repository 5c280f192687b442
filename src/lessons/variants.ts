import type { Scenario } from '../engine/index';
import { getBuiltInScenarioData } from '../scenarios/built-in-registry';
import { parseScenario } from '../scenarios/parse-scenario';
import { fnv1a32 } from './checksums';
import type { Lesson, ResolvedLesson } from './lesson-types';
import { substitute } from './variables';

/**
 * Per-student variants (teaching-embed.md §2.2, §2.6): each variant is one set of variable values over the lesson's
 * `variables`; a student's variant is picked from the lesson hash and their id, so the same student always gets the
 * same one, a copied answer meets a different one, and the teacher can rebuild any of them.
 */

/** How many variants a lesson has: its values, or one (the variables alone). */
export function variantCount(lesson: Pick<Lesson, 'variants'>): number {
  return Math.max(1, lesson.variants.values.length);
}

/** `fnv1a(lessonHash + student) mod n`; 0 when the lesson picks by `none` or has no values. */
export function variantFor(lesson: Lesson, lessonHash: string, student: string): number {
  if (lesson.variants.by === 'none' || lesson.variants.values.length === 0) return 0;
  return fnv1a32(lessonHash + student) % lesson.variants.values.length;
}

/** The variable values of one variant: the lesson's variables, overlaid with that variant's. */
export function variantValues(lesson: Pick<Lesson, 'variables' | 'variants'>, variant: number): Record<string, unknown> {
  return { ...lesson.variables, ...(lesson.variants.values[variant] ?? {}) };
}

/**
 * One variant with its placeholders filled in and its scenario validated. Throws RangeError for a variant the
 * lesson does not have; an Error naming the problems when the scenario does not validate (a parsed lesson's never
 * does: parseLesson resolves every variant).
 */
export function applyVariant(lesson: Lesson, variant: number): ResolvedLesson {
  const count = variantCount(lesson);
  if (!Number.isInteger(variant) || variant < 0 || variant >= count) {
    throw new RangeError(`applyVariant: variant must be a whole number from 0 to ${count - 1}, got ${String(variant)}`);
  }
  const values = variantValues(lesson, variant);
  const resolved = substitute(lesson, values);
  const scenario = resolveScenario(resolved.scenario);
  if (typeof scenario === 'string') throw new Error(`lesson "${lesson.id}", variant ${variant}: ${scenario}`);
  return { lesson: resolved, variant, values, scenario, seed: resolved.seed ?? scenario.seed };
}

/** A lesson's scenario (a built-in id or a scenario object, placeholders filled in), or its problems in one line. */
export function resolveScenario(scenario: Lesson['scenario']): Scenario | string {
  if (typeof scenario === 'string') return getBuiltInScenarioData(scenario) ?? `scenario: unknown built-in scenario "${scenario}"`;
  const parsed = parseScenario(scenario);
  return parsed.ok ? parsed.scenario : parsed.problems.map((p) => `scenario.${p}`).join('; ');
}
