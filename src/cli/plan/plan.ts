import {
  checkCommandAgainstCluster,
  checkShape,
  describeProblem,
  describeValue,
  didYouMean,
  formatCliCommand,
  listProblems,
  parseCliCommand,
  sortProblems,
  type Command,
  type Scenario,
  type ShapeProblem,
} from '../../engine/index';
import { clusterNamesOf } from '../../scenarios/cluster-names';
import { budgetSpent, isRecord, problemAt, soundnessOf, type Problems } from '../../scenarios/field-checks';
import { parseJsonText } from '../../scenarios/parse-json';
import { parseScenario } from '../../scenarios/parse-scenario';
import { builtInScenarioIds, getBuiltInScenario } from '../../scenarios/registry';
import { ALL_INVARIANTS, INVARIANT_NAMES } from './invariant-names';
import { PlanSchema, type PlanFile, type PlanUntil } from './plan-schema';

/**
 * Validates a test plan file (exercise 10) into a runnable plan: the scenario parsed once, every fault a checked
 * command, every expected invariant a name the checker uses. As with scenario files, every problem is reported by its
 * field path, in the order of the file, and nothing is half-loaded.
 */

/** How long a seed may take to reach `until` after the heal when the plan does not say. */
export const DEFAULT_WITHIN_MS = 600_000;

export interface PlanFault {
  atMs: number;
  command: Command;
  /** Its CLI form, for the report. */
  text: string;
}

export interface Plan {
  title: string | null;
  /** Validated, defaults filled: parsed once, shared by every seed's run. */
  scenario: Scenario;
  /** In time order; faults at the same ms keep their written order. */
  faults: PlanFault[];
  heal: number | null;
  /** The invariants that must hold after every step; 'all' = whatever the checker reports. */
  expect: 'all' | readonly string[];
  until: PlanUntil;
  withinMs: number;
}

export type PlanParseResult = { ok: true; plan: Plan } | { ok: false; problems: string[] };

/** Accepts parsed JSON or JSON text. */
export function parsePlan(input: unknown): PlanParseResult {
  let raw = input;
  if (typeof input === 'string') {
    const json = parseJsonText(input);
    if (!json.ok) return { ok: false, problems: [json.problem] };
    raw = json.value;
  }
  if (!isRecord(raw)) return { ok: false, problems: [`a plan must be a JSON object, got ${describeValue(raw)}`] };

  const shape = checkShape(PlanSchema, raw);
  const shapeProblems = shape.ok ? [] : shape.problems;
  if (!shape.ok && shape.stopped) return { ok: false, problems: listProblems(shapeProblems.map((p) => describeProblem(p)), true) };
  const ok = soundnessOf(shapeProblems);
  const file = raw as PlanFile;

  const cross: Problems = [];
  // An inline scenario's own cross-field problems come back as lines; they are appended after the plan's.
  const scenarioLines: string[] = [];
  const scenario = ok.whole(['scenario']) ? resolveScenario(file.scenario, cross, scenarioLines) : null;
  const faults = ok.typed(['faults']) ? checkFaults(raw.faults as unknown[], ok, scenario, cross) : null;
  if (ok.whole(['expect'])) checkExpect(file.expect, cross);
  if (ok.whole(['heal']) && file.heal !== undefined && ok.typed(['faults'])) checkHeal(file.heal, raw.faults as unknown[], ok, cross);

  const problems = sortProblems(PlanSchema, raw, [...shapeProblems, ...cross]).map((p: ShapeProblem) => describeProblem(p));
  const all = [...problems, ...scenarioLines];
  if (!shape.ok || all.length > 0 || scenario === null || faults === null) {
    return { ok: false, problems: listProblems(all, budgetSpent(cross)) };
  }
  const valid = shape.value;
  return {
    ok: true,
    plan: {
      title: valid.title ?? null,
      scenario,
      faults,
      heal: valid.heal ?? null,
      expect: valid.expect.includes(ALL_INVARIANTS) ? 'all' : [...valid.expect],
      until: valid.until ?? 'converged',
      withinMs: valid.withinMs ?? DEFAULT_WITHIN_MS,
    },
  };
}

function resolveScenario(value: PlanFile['scenario'], cross: Problems, lines: string[]): Scenario | null {
  if (typeof value === 'string') {
    const found = getBuiltInScenario(value);
    if (found) return found;
    const ids = builtInScenarioIds();
    cross.push(problemAt(['scenario'], `no built-in scenario has the id "${value}"${didYouMean(value, ids)}; built-ins: ${ids.join(', ')}`));
    return null;
  }
  const parsed = parseScenario(value);
  if (parsed.ok) return parsed.scenario;
  // parseScenario names fields from the scenario's root; here they sit under `scenario`.
  for (const line of parsed.problems) {
    lines.push(/^unknown field "/.test(line) ? line.replace(/^unknown field "/, 'unknown field "scenario.') : /^[\w$]/.test(line) && !line.startsWith('…') ? `scenario.${line}` : `scenario: ${line}`);
  }
  return null;
}

/** Each fault's command parsed (CLI form) and checked against the scenario's cluster, like a timeline entry. */
function checkFaults(raw: unknown[], ok: ReturnType<typeof soundnessOf>, scenario: Scenario | null, cross: Problems): PlanFault[] | null {
  const cluster = scenario === null ? null : clusterNamesOf(scenario);
  const faults: PlanFault[] = [];
  let complete = true;
  for (const [i, entry] of raw.entries()) {
    if (budgetSpent(cross)) return null;
    const path = ['faults', i, 'command'];
    if (!ok.whole(path) || !ok.whole(['faults', i, 'atMs'])) {
      complete = false;
      continue;
    }
    const { atMs, command: given } = entry as { atMs: number; command: string | Command };
    let command: Command;
    if (typeof given === 'string') {
      const parsed = parseCliCommand(given);
      if (!parsed.ok) {
        cross.push(problemAt(path, parsed.error));
        complete = false;
        continue;
      }
      command = parsed.command;
    } else command = structuredClone(given);
    const problem = cluster === null ? null : checkCommandAgainstCluster(command, cluster);
    if (problem !== null) {
      cross.push(problemAt(path, problem));
      complete = false;
      continue;
    }
    faults.push({ atMs, command, text: formatCliCommand(command) });
  }
  // Stable: faults at the same ms keep their written order.
  return complete ? faults.sort((x, y) => x.atMs - y.atMs) : null;
}

function checkExpect(names: readonly string[], cross: Problems): void {
  const seen = new Set<string>();
  for (const [i, name] of names.entries()) {
    if (name === ALL_INVARIANTS) {
      if (names.length > 1) cross.push(problemAt(['expect', i], '"all" already names every invariant; list it alone'));
      continue;
    }
    if (seen.has(name)) cross.push(problemAt(['expect', i], `"${name}" is listed twice`));
    seen.add(name);
    if (!INVARIANT_NAMES.includes(name)) {
      // No near-miss search on a long name: its cost grows with the length.
      const hint = name.length <= 200 ? didYouMean(name, INVARIANT_NAMES) : '';
      cross.push(
        problemAt(
          ['expect', i],
          `no invariant is named ${describeValue(name)}${hint}; write "all", or names as the checker reports them (npm run sim -- --plan --help lists them)`,
        ),
      );
    }
  }
}

/** The heal undoes every fault, so it comes after the last one (judged on the faults whose times are valid). */
function checkHeal(heal: number, raw: unknown[], ok: ReturnType<typeof soundnessOf>, cross: Problems): void {
  let last: { atMs: number; index: number } | null = null;
  for (const [index, entry] of raw.entries()) {
    if (!ok.whole(['faults', index, 'atMs'])) continue;
    const atMs = (entry as { atMs: number }).atMs;
    if (last === null || atMs >= last.atMs) last = { atMs, index };
  }
  if (last !== null && heal < last.atMs) {
    cross.push(problemAt(['heal'], `${heal} ms is before the last fault (faults[${last.index}] at ${last.atMs} ms); heal once every fault is in`));
  }
}
