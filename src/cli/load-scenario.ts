import { didYouMean, type Scenario } from '../engine/index';
import { parseScenario } from '../scenarios/parse-scenario';
import { builtInScenarioIds, getBuiltInScenario } from '../scenarios/registry';

/**
 * Turns the --scenario value into a validated scenario: a path (it ends in
 * .json or contains a slash) is read and parsed; anything else must be a
 * built-in id. File access is passed in, so this stays testable without disk.
 */

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

export function looksLikePath(value: string): boolean {
  return /\.json$/i.test(value) || value.includes('/') || value.includes('\\');
}

export function loadScenario(value: string, readFile: (path: string) => string): LoadResult {
  if (!looksLikePath(value)) {
    const scenario = getBuiltInScenario(value);
    if (scenario) return { ok: true, scenario };
    const ids = builtInScenarioIds();
    return {
      ok: false,
      errors: [
        `--scenario "${value}": no built-in scenario has that id${didYouMean(value, ids)}; ` +
          `built-ins: ${ids.join(', ')} (a file path must end in .json)`,
      ],
    };
  }
  let text: string;
  try {
    text = readFile(value);
  } catch (error) {
    return { ok: false, errors: [`--scenario "${value}": cannot read the file (${(error as Error).message})`] };
  }
  const parsed = parseScenario(text);
  if (parsed.ok) return parsed;
  return { ok: false, errors: parsed.problems.map((problem) => `${value}: ${problem}`) };
}
