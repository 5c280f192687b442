import { pathText } from '../engine/index';

/**
 * Where a JSON value first nests deeper than `max` objects and lists (the path of the container that goes past
 * it), or null. Iterative, so a 100,000-deep value from a stranger's file is judged without a stack overflow.
 */
export function tooDeepAt(value: unknown, max: number): string | null {
  const stack: { value: unknown; depth: number; path: (string | number)[] }[] = [{ value, depth: 0, path: [] }];
  while (stack.length > 0) {
    const { value: current, depth, path } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > max) return pathText(path);
    const entries: [string | number, unknown][] = Array.isArray(current) ? current.map((item, i) => [i, item]) : Object.entries(current);
    // Pushed in reverse so the first place in reading order is the one named.
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i][1], depth: depth + 1, path: [...path, entries[i][0]] });
  }
  return null;
}
