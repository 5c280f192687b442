/** Deeper than this an argument is refused before it is sent: structured clone recurses and would overflow the stack. */
export const MAX_SEND_DEPTH = 1_000;

/**
 * Why a value cannot travel to the engine's worker by structured clone, naming where in it the problem is
 * (`command.type is a function`), or null when it can. Walks without recursion, so a 20,000-deep object is
 * measured, not overflowed on.
 */
export function unsendable(value: unknown, name: string): string | null {
  const stack: [unknown, string, number][] = [[value, name, 0]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [v, path, depth] = stack.pop()!;
    if (typeof v === 'function') return `${path} is a function`;
    if (typeof v === 'symbol') return `${path} is a symbol`;
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    if (depth >= MAX_SEND_DEPTH) return `${path} is nested more than ${MAX_SEND_DEPTH} levels deep`;
    seen.add(v);
    for (const key of Object.keys(v)) stack.push([(v as Record<string, unknown>)[key], Array.isArray(v) ? `${path}[${key}]` : `${path}.${key}`, depth + 1]);
  }
  return null;
}
