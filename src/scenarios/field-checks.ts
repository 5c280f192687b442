import { MAX_CHECKED_PROBLEMS, type ShapePath, type ShapeProblem } from '../engine/index';

/**
 * What the scenario parser's cross-field checks share. The schema
 * (scenario-schema.ts) has judged every field on its own; these checks
 * judge fields against each other, and only fields the schema passed.
 */

export type Problems = ShapeProblem[];

/** The cross-field checks stop looking once they have more than this many problems (the refusal then says checking stopped). */
export const budgetSpent = (problems: Problems): boolean => problems.length > MAX_CHECKED_PROBLEMS;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Which parts of a file passed the shape checks. */
export interface Soundness {
  /** Nothing at `path` or above it is wrong: the value has its declared type (its fields may still be wrong). */
  typed(path: ShapePath): boolean;
  /** The value at `path` and everything inside it passed. */
  whole(path: ShapePath): boolean;
}

export function soundnessOf(problems: readonly ShapeProblem[]): Soundness {
  // Indexed by path, so a file with 100,000 problems is judged in linear time.
  const at = new Set<string>();
  const below = new Set<string>();
  for (const { path } of problems) {
    at.add(JSON.stringify(path));
    for (let n = 0; n < path.length; n++) below.add(JSON.stringify(path.slice(0, n)));
  }
  const typed = (path: ShapePath) => path.every((_, n) => !at.has(JSON.stringify(path.slice(0, n + 1)))) && !at.has('[]');
  return { typed, whole: (path) => typed(path) && !below.has(JSON.stringify(path)) };
}

/** A list of node ids: what the schema checks, again for the keys valibot's records skip ("constructor"…). */
export function isNameList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((id) => typeof id === 'string');
}

/** A cross-field problem: `message` about the field at `path`, sorted at `orderPath` (default: `path`). */
export function problemAt(path: ShapePath, message: string, order: Partial<Pick<ShapeProblem, 'orderPath' | 'lead'>> = {}): ShapeProblem {
  return { kind: 'wrong', path, message, ...order };
}

export function isWholeNumber(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
