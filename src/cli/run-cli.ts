import type { CreateSimulationOptions, Simulation } from '../engine/index';
import { withAtCommands } from './at-commands';
import { loadScenario } from './load-scenario';
import { DEFAULT_MAX_MS, USAGE, parseArgs, type UntilTarget } from './parse-args';
import { buildReport, formatSummary, type RunOutcome } from './report';
import { isPlanRun } from './plan/plan-args';
import { runPlanCli } from './plan/plan-cli';

/**
 * The whole `npm run sim` flow with its outside world passed in (output,
 * file reading, the engine), so tests can drive it with fakes. Returns the
 * exit code: 0 reached, 1 internal error, 2 bad input, 3 target not reached.
 */

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a UTF-8 text file; throws with a readable message when it cannot. */
  readFile(path: string): string;
  createSimulation(options: CreateSimulationOptions): Simulation;
}

export const EXIT = { ok: 0, internal: 1, badInput: 2, notReached: 3 } as const;

export function runCli(argv: readonly string[], io: CliIo): number {
  // A test plan over many seeds (exercise 10) has its own flags: plan/plan-args.ts.
  if (isPlanRun(argv)) return runPlanCli(argv, io);
  const args = parseArgs(argv);
  if (args.kind === 'help') {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  if (args.kind === 'error') return badInput(io, args.errors);
  const { options } = args;

  const loaded = loadScenario(options.scenario, io.readFile);
  if (!loaded.ok) return badInput(io, loaded.errors);
  const merged = withAtCommands(loaded.scenario, options.at);
  if (!merged.ok) return badInput(io, merged.errors);

  let sim: Simulation;
  let outcome: RunOutcome;
  try {
    sim = io.createSimulation({ scenario: merged.scenario, ...(options.seed === null ? {} : { seed: options.seed }) });
    outcome = run(sim, options.until);
  } catch (error) {
    // The engine throws CommandError for a command it refuses at run time
    // (e.g. a config.set that puts suspectAfterMs past deadAfterMs): that is the user's input.
    if (error instanceof Error && error.name === 'CommandError') return badInput(io, [error.message]);
    io.stderr(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT.internal;
  }

  const report = buildReport(sim, outcome);
  io.stdout(options.json ? JSON.stringify(report, null, 2) : formatSummary(report));
  for (const skipped of report.skippedCommands) io.stderr(`warning: at ${skipped.atMs} ms: ${skipped.text}`);
  return outcome.reached ? EXIT.ok : EXIT.notReached;
}

function run(sim: Simulation, until: UntilTarget): RunOutcome {
  if (until.kind === 'time') {
    sim.advanceBy(Math.max(0, until.atMs - sim.timeMs));
    return { until: until.atMs, reached: true, reason: `advanced to ${until.atMs} ms` };
  }
  const result = sim.runUntil(until.kind, { maxMs: DEFAULT_MAX_MS });
  return { until: until.kind, reached: result.reached, reason: result.reason };
}

function badInput(io: CliIo, errors: readonly string[]): number {
  for (const error of errors) io.stderr(`error: ${error}`);
  io.stderr('Run with --help for usage.');
  return EXIT.badInput;
}
