import { didYouMean } from '../engine/index';

/**
 * Small helpers the scenario parser's parts share. Each problem is one
 * string that starts with the field path it is about (`params.deadAfterMs: …`),
 * so a list of problems reads like a checklist of places to fix.
 */

export type Problems = string[];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `unknown field "params.heartbeatMs" (did you mean "heartbeatIntervalMs"?)` for each key not in `known`. */
export function reportUnknownFields(
  record: Record<string, unknown>,
  known: readonly string[],
  pathPrefix: string,
  problems: Problems,
): void {
  for (const key of Object.keys(record)) {
    if (!known.includes(key)) problems.push(`unknown field "${pathPrefix}${key}"${didYouMean(key, known)}`);
  }
}

export function isWholeNumber(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

export function isPositiveNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/**
 * Node and rack ids appear in the CLI syntax (`link.cut:n1,n2`,
 * `network.partition:n1+n2|cp`) and in link keys, so separator characters
 * and spaces are kept out of them.
 */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const NAME_RULE = 'a name of letters, digits, ".", "_" or "-" (no spaces)';
