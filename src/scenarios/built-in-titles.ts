import { BUILT_IN_SCENARIO_DATA } from './built-in-data';

/**
 * The scenario picker's list, apart from built-in-registry.ts on purpose: a title list must not bring the registry's
 * parser (parseScenario, the scenario schema) wherever it goes. The engine's worker serves it to the page
 * (`listBuiltIns`), so the page's start-up code loads no scenario data at all.
 */
export interface BuiltInTitle {
  id: string;
  title: string;
}

/** Id and title of every built-in, in teaching order: the scenario picker's options. */
export function listBuiltInTitles(): BuiltInTitle[] {
  return BUILT_IN_SCENARIO_DATA.map((s) => ({ id: s.id, title: s.title ?? s.id }));
}
