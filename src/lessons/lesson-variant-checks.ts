import { MAX_SIM_HORIZON_MS, checkCommandAgainstCluster, parseCliCommand, type ClusterNames } from '../engine/index';
import { builtInScenarioIds, getBuiltInScenarioData } from '../scenarios/built-in-registry';
import { clusterNamesOf } from '../scenarios/cluster-names';
import { parseScenario } from '../scenarios/parse-scenario';
import type { Lesson, PredictStep } from './lesson-types';
import { variantCount, variantValues } from './variants';
import { substitute } from './variables';

/**
 * What a lesson means only once a variant's values are in: its scenario validates, each predict's answer is one of
 * its choices, and every command form (solution, observe runs, their settings) parses and names this cluster's
 * nodes. Every variant is judged; a problem every variant shares is said once, one that only some have names them
 * (`variants.values[1]: scenario.timeline[0].command: …`).
 */
export function variantProblems(lesson: Lesson): string[] {
  const count = variantCount(lesson);
  const perVariant = Array.from({ length: count }, (_, i) => problemsOfVariant(substitute(lesson, variantValues(lesson, i))));
  const shared = perVariant[0].filter((problem) => perVariant.every((list) => list.includes(problem)));
  const sharedSet = new Set(shared);
  const own = perVariant.flatMap((list, i) => list.filter((p) => !sharedSet.has(p)).map((p) => `variants.values[${i}]: ${p}`));
  return [...shared, ...own];
}

function problemsOfVariant(lesson: Lesson): string[] {
  const problems: string[] = [];
  let names: ClusterNames | null = null;
  if (typeof lesson.scenario === 'string') {
    const found = getBuiltInScenarioData(lesson.scenario);
    if (found) names = clusterNamesOf(found);
    else problems.push(`scenario: unknown built-in scenario ${JSON.stringify(lesson.scenario)} (built-in: ${builtInScenarioIds().join(', ')})`);
  } else {
    const parsed = parseScenario(lesson.scenario);
    if (parsed.ok) names = clusterNamesOf(parsed.scenario);
    else problems.push(...parsed.problems.map((p) => (p.startsWith('…') ? p : `scenario.${p}`)));
  }
  const command = (text: string, at: string) => {
    const parsed = parseCliCommand(text);
    if (!parsed.ok) return problems.push(`${at}: ${parsed.error}`);
    const problem = names ? checkCommandAgainstCluster(parsed.command, names) : null;
    if (problem) problems.push(`${at}: ${problem}`);
  };

  const predicts = new Map<string, PredictStep>();
  lesson.steps.forEach((step, index) => {
    const at = `steps[${index}]`;
    if (step.type === 'predict') {
      predicts.set(step.id, step);
      const problem = answerProblem(step, step.answer);
      if (problem) problems.push(`${at}.answer: ${problem.replace('{where}', 'its choices')}`);
    }
    if (step.type !== 'observe') return;
    step.runs.forEach((run, r) => {
      for (const [path, value] of Object.entries(run.set ?? {})) {
        const problem = names ? checkCommandAgainstCluster({ type: 'config.set', path, value } as never, names) : null;
        if (problem) problems.push(`${at}.runs[${r}].set[${JSON.stringify(path)}]: ${problem.replace(/^config\.set: /, '')}`);
      }
      run.commands?.forEach((text, c) => {
        const timed = splitAt(text);
        const where = `${at}.runs[${r}].commands[${c}]`;
        if (timed === null) problems.push(`${where}: expected "@<atMs>:<command>" with a time from 0 to ${MAX_SIM_HORIZON_MS} ms, got ${JSON.stringify(text)}`);
        else command(timed.command, where);
      });
    });
  });

  for (const [id, solution] of Object.entries(lesson.solution)) {
    solution.commands?.forEach((text, c) => command(text, `solution.${id}.commands[${c}]`));
    const step = predicts.get(id);
    const problem = step && solution.prediction !== undefined ? answerProblem(step, solution.prediction) : null;
    if (problem) problems.push(`solution.${id}.prediction: ${problem.replace('{where}', `the choices of step "${id}"`)}`);
  }
  return problems;
}

/** Why an answer does not fit its predict step, or null. `{where}` is filled in by the caller. */
function answerProblem(step: PredictStep, answer: string | number | undefined): string | null {
  if (answer === undefined) return null;
  if (step.choices) {
    const ids = step.choices.map((c) => c.id);
    return typeof answer === 'string' && ids.includes(answer) ? null : `${JSON.stringify(answer)} is not one of {where} (${ids.join(', ')})`;
  }
  if (step.numeric && typeof answer !== 'number') return `must be a number (the step asks for a number in ${step.numeric.unit || 'no unit'}), got ${JSON.stringify(answer)}`;
  return null;
}

/** `@2000:node.crash:n3` → at 2000 ms; a form without `@` runs at 0; null for a bad time. */
export function splitAt(text: string): { atMs: number; command: string } | null {
  if (!text.startsWith('@')) return { atMs: 0, command: text };
  const match = /^@(\d+(?:\.\d+)?):(.*)$/s.exec(text);
  if (!match || Number(match[1]) > MAX_SIM_HORIZON_MS) return null;
  return { atMs: Number(match[1]), command: match[2] };
}
