import { parseScenario } from '../scenarios/parse-scenario';
import { getBuiltInScenario } from '../scenarios/registry';
import type { Scenario } from '../engine/index';

/**
 * Test support: scenarios go through the same validating parser users hit,
 * so a test can never run a scenario a user could not load.
 */
export function scenario(raw: Record<string, unknown>): Scenario {
  const result = parseScenario(raw);
  if (!result.ok) throw new Error(`test scenario is invalid:\n${result.problems.join('\n')}`);
  return result.scenario;
}

export function builtIn(id: string): Scenario {
  const found = getBuiltInScenario(id);
  if (!found) throw new Error(`no built-in scenario ${id}`);
  return found;
}
