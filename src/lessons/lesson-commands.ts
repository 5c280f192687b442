import { checkCommandAgainstCluster, parseCliCommand, type Command, type Scenario } from '../engine/index';
import { clusterNamesOf } from '../scenarios/cluster-names';
import { splitAt } from './lesson-variant-checks';

/**
 * Lesson command forms (lessons-contract.md decision 7): the CLI forms (`node.crash:n3`,
 * `config.set:params.rehomeGraceMs=600`), optionally `@<atMs>:`-prefixed in observe runs and solutions
 * (`@5000:node.crash:n3`). Parsed with the engine's own CLI parser and checked against the scenario's names.
 */
export type LessonCommand = { ok: true; atMs: number | null; command: Command } | { ok: false; error: string };

export function parseLessonCommand(text: string, scenario: Scenario): LessonCommand {
  // The parser's own reading of the prefix (lesson-variant-checks.ts), so what it accepted runs the same here.
  const at = splitAt(text);
  if (!at) return { ok: false, error: `"${text.slice(0, 40)}": a time prefix is @<ms>: with ms from 0 to the engine's horizon` };
  const parsed = parseCliCommand(at.command);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  // clusterNamesOf also names the control-plane members, so `cp.crash:cp2` is checked against a 3-member plane.
  const problem = checkCommandAgainstCluster(parsed.command, clusterNamesOf(scenario));
  if (problem) return { ok: false, error: problem };
  return { ok: true, atMs: text.startsWith('@') ? at.atMs : null, command: parsed.command };
}

/** An observe run's `set` entries as the commands they are: `config.set` of each path, in the order given. */
export function setCommands(set: Record<string, unknown> | undefined): Command[] {
  return Object.entries(set ?? {}).map(([path, value]) => ({ type: 'config.set', path, value }) as Command);
}
