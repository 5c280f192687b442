import type { ShapePath, ShapeProblem } from '../engine/index';

/**
 * What the scenario parser's cross-field checks share. The schema
 * (scenario-schema.ts) has judged every field on its own; these checks
 * judge fields against each other, and only fields the schema passed.
 */

export type Problems = ShapeProblem[];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isPrefix = (prefix: ShapePath, path: ShapePath) => prefix.length <= path.length && prefix.every((key, i) => path[i] === key);

/** Which parts of a file passed the shape checks. */
export interface Soundness {
  /** Nothing at `path` or above it is wrong: the value has its declared type (its fields may still be wrong). */
  typed(path: ShapePath): boolean;
  /** The value at `path` and everything inside it passed. */
  whole(path: ShapePath): boolean;
}

export function soundnessOf(problems: readonly ShapeProblem[]): Soundness {
  const typed = (path: ShapePath) => !problems.some((p) => isPrefix(p.path, path));
  return { typed, whole: (path) => typed(path) && !problems.some((p) => isPrefix(path, p.path)) };
}

/** A cross-field problem: `message` about the field at `path`, sorted at `orderPath` (default: `path`). */
export function problemAt(path: ShapePath, message: string, order: Partial<Pick<ShapeProblem, 'orderPath' | 'lead'>> = {}): ShapeProblem {
  return { kind: 'wrong', path, message, ...order };
}

export function isWholeNumber(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
