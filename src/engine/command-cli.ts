import { REPAIR_RUN_MODES, isCommandType, unknownTypeMessage } from './command-schema';
import { parseCommand, type CommandResult } from './command-shape';
import { COMMAND_SPECS } from './command-specs';
import { didYouMean } from './did-you-mean';
import { CRASH_KINDS } from './recovery-types';
import { MAX_CLI_COMMAND_CHARS, echoText } from './input-limits';
import type { Command, CommandType } from './types';

/**
 * The short command-line form of a command, `kind:arg[,arg]`, used by
 * `npm run sim -- --at 5000:node.crash:n3` and anywhere a command must fit
 * on one line (share URLs, docs):
 *
 *   node.crash:n3   node.restart:n3   node.destroy:n3   rack.fail:r1
 *   node.crash:n3,power   rack.fail:r1,power   cluster.powerLoss   node.checkpoint:n3   node.rebuild:n3
 *   wal.corrupt:n3,middle (or tail)
 *   link.cut:n1,n2   link.cut:n1,n2,oneWay (n1 → n2 only)   link.heal:n1,n2
 *   network.partition:n1+n2|n3+n4+cp   network.heal
 *   config.set:params.rehomeGraceMs=30000
 *   replica.corrupt:n2,s042[,3]   disk.corrupt:n2,0.1   scrub.run:s042[,deep]   shard.repair:s042
 *   repair.run:s042,incremental   repair.run:all,full[,n3]
 *   cp.crash:cp1   cp.restart:cp1   txn.run:s042[,3],none   txn.resolve:t17,commit
 *   backup.take:b1   cluster.restore:b1[,45000]
 *
 * A config.set value is read as a number, true/false, a list (`n1,n2`, or in
 * brackets: `[n1]`, `[]`), else a string (`all`). So a string value that
 * looks like a number, a boolean or a list cannot be written here; no
 * settable path takes one.
 */

const ONE_WAY = 'oneWay';
const DEEP = 'deep';

/** Parses `kind:arg[,arg]`; the result has passed `parseCommand`'s shape checks. */
export function parseCliCommand(text: string): CommandResult {
  // Before any splitting or near-miss search, whose cost grows with the length.
  if (text.length > MAX_CLI_COMMAND_CHARS) {
    return fail(`a command must be at most ${MAX_CLI_COMMAND_CHARS} characters, got ${echoText(text)}`);
  }
  const trimmed = text.trim();
  if (trimmed === '') return fail('empty command (write it as kind:args, e.g. node.crash:n3)');
  const colon = trimmed.indexOf(':');
  const kind = (colon < 0 ? trimmed : trimmed.slice(0, colon)).trim();
  const argText = colon < 0 ? null : trimmed.slice(colon + 1).trim();
  if (!isCommandType(kind)) return fail(unknownTypeMessage(kind));

  const raw = rawFromArgs(kind, argText);
  if (typeof raw === 'string') return fail(`${kind}: ${raw} (write it as ${COMMAND_SPECS[kind].cliSyntax})`);
  return parseCommand(raw);
}

/** The command as raw fields, or why the arguments do not fit. */
function rawFromArgs(kind: CommandType, argText: string | null): Record<string, unknown> | string {
  if (kind === 'network.heal' || kind === 'cluster.powerLoss') {
    return argText === null || argText === '' ? { type: kind } : `takes no arguments, got "${argText}"`;
  }
  if (argText === null || argText === '') return 'missing arguments after the kind';
  switch (kind) {
    case 'node.crash':
    case 'rack.fail': {
      // node.crash:n3,power  rack.fail:r1,power
      const args = splitList(argText, ',');
      if (typeof args === 'string') return args;
      if (args[1]?.includes('=')) return surplusProblem(kind, args.slice(1));
      if (args.length > 2) return surplusProblem(kind, args.slice(2));
      const target = kind === 'rack.fail' ? { type: kind, rack: args[0] } : { type: kind, node: args[0] };
      if (args.length === 1) return target;
      const crash = args[1].toLowerCase();
      if (!(CRASH_KINDS as readonly string[]).includes(crash)) {
        return `second argument must be "process" or "power", got "${args[1]}"${didYouMean(args[1], CRASH_KINDS)}`;
      }
      return { ...target, kind: crash };
    }
    case 'wal.corrupt': {
      const args = splitList(argText, ',');
      if (typeof args === 'string') return args;
      if (args.length < 2) return `expected 2 arguments, got ${args.length}`;
      if (args.length > 2) return surplusProblem(kind, args.slice(2));
      return { type: kind, node: args[0], at: args[1] };
    }
    case 'node.restart':
    case 'node.destroy':
    case 'node.rebuild':
    case 'node.checkpoint': {
      const args = splitList(argText, ',');
      if (typeof args === 'string') return args;
      if (args.length > 1) return surplusProblem(kind, args.slice(1));
      return { type: kind, node: args[0] };
    }
    case 'link.cut':
    case 'link.heal': {
      const args = splitList(argText, ',');
      if (typeof args === 'string') return args;
      const most = kind === 'link.cut' ? 3 : 2;
      if (args.length < 2) return `expected ${kind === 'link.cut' ? '2 or 3' : '2'} arguments, got ${args.length}`;
      if (args.length > most || args[2]?.includes('=')) return surplusProblem(kind, args.slice(most));
      if (args.length === 3) {
        if (args[2].toLowerCase() !== ONE_WAY.toLowerCase()) {
          return `third argument must be "${ONE_WAY}", got "${args[2]}"${didYouMean(args[2], [ONE_WAY])}`;
        }
        return { type: kind, a: args[0], b: args[1], oneWay: true };
      }
      return { type: kind, a: args[0], b: args[1] };
    }
    case 'network.partition': {
      const groups: string[][] = [];
      for (const groupText of argText.split('|')) {
        const members = splitList(groupText, '+');
        if (typeof members === 'string') return `group ${groups.length + 1}: ${members}`;
        groups.push(members);
      }
      return { type: kind, groups };
    }
    case 'config.set': {
      const eq = argText.indexOf('=');
      if (eq < 0) return `expected <path>=<value>, got "${argText}"`;
      const path = argText.slice(0, eq).trim();
      const valueText = argText.slice(eq + 1).trim();
      if (path === '') return 'missing path before "="';
      if (valueText === '') return `missing value after "${path}="`;
      const value = parseValue(valueText);
      return typeof value === 'object' && !Array.isArray(value) ? value.problem : { type: kind, path, value };
    }
    case 'workload.set': {
      const args = splitList(argText, ',');
      if (typeof args === 'string') return args;
      if (args.length > 2) return surplusProblem(kind, args.slice(2));
      const rates = args.map((a) => (NUMBER.test(a) ? Number(a) : a));
      return rates.length === 1 ? { type: kind, writesPerSec: rates[0] } : { type: kind, writesPerSec: rates[0], readsPerSec: rates[1] };
    }
    case 'shard.emergencyRepair': {
      const args = splitList(argText, ',');
      if (typeof args === 'string') return args;
      if (args.length < 2) return `expected 2 arguments, got ${args.length}`;
      if (args.length > 2) return surplusProblem(kind, args.slice(2));
      return { type: kind, shard: args[0], mode: args[1] };
    }
    case 'replica.corrupt':
    case 'disk.corrupt': {
      const args = splitList(argText, ',');
      if (typeof args === 'string') return args;
      const most = kind === 'replica.corrupt' ? 3 : 2;
      if (args.length < 2) return `expected ${kind === 'replica.corrupt' ? '2 or 3' : '2'} arguments, got ${args.length}`;
      if (args.length > most) return surplusProblem(kind, args.slice(most));
      const num = (a: string) => (NUMBER.test(a) ? Number(a) : a);
      if (kind === 'disk.corrupt') return { type: kind, node: args[0], fraction: num(args[1]) };
      return args.length === 3 ? { type: kind, node: args[0], shard: args[1], keys: num(args[2]) } : { type: kind, node: args[0], shard: args[1] };
    }
    case 'repair.run': {
      // repair.run:s042,full   repair.run:all,incremental,n3
      const args = splitList(argText, ',');
      if (typeof args === 'string') return args;
      if (args.length < 2) return `expected 2 or 3 arguments (the shard or "all", then full or incremental), got ${args.length}`;
      if (args.length > 3) return surplusProblem(kind, args.slice(3));
      const mode = args[1].toLowerCase();
      const base = { type: kind, shard: args[0], mode: (REPAIR_RUN_MODES as readonly string[]).includes(mode) ? mode : args[1] };
      return args.length === 3 ? { ...base, node: args[2] } : base;
    }
    case 'cp.crash':
    case 'cp.restart':
    case 'backup.take': {
      const args = splitList(argText, ',');
      if (typeof args === 'string') return args;
      if (args.length > 1) return surplusProblem(kind, args.slice(1));
      return kind === 'backup.take' ? { type: kind, id: args[0] } : { type: kind, member: args[0] };
    }
    case 'txn.run': {
      // txn.run:s042,commit   txn.run:s042,3,none
      const args = splitList(argText, ',');
      if (typeof args === 'string') return args;
      if (args.length < 2) return `expected 2 or 3 arguments (the shard, optionally how many writes, then how it ends), got ${args.length}`;
      if (args.length > 3) return surplusProblem(kind, args.slice(3));
      const end = args[args.length - 1].toLowerCase();
      const base = { type: kind, shard: args[0], end };
      return args.length === 3 ? { ...base, writes: NUMBER.test(args[1]) ? Number(args[1]) : args[1] } : base;
    }
    case 'txn.resolve': {
      const args = splitList(argText, ',');
      if (typeof args === 'string') return args;
      if (args.length < 2) return `expected 2 arguments (the transaction, then commit or abort), got ${args.length}`;
      if (args.length > 2) return surplusProblem(kind, args.slice(2));
      return { type: kind, txn: args[0], decision: args[1].toLowerCase() };
    }
    case 'cluster.restore': {
      const args = splitList(argText, ',');
      if (typeof args === 'string') return args;
      if (args.length > 2) return surplusProblem(kind, args.slice(2));
      if (args.length === 1) return { type: kind, backup: args[0] };
      return { type: kind, backup: args[0], targetMs: NUMBER.test(args[1]) ? Number(args[1]) : args[1] };
    }
    case 'scrub.run':
    case 'shard.repair': {
      const args = splitList(argText, ',');
      if (typeof args === 'string') return args;
      const most = kind === 'scrub.run' ? 2 : 1;
      if (args.length > most) return surplusProblem(kind, args.slice(most));
      if (args.length === 2) {
        if (args[1].toLowerCase() !== DEEP) return `second argument must be "${DEEP}", got "${args[1]}"${didYouMean(args[1], [DEEP])}`;
        return { type: kind, shard: args[0], deep: true };
      }
      return { type: kind, shard: args[0] };
    }
  }
}

/**
 * Arguments past the last one a command takes. `name=value` reads as a field
 * the command does not have (named, with a near miss suggested); anything
 * else is an extra argument.
 */
function surplusProblem(kind: CommandType, extra: readonly string[]): string {
  const fieldNames = COMMAND_SPECS[kind].fields.map((f) => f.name);
  return extra
    .map((arg) => {
      const eq = arg.indexOf('=');
      if (eq < 0) return `unexpected extra argument "${arg}"`;
      const name = arg.slice(0, eq).trim();
      return `unknown field "${name}"${didYouMean(name, fieldNames)}`;
    })
    .join('; ');
}

/** Splits on `separator`, trimming; an empty item (`n1,,n2`, a trailing `+`) is a problem. */
function splitList(text: string, separator: string): string[] | string {
  const items = text.split(separator).map((item) => item.trim());
  return items.some((item) => item === '') ? `empty name in "${text.trim()}"` : items;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parseValue(text: string): number | boolean | string | string[] | { problem: string } {
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) return { problem: `list value "${text}" has no closing "]"` };
    const inner = text.slice(1, -1).trim();
    if (inner === '') return [];
    const items = splitList(inner, ',');
    return typeof items === 'string' ? { problem: items } : items;
  }
  if (text.includes(',')) {
    const items = splitList(text, ',');
    return typeof items === 'string' ? { problem: items } : items;
  }
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (NUMBER.test(text)) return Number(text);
  return text;
}

/** The inverse of `parseCliCommand`: `parseCliCommand(formatCliCommand(c))` gives back `c`. */
export function formatCliCommand(command: Command): string {
  switch (command.type) {
    case 'node.crash':
      return `node.crash:${command.node}${command.kind === undefined ? '' : `,${command.kind}`}`;
    case 'node.restart':
    case 'node.destroy':
    case 'node.rebuild':
    case 'node.checkpoint':
      return `${command.type}:${command.node}`;
    case 'link.cut':
      return `link.cut:${command.a},${command.b}${command.oneWay ? `,${ONE_WAY}` : ''}`;
    case 'link.heal':
      return `link.heal:${command.a},${command.b}`;
    case 'network.partition':
      return `network.partition:${command.groups.map((group) => group.join('+')).join('|')}`;
    case 'network.heal':
      return 'network.heal';
    case 'rack.fail':
      return `rack.fail:${command.rack}${command.kind === undefined ? '' : `,${command.kind}`}`;
    case 'cluster.powerLoss':
      return 'cluster.powerLoss';
    case 'wal.corrupt':
      return `wal.corrupt:${command.node},${command.at}`;
    case 'config.set':
      return `config.set:${command.path}=${formatValue(command.value)}`;
    case 'workload.set':
      return `workload.set:${command.writesPerSec}${command.readsPerSec === undefined ? '' : `,${command.readsPerSec}`}`;
    case 'shard.emergencyRepair':
      return `shard.emergencyRepair:${command.shard},${command.mode}`;
    case 'replica.corrupt':
      return `replica.corrupt:${command.node},${command.shard}${command.keys === undefined ? '' : `,${command.keys}`}`;
    case 'disk.corrupt':
      return `disk.corrupt:${command.node},${command.fraction}`;
    case 'scrub.run':
      return `scrub.run:${command.shard}${command.deep ? `,${DEEP}` : ''}`;
    case 'shard.repair':
      return `shard.repair:${command.shard}`;
    case 'repair.run':
      return `repair.run:${command.shard},${command.mode}${command.node === undefined ? '' : `,${command.node}`}`;
    case 'cp.crash':
    case 'cp.restart':
      return `${command.type}:${command.member}`;
    case 'txn.run':
      return `txn.run:${command.shard}${command.writes === undefined ? '' : `,${command.writes}`},${command.end}`;
    case 'txn.resolve':
      return `txn.resolve:${command.txn},${command.decision}`;
    case 'backup.take':
      return `backup.take:${command.id}`;
    case 'cluster.restore':
      return `cluster.restore:${command.backup}${command.targetMs === undefined ? '' : `,${command.targetMs}`}`;
  }
}

/** Lists of two or more read back from a bare comma list; shorter ones need brackets. */
function formatValue(value: number | boolean | string | string[]): string {
  if (!Array.isArray(value)) return String(value);
  return value.length >= 2 ? value.join(',') : `[${value.join(',')}]`;
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}
