import type { Scenario } from '../engine/index';
import { BUILT_IN_SCENARIO_DATA } from './built-in-data';
import { parseScenario } from './parse-scenario';

/**
 * The built-ins as the console needs them at first paint: the run's data (ids, titles, nodes,
 * timeline …) WITHOUT the prose, so the start-up bundle stays inside its budget. The prose
 * arrives a moment later through loadBuiltInProse (built-in-prose-loader.ts); Node code wants
 * registry.ts, whose objects carry it synchronously.
 */
export function getBuiltInScenarioData(id: string): Scenario | undefined {
  const file = BUILT_IN_SCENARIO_DATA.find((s) => s.id === id);
  if (!file) return undefined;
  const result = parseScenario(file);
  // The registry test parses every built-in, so this only fires if that test is broken.
  if (!result.ok) throw new Error(`built-in scenario "${id}" is invalid: ${result.problems.join('; ')}`);
  return result.scenario;
}

export { listBuiltInTitles, type BuiltInTitle } from './built-in-titles';

export function builtInScenarioIds(): string[] {
  return BUILT_IN_SCENARIO_DATA.map((s) => s.id);
}

/** The scenario without its prose: two scenarios that differ only in words run the same. */
export function withoutProse(scenario: Scenario): Scenario {
  const { description: _description, watch: _watch, ...data } = scenario;
  return data;
}
