import type { CreateSimulationOptions, Simulation } from '../../engine/index';
import { PLAN_USAGE, parsePlanArgs } from './plan-args';
import { parsePlan } from './plan';
import { buildPlanReport, formatCoverage, formatPlanHeader, formatSeedLine, formatSummary, seedOk } from './plan-report';
import { runSeed, type SeedResult } from './run-seed';

/**
 * `npm run sim -- --plan <file> --seeds 1..20 [--check] [--json]`: the plan parsed once, then every seed run on that
 * one parsed scenario. Lines stream as each seed finishes; with --json one report at the end. Exit codes as
 * PLAN_USAGE says: 0 pass, 1 a bug, 2 bad input, 3 a seed failed or (with --check) a class is missing.
 */

/** The outside world, passed in (run-cli.ts's CliIo fits it), so tests drive the flow with fakes. */
export interface PlanIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): string;
  createSimulation(options: CreateSimulationOptions): Simulation;
}

const EXIT = { ok: 0, internal: 1, badInput: 2, failed: 3 } as const;

export function runPlanCli(argv: readonly string[], io: PlanIo): number {
  const args = parsePlanArgs(argv);
  if (args.kind === 'help') {
    io.stdout(PLAN_USAGE);
    return EXIT.ok;
  }
  if (args.kind === 'error') return badInput(io, args.errors);
  const { options } = args;

  let text: string;
  try {
    text = io.readFile(options.plan);
  } catch (error) {
    return badInput(io, [`--plan "${options.plan}": cannot read the file (${(error as Error).message})`]);
  }
  const parsed = parsePlan(text);
  if (!parsed.ok) return badInput(io, parsed.problems.map((problem) => `${options.plan}: ${problem}`));
  const { plan } = parsed;
  const seeds = options.seeds ?? [plan.scenario.seed];

  const results: SeedResult[] = [];
  // Seed numbers padded to one width, so the columns line up.
  const seedWidth = Math.max(...seeds.map((seed) => String(seed).length));
  try {
    const empty = buildPlanReport(options.plan, plan, [], options.check);
    if (!options.json) io.stdout(formatPlanHeader(empty));
    for (const seed of seeds) {
      const result = runSeed(plan, seed, io.createSimulation);
      results.push(result);
      if (!options.json) io.stdout(formatSeedLine({ ...result, ok: seedOk(result) }, seedWidth));
    }
  } catch (error) {
    io.stderr(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT.internal;
  }
  const report = buildPlanReport(options.plan, plan, results, options.check);
  if (options.json) io.stdout(JSON.stringify(report, null, 2));
  else io.stdout([...formatCoverage(report), formatSummary(report)].join('\n'));
  return report.summary.ok ? EXIT.ok : EXIT.failed;
}

function badInput(io: PlanIo, errors: readonly string[]): number {
  for (const error of errors) io.stderr(`error: ${error}`);
  io.stderr('Run with --plan --help for usage.');
  return EXIT.badInput;
}
