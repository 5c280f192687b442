import { CommandSchema } from './command-schema';
import { checkShape, describeProblem, listProblems, pathText, type ShapeProblem } from './shape-problems';
import type { Command } from './types';

/**
 * Shape checks for commands arriving as data (JSON files, URL parameters,
 * driver calls): is this a command at all, with the right fields of the
 * right types? The rules are the schema in command-schema.ts; whether the
 * names exist in a cluster is checked separately (command-check.ts).
 */

export type CommandResult = { ok: true; command: Command } | { ok: false; error: string };

/** Every problem with a command's shape, each on its own (a scenario lists them one per line). */
export type CommandShapeResult = { ok: true; command: Command } | { ok: false; problems: string[] };

/** A command on its own: `node.crash: unknown field "extra" (node.crash takes node, kind)`. */
function describeAlone(problem: ShapeProblem, type: unknown): string {
  if (problem.path.length === 0 && problem.kind === 'wrong') return problem.message;
  const field = pathText(problem.path);
  switch (problem.kind) {
    case 'unknown':
      return `${String(type)}: unknown field "${field}"${problem.hint}`;
    case 'missing':
      return `${String(type)}: missing field "${field}" (${problem.hints.expects ?? 'required'})`;
    case 'wrong':
      return `${String(type)}: field "${field}" ${problem.message}`;
  }
}

/**
 * The one shape check: is `raw` (parsed JSON, a URL parameter, a driver
 * call) a well-formed command? Returns a fresh copy, or every problem by
 * name. Scenario timelines, the CLI, share URLs and the engine's own
 * `dispatch` (through `checkCommandAgainstCluster`) all come here. `at` says
 * where the command sits (`timeline[0].command`) so fields are named by
 * their full path.
 */
export function checkCommandShape(raw: unknown, at?: string): CommandShapeResult {
  const result = checkShape(CommandSchema, raw);
  if (result.ok) return { ok: true, command: result.value };
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  const problems = result.problems.map((p) => (at === undefined ? describeAlone(p, type) : describeProblem(p, at)));
  return { ok: false, problems: listProblems(problems, result.stopped) };
}

/** `checkCommandShape` with its problems joined by "; " into one message. */
export function parseCommand(raw: unknown, at?: string): CommandResult {
  const result = checkCommandShape(raw, at);
  return result.ok ? result : { ok: false, error: result.problems.join('; ') };
}
