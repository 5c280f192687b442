import { formatCliCommand, createSimulation, type Simulation } from '../engine/index';
import { EXIT, runCli } from '../cli/run-cli';
import { getBuiltInScenario } from '../scenarios/registry';
import { fuzzBuiltInIds } from './fuzz-built-ins';
import { namesOf, validCommand } from './command-cases';
import { crashed, refusal, type FuzzCase, type Outcome } from './fuzz-case';
import { BAD_NUMBERS, garbage, longLength, longString, ODD_STRINGS, textOf } from './garbage';
import type { FuzzRng } from './rng';
import { mutatedScenario, scenarioText } from './scenario-cases';

/**
 * `npm run sim` argument lists: the README's valid lines (built-in ids,
 * scenario files, --seed, --at with every command kind, --until, --json),
 * then token-level mistakes: a flag's value replaced, dropped or doubled, an
 * unknown flag, `--flag=value`, a command text with a wrong separator,
 * kind or argument, times past 24 h. Run in process through `runCli` with an
 * in-memory file system.
 */

export interface CliInput {
  argv: string[];
  /** Scenario files the run may read, by path. */
  files: Record<string, string>;
}

const FILE = 'fuzz/scenario.json';

/** Mutates a command text the way typing goes wrong. */
function mistype(rng: FuzzRng, text: string): string {
  const roll = rng.int(0, 6);
  if (roll === 0) return text.replace(rng.pick([':', ',', '+', '|', '=']), rng.pick(['', ';', ' ', '::', ',,', '=', '|', '+']));
  if (roll === 1) return `${text}${rng.pick([',extra', ',oneWay', ',x=1', ',,', '|', '+cp', ',n1,n2'])}`;
  if (roll === 2) return text.replace(/^[a-z.]+/i, rng.pick(['node.crsh', 'Node.crash', 'link.cuts', '', 'config.get', '__proto__', 'constructor']));
  if (roll === 3) return text.replace(/[^:,=+|]+$/, String(rng.chance(0.5) ? rng.pick(ODD_STRINGS) : rng.pick(BAD_NUMBERS)));
  if (roll === 4) return text.slice(0, rng.int(0, text.length));
  if (roll === 5) return `${text}${longString(rng, longLength(rng))}`;
  return `config.set:params.${rng.pick(['heartbeatIntervalMs', 'suspectAfterMs', 'deadAfterMs', 'rehomeGraceMs', 'maxConcurrentCopiesPerNode'])}=${rng.pick(BAD_NUMBERS)}`;
}

function timeText(rng: FuzzRng, mentions: string[]): string {
  if (rng.chance(0.8)) return String(rng.pick([0, 1000, 5000, 20_000, 60_000]));
  mentions.push('--at');
  return String(rng.pick([...BAD_NUMBERS, ' 5000', '5e3', '0x10', '-0', '86400000']));
}

export function cliCase(rng: FuzzRng): FuzzCase<CliInput> {
  const files: Record<string, string> = {};
  const argv: string[] = [];
  const mentions: string[] = [];
  // The scenario: a built-in id, or a file (valid or mutated).
  let names = namesOf(getBuiltInScenario('primary-failover-rf3')!);
  if (rng.chance(0.7)) {
    const id = rng.pick(fuzzBuiltInIds());
    names = namesOf(getBuiltInScenario(id)!);
    argv.push('--scenario', id);
  } else {
    const file = scenarioText(rng, mutatedScenario(rng));
    files[FILE] = file.input;
    mentions.push(...file.mentions, FILE);
    argv.push('--scenario', FILE);
  }
  if (rng.chance(0.3)) argv.push('--seed', String(rng.int(0, 1000)));
  if (argv.length > 0) mentions.push('--at'); // a valid --at can still be refused for this cluster, by its text
  for (let i = rng.int(0, 3); i > 0; i--) argv.push('--at', `${timeText(rng, mentions)}:${formatCliCommand(validCommand(rng, names))}`);
  // Short targets keep accepted runs bounded; the mutations below reach the long ones.
  if (rng.chance(0.7)) argv.push('--until', rng.pick(['idle', 'healthy', '0', '1000', '30000', '120000']));
  if (rng.chance(0.5)) argv.push('--json');

  for (let i = rng.pick([0, 1, 1, 2]); i > 0; i--) {
    const roll = rng.int(0, 7);
    const at = rng.int(0, Math.max(0, argv.length - 1));
    const flag = argv.slice(0, at + 1).reverse().find((a) => a.startsWith('--')) ?? '--scenario';
    mentions.push(flag);
    if (roll === 0 && argv.length > 0) {
      const value = textOf(garbage(rng));
      argv[at] = value.slice(0, 1_000_000);
      mentions.push(argv[at].slice(0, 20), 'unexpected', 'needs a value', 'unknown flag', 'scenario');
    } else if (roll === 1 && argv.length > 0) {
      argv.splice(at, 1);
      mentions.push('needs a value', 'unexpected', 'missing', 'scenario');
    } else if (roll === 2 && argv.length > 0) {
      argv.splice(at, 0, argv[at]);
      mentions.push(argv[at], 'twice', 'unexpected', 'needs a value');
    } else if (roll === 3) {
      const bad = rng.pick(['--sceanrio', '--unitl', '--at=', '--', '-x', '--JSON', '--help=1', '--json=1', `--${longString(rng, 300)}`, '--__proto__']);
      argv.splice(at, 0, bad);
      mentions.push(bad.slice(0, 20), 'needs a value', 'takes no value', 'unexpected argument');
    } else if (roll === 4) {
      const text = `${timeText(rng, mentions)}:${mistype(rng, formatCliCommand(validCommand(rng, names)))}`;
      if (rng.chance(0.5)) argv.push(`--at=${text}`);
      else argv.push('--at', text);
      mentions.push('--at', text.slice(0, 20));
    } else if (roll === 5) {
      argv.push('--until', String(rng.pick([...BAD_NUMBERS, '1e15', 'forever', 'Healthy', '86400000', '86400001'])));
      mentions.push('--until');
    } else if (roll === 6) {
      argv.push('--seed', String(rng.pick([...BAD_NUMBERS, 'abc', '4294967296', '4294967295'])));
      mentions.push('--seed');
    } else {
      argv.push('--scenario', rng.pick(['', 'nope', 'rehome-worked-exampel', 'missing.json', '/etc/passwd', longString(rng, longLength(rng)), '__proto__']));
      mentions.push('--scenario');
    }
  }
  return { input: { argv, files }, mentions };
}

export function runCliCase(c: FuzzCase<CliInput>): Outcome {
  const stderr: string[] = [];
  let code: number;
  try {
    code = runCli(c.input.argv, {
      stdout: () => undefined,
      stderr: (text) => stderr.push(text),
      readFile: (path) => {
        const text = Object.prototype.hasOwnProperty.call(c.input.files, path) ? c.input.files[path] : undefined;
        if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
        return text;
      },
      createSimulation: (options): Simulation => createSimulation(options),
    });
  } catch (error) {
    return crashed(error, 'runCli threw');
  }
  if (code === EXIT.internal) return { verdict: 'crashed', detail: `exit 1: ${stderr.join('\n').slice(0, 1200)}` };
  if (code === EXIT.badInput) return refusal(stderr.filter((l) => l.startsWith('error:')), c.mentions);
  return { verdict: 'accepted', detail: '' };
}
