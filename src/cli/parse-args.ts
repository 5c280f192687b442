import {
  COMMAND_SPECS,
  COMMAND_TYPES,
  isCommandType,
  parseCliCommand,
  didYouMean,
  MAX_CLI_COMMAND_CHARS,
  MAX_PATH_CHARS,
  MAX_SEED,
  MAX_SIM_HORIZON_MS,
  echoText,
  type Command,
} from '../engine/index';
import { builtInScenarioIds } from '../scenarios/registry';

/**
 * `npm run sim` flags → options, or every problem with the flag it is about.
 * Pure: no process, no files. Cluster checks of --at commands need the
 * scenario, so they happen later (at-commands.ts).
 */

/** How long `--until healthy|idle|converged` waits before giving up (simulated ms). */
export const DEFAULT_MAX_MS = 600_000;

export type UntilTarget = { kind: 'healthy' } | { kind: 'idle' } | { kind: 'converged' } | { kind: 'time'; atMs: number };

export interface AtCommand {
  atMs: number;
  command: Command;
  /** As typed, for error messages. */
  text: string;
}

export interface SimOptions {
  /** A built-in id or a path to a scenario file. */
  scenario: string;
  /** Overrides the scenario's seed. */
  seed: number | null;
  at: AtCommand[];
  until: UntilTarget;
  json: boolean;
}

export type ParsedArgs = { kind: 'run'; options: SimOptions } | { kind: 'help' } | { kind: 'error'; errors: string[] };

const FLAGS = ['--scenario', '--seed', '--at', '--until', '--json', '--help'] as const;
type Flag = (typeof FLAGS)[number];
const VALUE_HINTS: Record<Exclude<Flag, '--json' | '--help'>, string> = {
  '--scenario': 'a built-in scenario id or a path to a .json file',
  '--seed': `a whole number from 0 to ${MAX_SEED}`,
  '--at': '<ms>:<command>, e.g. 5000:node.crash:n3',
  '--until': `a time from 0 to ${MAX_SIM_HORIZON_MS} ms (24 h, the longest run), "healthy", "idle" or "converged"`,
};

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.some((arg) => arg === '--help' || arg === '-h')) return { kind: 'help' };
  const errors: string[] = [];
  const seen = new Set<Flag>();
  let scenario: string | null = null;
  let seed: number | null = null;
  let until: UntilTarget = { kind: 'healthy' };
  let json = false;
  const at: AtCommand[] = [];

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      errors.push(`unexpected argument ${echoText(arg)} (flags start with --; see --help)`);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!(FLAGS as readonly string[]).includes(name)) {
      // No near-miss search on a long name: its cost grows with the length.
      const hint = name.length <= 40 ? didYouMean(name, FLAGS) : '';
      errors.push(`unknown flag ${echoText(name)}${hint} (see --help)`);
      continue;
    }
    const flag = name as Flag;
    if (flag !== '--at' && seen.has(flag)) errors.push(`${flag} given twice; give it once`);
    seen.add(flag);

    if (flag === '--json') {
      if (eq >= 0) errors.push(`--json takes no value, got "${arg}"`);
      json = true;
      continue;
    }
    if (flag === '--help') continue; // handled above; kept in FLAGS for suggestions
    // The value is after "=" or in the next argument (unless that is another flag).
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
    else {
      errors.push(`${flag} needs a value: ${VALUE_HINTS[flag]}`);
      continue;
    }
    if (value.trim() === '') {
      errors.push(`${flag} needs a value: ${VALUE_HINTS[flag]}`);
      continue;
    }
    // Checked before the value is read any further, so a 10 MB value is refused at once.
    const maxChars = flag === '--scenario' ? MAX_PATH_CHARS : MAX_CLI_COMMAND_CHARS;
    if (value.length > maxChars) {
      errors.push(`${flag} must be at most ${maxChars} characters, got ${echoText(value)}`);
      continue;
    }
    switch (flag) {
      case '--scenario':
        scenario = value;
        break;
      case '--seed': {
        const n = Number(value);
        if (/^\d+$/.test(value.trim()) && n <= MAX_SEED) seed = n;
        else errors.push(`--seed must be ${VALUE_HINTS['--seed']}, got ${echoText(value)}`);
        break;
      }
      case '--at': {
        const parsed = parseAt(value);
        if (typeof parsed === 'string') errors.push(`--at ${echoText(value)}: ${parsed}`);
        else at.push(parsed);
        break;
      }
      case '--until': {
        const parsed = parseUntil(value);
        if (parsed === null) errors.push(`--until must be ${VALUE_HINTS['--until']}, got ${echoText(value)}`);
        else until = parsed;
        break;
      }
    }
  }
  if (scenario === null && !seen.has('--scenario')) {
    errors.push(`missing --scenario <id|file.json> (built-ins: ${builtInScenarioIds().join(', ')})`);
  }
  if (errors.length > 0 || scenario === null) return { kind: 'error', errors };
  return { kind: 'run', options: { scenario, seed, at, until, json } };
}

const MS = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A time in ms from 0 to the 24 h horizon, or null. */
function parseMs(text: string): number | null {
  const trimmed = text.trim();
  if (!MS.test(trimmed)) return null;
  const ms = Number(trimmed);
  return Number.isFinite(ms) && ms <= MAX_SIM_HORIZON_MS ? ms : null;
}

function parseAt(value: string): AtCommand | string {
  const colon = value.indexOf(':');
  if (colon < 0) return `expected <ms>:<command>, e.g. 5000:node.crash:n3`;
  const timeText = value.slice(0, colon);
  if (isCommandType(timeText.trim())) return `missing the time: write <ms>:<command>, e.g. 5000:${value}`;
  const atMs = parseMs(timeText);
  if (atMs === null) {
    return `the time ${echoText(timeText)} must be a number of ms from 0 to ${MAX_SIM_HORIZON_MS} (24 h, the longest run); write <ms>:<command>, e.g. 5000:node.crash:n3`;
  }
  const parsed = parseCliCommand(value.slice(colon + 1));
  return parsed.ok ? { atMs, command: parsed.command, text: value } : parsed.error;
}

function parseUntil(value: string): UntilTarget | null {
  const trimmed = value.trim();
  if (trimmed === 'healthy' || trimmed === 'idle' || trimmed === 'converged') return { kind: trimmed };
  const atMs = parseMs(trimmed);
  return atMs === null ? null : { kind: 'time', atMs };
}

export const USAGE = `Usage: npm run sim -- --scenario <id|file.json> [options]
       npm run sim -- --plan <plan.json> [--seeds 1..20] [--check] [--json]   (a test plan over many seeds; --plan --help)

Runs a Failover Lab scenario headless (no browser) and prints what happened.

Options:
  --scenario <id|file.json>  a built-in scenario id, or a path to a scenario JSON file
  --seed <n>                 use this seed instead of the scenario's (0 to ${MAX_SEED})
  --at <ms>:<command>        apply a command at simulated time <ms>, exactly like a
                             scenario timeline entry; repeat for more commands
  --until <ms>|healthy|idle|converged
                             stop at simulated time <ms> (at most ${MAX_SIM_HORIZON_MS}, 24 h); or once the cluster is healthy
                             (the default), idle, or converged (healthy and every replica agrees: no stale key, no
                             corruption, no pending hint), giving up at ${DEFAULT_MAX_MS} ms
  --json                     print one JSON report instead of the short summary
  -h, --help                 show this help

Commands for --at:
${COMMAND_TYPES.map((type) => `  ${COMMAND_SPECS[type].cliSyntax.padEnd(36)} ${COMMAND_SPECS[type].summary}`).join('\n')}
  Endpoints of links and partitions are node ids or "cp" (the control plane).
  config.set values: a number, true/false, a list (n1,n2 or [n1] or []) or "all".

Built-in scenarios: ${builtInScenarioIds().join(', ')}

A command the engine refuses when its time comes (say, restarting a node that
is up) is skipped; the run goes on, stderr gets a warning and the report lists
it under skippedCommands.

Exit codes:
  0  the run reached its --until target
  1  internal error (a bug: please report it)
  2  bad input (a flag, a value, a command or the scenario file); nothing was run
  3  the --until target was not reached within ${DEFAULT_MAX_MS} ms; the report is printed anyway

Examples:
  npm run sim -- --scenario rehome-worked-example
  npm run sim -- --scenario rehome-worked-example --at 20000:node.crash:n5 --json
  npm run sim -- --scenario my-cluster.json --seed 7 --at 5000:link.cut:cp,n4 --until 60000
`;
