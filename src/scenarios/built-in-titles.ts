import { BUILT_IN_SCENARIO_DATA } from './built-in-data';

/**
 * The scenario picker's list, apart from built-in-registry.ts on purpose: the header needs only ids and titles at
 * first paint, and importing the registry from the start-up code would pull its parser (parseScenario, the scenario
 * schema) into the start-up bundle as soon as a lazily loaded module also uses the registry (the bundler keeps a
 * shared module whole in the chunk the page loads first).
 */
export interface BuiltInTitle {
  id: string;
  title: string;
}

/** Id and title of every built-in, in teaching order: the scenario picker's options. */
export function listBuiltInTitles(): BuiltInTitle[] {
  return BUILT_IN_SCENARIO_DATA.map((s) => ({ id: s.id, title: s.title ?? s.id }));
}
