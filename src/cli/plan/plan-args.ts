import { MAX_PATH_CHARS, MAX_SEED, didYouMean, echoText } from '../../engine/index';
import { COVERAGE_CLASSES, CLASS_MEANING } from './coverage';
import { INVARIANT_NAMES } from './invariant-names';

/**
 * `npm run sim -- --plan <file> [--seeds 1..20] [--check] [--json]` flags → options, or every problem with the flag
 * it is about. Pure: no process, no files.
 */

/** More seeds than this in one invocation is a typo (1..1000000), not a classroom run. */
export const MAX_PLAN_SEEDS = 10_000;

export interface PlanOptions {
  /** Path to the plan file. */
  plan: string;
  /** Null: the scenario's own seed. */
  seeds: number[] | null;
  /** Also require the five fault classes (coverage). */
  check: boolean;
  json: boolean;
}

export type ParsedPlanArgs = { kind: 'run'; options: PlanOptions } | { kind: 'help' } | { kind: 'error'; errors: string[] };

const FLAGS = ['--plan', '--seeds', '--check', '--json', '--help'] as const;
type Flag = (typeof FLAGS)[number];
const SEEDS_FORM = `a seed (7), a range (1..20) or a list of them (3,5,9 or 1..5,9), each from 0 to ${MAX_SEED}`;

/** True when the command line asks for a plan run (the rest of the CLI is the scenario run). */
export function isPlanRun(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === '--plan' || arg.startsWith('--plan='));
}

export function parsePlanArgs(argv: readonly string[]): ParsedPlanArgs {
  if (argv.some((arg) => arg === '--help' || arg === '-h')) return { kind: 'help' };
  const errors: string[] = [];
  const seen = new Set<Flag>();
  let plan: string | null = null;
  let seeds: number[] | null = null;
  let check = false;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      errors.push(`unexpected argument ${echoText(arg)} (flags start with --; see --help)`);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (name === '--scenario' || name === '--seed' || name === '--at' || name === '--until') {
      errors.push(`${name} is not used with --plan: the plan file names its scenario, faults and target (seeds: --seeds)`);
      if (eq < 0 && i + 1 < argv.length && !argv[i + 1].startsWith('--')) i++;
      continue;
    }
    if (!(FLAGS as readonly string[]).includes(name)) {
      errors.push(`unknown flag ${echoText(name)}${name.length <= 40 ? didYouMean(name, FLAGS) : ''} (see --help)`);
      continue;
    }
    const flag = name as Flag;
    if (seen.has(flag)) errors.push(`${flag} given twice; give it once`);
    seen.add(flag);
    if (flag === '--check' || flag === '--json') {
      if (eq >= 0) errors.push(`${flag} takes no value, got ${echoText(arg)}`);
      if (flag === '--check') check = true;
      else json = true;
      continue;
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
    else value = '';
    if (value.trim() === '') {
      errors.push(flag === '--plan' ? '--plan needs a value: the path of a plan .json file' : `--seeds needs a value: ${SEEDS_FORM}`);
      continue;
    }
    if (flag === '--plan') {
      if (value.length > MAX_PATH_CHARS) errors.push(`--plan must be at most ${MAX_PATH_CHARS} characters, got ${echoText(value)}`);
      else plan = value;
    } else {
      const parsed = parseSeeds(value);
      if (typeof parsed === 'string') errors.push(`--seeds ${echoText(value)}: ${parsed}`);
      else seeds = parsed;
    }
  }
  if (plan === null && !errors.some((e) => e.startsWith('--plan'))) errors.push('missing --plan <file.json>');
  if (errors.length > 0 || plan === null) return { kind: 'error', errors };
  return { kind: 'run', options: { plan, seeds, check, json } };
}

/** `7`, `1..20`, `3,5,9`, `1..5,9` → the seeds in the order given, or why not. */
export function parseSeeds(text: string): number[] | string {
  // Checked before any splitting: a 10 MB value is refused at once.
  if (text.length > 1000) return `must be at most 1000 characters; write ${SEEDS_FORM}`;
  const seeds: number[] = [];
  const seen = new Set<number>();
  for (const part of text.split(',')) {
    const item = part.trim();
    const range = /^(\d+)\.\.(\d+)$/.exec(item);
    const single = /^\d+$/.test(item);
    if (!range && !single) {
      const hint = /^\d+-\d+$/.test(item) ? ` (write a range with two dots: ${item.replace('-', '..')})` : '';
      return `${echoText(item)} is not ${SEEDS_FORM}${hint}`;
    }
    const from = Number(range ? range[1] : item);
    const to = Number(range ? range[2] : item);
    for (const n of [from, to]) if (n > MAX_SEED) return `${n} is past the largest seed, ${MAX_SEED}`;
    if (to < from) return `the range ${item} runs backwards; write ${to}..${from}`;
    if (seeds.length + (to - from + 1) > MAX_PLAN_SEEDS) return `more than ${MAX_PLAN_SEEDS} seeds; run fewer at a time`;
    for (let n = from; n <= to; n++) {
      if (seen.has(n)) return `seed ${n} is listed twice`;
      seen.add(n);
      seeds.push(n);
    }
  }
  return seeds;
}

export const PLAN_USAGE = `Usage: npm run sim -- --plan <plan.json> [--seeds <seeds>] [--check] [--json]

Runs a test plan (exercise 10) over many seeds: for each seed, the plan's scenario with
its faults injected at their times, every invariant checked after every step, the heal,
then a run to the plan's target ("converged" or "healthy") within its bound.

Options:
  --plan <file.json>   the plan: {"scenario", "faults": [{"atMs", "command"}], "heal"?, "expect": [...],
                       "until"?, "withinMs"?} (schema/plan.schema.json)
  --seeds <seeds>      ${SEEDS_FORM};
                       default: the scenario's own seed
  --check              also require coverage: at least one fault of each class below in every
                       seed, judged by what the run was doing when the fault fired
  --json               print one JSON report instead of the lines
  -h, --help           show this help

Coverage classes (--check):
${COVERAGE_CLASSES.map((cls) => `  ${cls.padEnd(15)} ${CLASS_MEANING[cls]}`).join('\n')}

Invariant names for "expect" (or "all"):
${INVARIANT_NAMES.map((name) => `  ${name}`).join('\n')}

Output: one line per seed (seed, digest, invariants broken with the first named, the target
reached at what time or why not), then the coverage and a summary.

Exit codes:
  0  every seed kept its expected invariants and reached the target (and, with --check, covered every class)
  1  internal error (a bug: please report it)
  2  bad input (a flag or the plan file); nothing was run
  3  some seed broke an expected invariant or missed the target, or --check found a class missing
`;
