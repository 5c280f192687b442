import type { Scenario } from '../engine/index';
import { parseScenario } from '../scenarios/parse-scenario';
import { builtInScenarioIds, getBuiltInScenarioData } from '../scenarios/built-in-registry';
import { checkSeed } from '../embed/driver-limits';
import { withoutTimeline } from '../store/share-url';

/**
 * A scenario as the driver's `load` and `runHeadless` take it: a built-in id or a scenario object, validated (an
 * Error naming every problem otherwise), with the options `seed` (checked, a RangeError naming the range) and
 * `timeline: false` (the scenario without its own timeline). Runs in the worker, so the page never loads the
 * validator.
 */
export function resolveScenario(scenario: unknown, options: unknown = {}): { scenario: Scenario; seed: number } {
  const given = scenarioOf(scenario);
  const opts = (typeof options === 'object' && options !== null ? options : {}) as { seed?: unknown; timeline?: unknown };
  const resolved = opts.timeline === false ? withoutTimeline(given) : given;
  const seed = opts.seed === undefined ? resolved.seed : checkSeed(opts.seed);
  return { scenario: resolved, seed };
}

function scenarioOf(scenario: unknown): Scenario {
  if (typeof scenario === 'string') {
    const found = getBuiltInScenarioData(scenario);
    if (!found) throw new Error(`load: unknown scenario "${scenario}" (built-in: ${builtInScenarioIds().join(', ')})`);
    return found;
  }
  const parsed = parseScenario(scenario);
  if (!parsed.ok) throw new Error(`load: the scenario has problems:\n${parsed.problems.join('\n')}`);
  return parsed.scenario;
}
