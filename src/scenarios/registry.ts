import type { Scenario } from '../engine/index';
import { BUILT_IN_PROSE } from './built-in-prose';
import { BUILT_IN_SCENARIO_DATA } from './built-in-data';
import { builtInScenarioIds } from './built-in-registry';
import { parseScenario } from './parse-scenario';
import type { ScenarioFile } from './scenario-file';

/**
 * The built-in scenarios, in the order a learner should meet them, with their prose (description,
 * What to watch) bundled synchronously: for Node (CLI, tests, oracle). The console imports
 * built-in-registry.ts instead and fetches the prose on demand. They are
 * kept as raw files and parsed on request, so they go through exactly the
 * checks a user's file does (and each call returns a fresh, unshared object).
 */
export const BUILT_IN_SCENARIOS: readonly ScenarioFile[] = BUILT_IN_SCENARIO_DATA.map((data) => ({ ...data, ...BUILT_IN_PROSE[data.id] }));

export function getBuiltInScenario(id: string): Scenario | undefined {
  const file = BUILT_IN_SCENARIOS.find((s) => s.id === id);
  if (!file) return undefined;
  const result = parseScenario(file);
  // The registry test parses every built-in, so this only fires if that test is broken.
  if (!result.ok) throw new Error(`built-in scenario "${id}" is invalid: ${result.problems.join('; ')}`);
  return result.scenario;
}

export interface BuiltInSummary {
  id: string;
  title: string;
  description: string;
}

export function listBuiltInScenarios(): BuiltInSummary[] {
  return BUILT_IN_SCENARIOS.map((s) => ({ id: s.id, title: s.title ?? s.id, description: s.description ?? '' }));
}

export { builtInScenarioIds };
