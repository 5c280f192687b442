import { echoText } from './input-limits';

/**
 * Small phrasing helpers shared by every validator (commands, scenario files,
 * CLI flags), so a problem reads the same wherever it is reported.
 */

/** A value as a learner would recognise it in their input: `42`, `"n9"`, `an array`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return echoText(value); // never a 10 MB value repeated whole
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/**
 * A list of ids, short: a consecutive run like n1,n2,…,n6 becomes `n1…n6`;
 * otherwise a comma list, cut after a few names for big clusters.
 */
export function describeIds(ids: readonly string[], maxListed = 8): string {
  if (ids.length === 0) return 'none';
  if (ids.length >= 3 && isConsecutiveRun(ids)) return `${ids[0]}…${ids[ids.length - 1]}`;
  if (ids.length <= maxListed) return ids.join(', ');
  return `${ids.slice(0, maxListed - 2).join(', ')}, … (${ids.length} in all)`;
}

/** True for ids sharing a prefix whose numbers count up by one: n1,n2,n3 or s001,s002. */
function isConsecutiveRun(ids: readonly string[]): boolean {
  const first = /^(.*?)(\d+)$/.exec(ids[0]);
  if (!first) return false;
  const prefix = first[1];
  const start = Number(first[2]);
  return ids.every((id, i) => {
    const match = /^(.*?)(\d+)$/.exec(id);
    return match !== null && match[1] === prefix && Number(match[2]) === start + i;
  });
}
