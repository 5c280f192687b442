import { cliCase, runCliCase, type CliInput } from './cli-cases';
import { commandCase, runCommandCase, type CommandCaseInput } from './command-cases';
import { driverCase, runDriverCase, type DriverInput } from './driver-cases';
import type { FuzzCase, Outcome, Surface } from './fuzz-case';
import { caseRng, type FuzzRng } from './rng';
import { runScenarioCase, scenarioCase, type ScenarioInput } from './scenario-cases';
import { runUrlCase, urlCase, type UrlInput } from './url-cases';

/** Each surface: how a case is made from its random stream, and the door it is tried on. */
interface SurfaceDef<I> {
  generate(rng: FuzzRng): FuzzCase<I>;
  run(c: FuzzCase<I>): Outcome | Promise<Outcome>;
}

const DEFS: { [S in Surface]: SurfaceDef<unknown> } = {
  scenario: { generate: scenarioCase, run: (c) => runScenarioCase(c as FuzzCase<ScenarioInput>) },
  cli: { generate: cliCase, run: (c) => runCliCase(c as FuzzCase<CliInput>) },
  command: { generate: commandCase, run: (c) => runCommandCase(c as FuzzCase<CommandCaseInput>) },
  driver: { generate: driverCase, run: (c) => runDriverCase(c as FuzzCase<DriverInput>) },
  url: { generate: urlCase, run: (c) => runUrlCase(c as FuzzCase<UrlInput>) },
};

export function generateCase(surface: Surface, seed: number, index: number): FuzzCase {
  return DEFS[surface].generate(caseRng(seed, surface, index));
}

/** Builds and tries one case; a throw escaping a target is itself a crash. */
export async function tryCase(surface: Surface, seed: number, index: number): Promise<Outcome> {
  const c = generateCase(surface, seed, index);
  let outcome: Outcome;
  try {
    outcome = await DEFS[surface].run(c);
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    outcome = { verdict: 'crashed', detail: `escaped the target: ${text}`.slice(0, 1200) };
  }
  const polluted = prototypePollution();
  return polluted ? { verdict: 'crashed', detail: `Object.prototype polluted: ${polluted}` } : outcome;
}

/** Keys someone added to Object.prototype (a `__proto__` key merged into a plain object). */
function prototypePollution(): string | null {
  const keys = Object.getOwnPropertyNames(Object.prototype).filter((k) => !BASELINE.has(k));
  if (keys.length === 0 && ({} as Record<string, unknown>).polluted === undefined) return null;
  for (const k of keys) delete (Object.prototype as Record<string, unknown>)[k];
  return keys.join(', ') || 'polluted';
}
const BASELINE = new Set(Object.getOwnPropertyNames(Object.prototype));
