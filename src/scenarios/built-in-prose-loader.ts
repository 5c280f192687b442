import { BUILT_IN_SCENARIO_DATA } from './built-in-data';
import type { ScenarioProse } from './scenario-prose';

/**
 * The console's way to a built-in's prose: the words of all built-ins are one chunk, fetched by dynamic
 * import() after first paint (the start-up bundle has a budget, DESIGN.md §5; one chunk of ~7 KB gzip costs
 * the start-up bundle less than twenty import() calls would). Node code uses the synchronous BUILT_IN_PROSE.
 */
export function loadBuiltInProse(id: string): Promise<ScenarioProse> | undefined {
  if (!hasBuiltInProse(id)) return undefined;
  return import('./built-in-prose').then((m) => m.BUILT_IN_PROSE[id]!);
}

export function hasBuiltInProse(id: string): boolean {
  return BUILT_IN_SCENARIO_DATA.some((s) => s.id === id);
}
