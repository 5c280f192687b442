import { COMMAND_SPECS, COMMAND_TYPES, REPAIR_MODES, isCommandType, type CommandFieldKind } from './command-specs';
import { didYouMean } from './did-you-mean';
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
  rate: 'a number ≥ 0 (per second)',
  shard: 'a shard id string such as "s001"',
  repairMode: `"${REPAIR_MODES.join('" or "')}"`,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Field-level problem text, or null; `groups` names the exact element that is wrong. */
function checkFieldShape(kind: CommandFieldKind, name: string, value: unknown): string | null {
  const wrong = `field "${name}" must be ${KIND_HINTS[kind]}, got ${describeValue(value)}`;
  switch (kind) {
    case 'node':
    case 'endpoint':
    case 'rack':
    case 'path':
      return isName(value) ? null : wrong;
    case 'shard':
      return isName(value) ? null : wrong;
    case 'flag':
      return typeof value === 'boolean' ? null : wrong;
    case 'rate':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 10000 ? null : `${wrong} (at most 10000)`;
    case 'repairMode':
      return (REPAIR_MODES as readonly unknown[]).includes(value) ? null : wrong;
    case 'value': {
      const ok =
        (typeof value === 'number' && Number.isFinite(value)) ||
        typeof value === 'boolean' ||
        typeof value === 'string' ||
        (Array.isArray(value) && value.every((item) => typeof item === 'string'));
      return ok ? null : wrong;
    }
    case 'groups': {
      if (!Array.isArray(value)) return wrong;
      for (const [g, group] of value.entries()) {
        if (!Array.isArray(group)) return `field "${name}[${g}]" must be a list of node ids or "cp", got ${describeValue(group)}`;
        for (const [m, member] of group.entries()) {
          if (!isName(member)) return `field "${name}[${g}][${m}]" must be a node id or "cp", got ${describeValue(member)}`;
        }
      }
      return null;
    }
  }
}

export function unknownTypeMessage(type: string): string {
  const hint = didYouMean(type, COMMAND_TYPES);
  const known = `known: ${COMMAND_TYPES.join(', ')}`;
  return `unknown command type "${type}" (${hint ? `${hint.slice(2, -1)}; ` : ''}${known})`;
}

/**
 * Checks that `raw` (parsed JSON, a URL parameter, a driver call) is a
 * well-formed command, and returns a fresh copy. Every problem is named;
 * several are joined with "; ".
 */
export function parseCommand(raw: unknown): CommandResult {
  if (!isRecord(raw)) {
    return fail(`a command must be an object such as {"type": "node.crash", "node": "n3"}, got ${describeValue(raw)}`);
  }
  const { type } = raw;
  if (type === undefined) return fail(`command is missing field "type" (known: ${COMMAND_TYPES.join(', ')})`);
  if (typeof type !== 'string') return fail(`command field "type" must be a string, got ${describeValue(type)}`);
  if (!isCommandType(type)) return fail(unknownTypeMessage(type));

  const spec = COMMAND_SPECS[type];
  const fieldNames = spec.fields.map((f) => f.name);
  const problems: string[] = [];
  for (const key of Object.keys(raw)) {
    if (key === 'type' || fieldNames.includes(key)) continue;
    const hint = fieldNames.length === 0 ? ` (${type} takes no fields)` : didYouMean(key, fieldNames);
    problems.push(`unknown field "${key}"${hint}`);
  }
  for (const field of spec.fields) {
    const value = raw[field.name];
    if (value === undefined) {
      if (!field.optional) problems.push(`missing field "${field.name}" (${KIND_HINTS[field.kind]})`);
      continue;
    }
    const problem = checkFieldShape(field.kind, field.name, value);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) return fail(problems.map((p) => `${type}: ${p}`).join('; '));
  return { ok: true, command: buildCommand(type, raw) };
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
