import type { ScenarioProse } from './scenario-prose';

/**
 * The console's way to a built-in's prose: the words of all built-ins are one chunk, fetched by dynamic
 * import() after first paint (the start-up bundle has a budget, DESIGN.md §5; one chunk of ~7 KB gzip costs
 * the start-up bundle less than twenty import() calls would). Node code uses the synchronous BUILT_IN_PROSE.
 */
export function loadBuiltInProse(id: string, builtIns: readonly { id: string }[]): Promise<ScenarioProse> | undefined {
  if (!hasBuiltInProse(id, builtIns)) return undefined;
  return import('./built-in-prose').then((m) => m.BUILT_IN_PROSE[id]!);
}

/**
 * Whether `id` is a built-in. The list is passed in (the page has it from the engine's worker) so that this module
 * does not bring every built-in's data into the page's start-up bundle.
 */
export function hasBuiltInProse(id: string, builtIns: readonly { id: string }[]): boolean {
  return builtIns.some((s) => s.id === id);
}
