import { COMMAND_SPECS, COMMAND_TYPES, REPAIR_MODES, isCommandType, type CommandFieldKind } from './command-specs';
import { didYouMean } from './did-you-mean';
import { ECHO_CHARS, MAX_NAME_CHARS, MAX_NODES, MAX_WORKLOAD_OPS_PER_SEC } from './input-limits';
import { describeValue } from './problem-text';
import type { Command, RepairMode } from './types';

/**
 * Shape checks for commands arriving as data (JSON files, URL parameters,
 * driver calls): is this a command at all, with the right fields of the
 * right types? Whether the names exist in a cluster is checked separately.
 */

export type CommandResult = { ok: true; command: Command } | { ok: false; error: string };

const KIND_HINTS: Record<CommandFieldKind, string> = {
  node: 'a node id string',
  endpoint: 'a node id or "cp"',
  rack: 'a rack id string',
  flag: 'true or false',
  groups: 'a list of groups, each a list of node ids or "cp"',
  path: 'a settings path string such as "params.rehomeGraceMs"',
  value: 'a number, true/false, a string or a list of strings',
  rate: `a number from 0 to ${MAX_WORKLOAD_OPS_PER_SEC} (per second)`,
  shard: 'a shard id string such as "s001"',
  repairMode: `"${REPAIR_MODES.join('" or "')}"`,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_NAME_CHARS;
/** Said after a refused name that is only too long, so the learner sees which limit it broke. */
const nameNote = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > MAX_NAME_CHARS ? `at most ${MAX_NAME_CHARS} characters` : undefined;
/** A list value (registeredNodes) names nodes, so it is no longer than the largest cluster. */
const isNameList = (v: unknown): v is string[] => Array.isArray(v) && v.length <= MAX_NODES && v.every(isName);

/**
 * One problem with one field. Kept apart from its wording so the same check
 * reads `node.crash: unknown field "extra"` from a driver call and
 * `unknown field "timeline[0].command.extra"` inside a scenario file.
 */
type FieldProblem =
  | { kind: 'unknown'; field: string; hint: string }
  | { kind: 'missing'; field: string; expected: string }
  | { kind: 'wrong'; field: string; expected: string; got: unknown; note?: string };

/** The field's problem, or null; `groups` names the exact element that is wrong. */
function checkFieldShape(kind: CommandFieldKind, name: string, value: unknown): FieldProblem | null {
  const wrong: FieldProblem = { kind: 'wrong', field: name, expected: KIND_HINTS[kind], got: value };
  switch (kind) {
    case 'node':
    case 'endpoint':
    case 'rack':
    case 'path':
    case 'shard':
      return isName(value) ? null : { ...wrong, note: nameNote(value) };
    case 'flag':
      return typeof value === 'boolean' ? null : wrong;
    case 'rate':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_WORKLOAD_OPS_PER_SEC
        ? null
        : wrong;
    case 'repairMode':
      return (REPAIR_MODES as readonly unknown[]).includes(value) ? null : wrong;
    case 'value': {
      const ok =
        (typeof value === 'number' && Number.isFinite(value)) ||
        typeof value === 'boolean' ||
        isName(value) ||
        value === '' ||
        isNameList(value);
      const tooLong = nameNote(value) ?? (Array.isArray(value) && value.length > MAX_NODES ? `at most ${MAX_NODES} items` : undefined);
      return ok ? null : { ...wrong, note: tooLong };
    }
    case 'groups': {
      if (!Array.isArray(value)) return wrong;
      if (value.length > MAX_NODES + 1) return { ...wrong, note: `at most ${MAX_NODES + 1} groups` };
      for (const [g, group] of value.entries()) {
        if (!Array.isArray(group)) {
          return { kind: 'wrong', field: `${name}[${g}]`, expected: 'a list of node ids or "cp"', got: group };
        }
        for (const [m, member] of group.entries()) {
          if (!isName(member)) {
            return { kind: 'wrong', field: `${name}[${g}][${m}]`, expected: 'a node id or "cp"', got: member, note: nameNote(member) };
          }
        }
      }
      return null;
    }
  }
}

/**
 * Without `at`: `node.crash: unknown field "extra" …` (a command on its own).
 * With `at` (where the command sits, e.g. `timeline[0].command`): every field
 * by its full path, the way the scenario parser names all other fields.
 */
function formatFieldProblem(problem: FieldProblem, type: string, at: string | undefined): string {
  const got = problem.kind === 'wrong' ? `, got ${describeValue(problem.got)}${problem.note ? ` (${problem.note})` : ''}` : '';
  if (at === undefined) {
    switch (problem.kind) {
      case 'unknown':
        return `${type}: unknown field "${problem.field}"${problem.hint}`;
      case 'missing':
        return `${type}: missing field "${problem.field}" (${problem.expected})`;
      case 'wrong':
        return `${type}: field "${problem.field}" must be ${problem.expected}${got}`;
    }
  }
  const path = `${at}.${problem.field}`;
  switch (problem.kind) {
    case 'unknown':
      return `unknown field "${path}"${problem.hint}`;
    case 'missing':
      return `${path}: required (${problem.expected})`;
    case 'wrong':
      return `${path}: must be ${problem.expected}${got}`;
  }
}

/** ` (did you mean "node"?)` for a near miss, else the fields this command does take. */
function unknownFieldHint(key: string, type: Command['type'], fieldNames: readonly string[]): string {
  if (fieldNames.length === 0) return ` (${type} takes no fields)`;
  return didYouMean(key, fieldNames) || ` (${type} takes ${fieldNames.join(', ')})`;
}

export function unknownTypeMessage(type: string): string {
  const hint = didYouMean(type, COMMAND_TYPES);
  const known = `known: ${COMMAND_TYPES.join(', ')}`;
  return `unknown command type "${type}" (${hint ? `${hint.slice(2, -1)}; ` : ''}${known})`;
}

/** Every problem with a command's shape, each on its own (a scenario lists them one per line). */
export type CommandShapeResult = { ok: true; command: Command } | { ok: false; problems: string[] };

/**
 * The one shape check: is `raw` (parsed JSON, a URL parameter, a driver
 * call) a well-formed command? Returns a fresh copy, or every problem by
 * name. Scenario timelines, the CLI, share URLs and the engine's own
 * `dispatch` (through `checkCommandAgainstCluster`) all come here. `at` says
 * where the command sits (`timeline[0].command`) so fields are named by
 * their full path.
 */
export function checkCommandShape(raw: unknown, at?: string): CommandShapeResult {
  const where = at === undefined ? '' : `${at}: `;
  const refuse = (problem: string): CommandShapeResult => ({ ok: false, problems: [`${where}${problem}`] });
  if (!isRecord(raw)) {
    return refuse(`a command must be an object such as {"type": "node.crash", "node": "n3"}, got ${describeValue(raw)}`);
  }
  const { type } = raw;
  if (type === undefined) return refuse(`command is missing field "type" (known: ${COMMAND_TYPES.join(', ')})`);
  if (typeof type !== 'string') return refuse(`command field "type" must be a string, got ${describeValue(type)}`);
  // Checked before any near-miss search, whose cost grows with the length: a 10 MB type is refused at once.
  if (type.length > MAX_NAME_CHARS) {
    return refuse(`command field "type" must be at most ${MAX_NAME_CHARS} characters, got ${describeValue(type)}`);
  }
  if (!isCommandType(type)) return refuse(unknownTypeMessage(type));

  const spec = COMMAND_SPECS[type];
  const fieldNames = spec.fields.map((f) => f.name);
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(raw)) {
    if (key === 'type' || fieldNames.includes(key)) continue;
    if (key.length > MAX_NAME_CHARS) problems.push({ kind: 'unknown', field: `${key.slice(0, ECHO_CHARS)}…`, hint: '' });
    else problems.push({ kind: 'unknown', field: key, hint: unknownFieldHint(key, type, fieldNames) });
  }
  for (const field of spec.fields) {
    const value = raw[field.name];
    if (value === undefined) {
      if (!field.optional) problems.push({ kind: 'missing', field: field.name, expected: KIND_HINTS[field.kind] });
      continue;
    }
    const problem = checkFieldShape(field.kind, field.name, value);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) return { ok: false, problems: problems.map((p) => formatFieldProblem(p, type, at)) };
  return { ok: true, command: buildCommand(type, raw) };
}

/** `checkCommandShape` with its problems joined by "; " into one message. */
export function parseCommand(raw: unknown, at?: string): CommandResult {
  const result = checkCommandShape(raw, at);
  return result.ok ? result : fail(result.problems.join('; '));
}

/** Copies the validated fields into a fresh object of the right variant (no aliasing of the input). */
function buildCommand(type: Command['type'], raw: Record<string, unknown>): Command {
  const str = (key: string) => raw[key] as string;
  switch (type) {
    case 'node.crash':
    case 'node.restart':
    case 'node.destroy':
      return { type, node: str('node') };
    case 'link.cut':
      return raw.oneWay === undefined
        ? { type, a: str('a'), b: str('b') }
        : { type, a: str('a'), b: str('b'), oneWay: raw.oneWay as boolean };
    case 'link.heal':
      return { type, a: str('a'), b: str('b') };
    case 'network.partition':
      return { type, groups: (raw.groups as string[][]).map((group) => [...group]) };
    case 'network.heal':
      return { type };
    case 'rack.fail':
      return { type, rack: str('rack') };
    case 'config.set': {
      const value = raw.value as number | boolean | string | string[];
      return { type, path: str('path'), value: Array.isArray(value) ? [...value] : value };
    }
    case 'workload.set':
      return raw.readsPerSec === undefined
        ? { type, writesPerSec: raw.writesPerSec as number }
        : { type, writesPerSec: raw.writesPerSec as number, readsPerSec: raw.readsPerSec as number };
    case 'shard.emergencyRepair':
      return { type, shard: str('shard'), mode: raw.mode as RepairMode };
  }
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}
