import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import type { Violation, ViolationClass } from '../oracle/checker';
import { runSchedule } from '../oracle/run-schedule';
import { scheduleFromSeed } from '../oracle/schedule';
import { reproLine, shrinkSchedule } from '../oracle/shrink';

/**
 * `npm run sweep -- --schedules N [--seed S] [--workers W]`: runs N random fault schedules
 * (schedule i uses seed S + i), each checked after every step by the outside oracle
 * (src/oracle), and prints a tally. The first failing schedule of each violation class is
 * shrunk and printed as an `npm run sim` line. Exit 0 with no violations, 3 otherwise, 2 bad input.
 */

interface Tally {
  schedules: number;
  steps: number;
  acks: number;
  elections: number;
  repairs: number;
  emergencyRepairs: number;
  healExpected: number;
  healed: number;
  violations: Partial<Record<ViolationClass, number>>;
  /** First failing seed of each class, with its violation. */
  firsts: Partial<Record<ViolationClass, { seed: number; violation: Violation }>>;
}

function emptyTally(): Tally {
  return { schedules: 0, steps: 0, acks: 0, elections: 0, repairs: 0, emergencyRepairs: 0, healExpected: 0, healed: 0, violations: {}, firsts: {} };
}

function runRange(from: number, count: number, stride: number): Tally {
  const t = emptyTally();
  for (let i = 0; i < count; i++) {
    const seed = from + i * stride;
    const r = runSchedule(scheduleFromSeed(seed));
    t.schedules++;
    t.steps += r.steps;
    t.acks += r.acks;
    t.elections += r.elections;
    t.repairs += r.repairs;
    t.emergencyRepairs += r.emergencyRepairs;
    if (r.healExpected) t.healExpected++;
    if (r.healExpected && r.healedAtMs !== null) t.healed++;
    for (const v of r.violations) {
      t.violations[v.cls] = (t.violations[v.cls] ?? 0) + 1;
      const first = t.firsts[v.cls];
      if (!first || seed < first.seed) t.firsts[v.cls] = { seed, violation: v };
    }
  }
  return t;
}

function merge(a: Tally, b: Tally): Tally {
  const out = emptyTally();
  for (const k of ['schedules', 'steps', 'acks', 'elections', 'repairs', 'emergencyRepairs', 'healExpected', 'healed'] as const) out[k] = a[k] + b[k];
  for (const t of [a, b]) {
    for (const [cls, n] of Object.entries(t.violations) as [ViolationClass, number][]) out.violations[cls] = (out.violations[cls] ?? 0) + n;
    for (const [cls, f] of Object.entries(t.firsts) as [ViolationClass, { seed: number; violation: Violation }][]) {
      const known = out.firsts[cls];
      if (!known || f.seed < known.seed) out.firsts[cls] = f;
    }
  }
  return out;
}

function parseArgs(argv: readonly string[]): { schedules: number; seed: number; workers: number; shrink: boolean } | string {
  const opts = { schedules: 100, seed: 1, workers: Math.min(2, availableParallelism()), shrink: true };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (name === '--no-shrink') {
      opts.shrink = false;
      continue;
    }
    const value = Number(argv[++i]);
    const whole = Number.isSafeInteger(value) && value >= 0;
    if (name === '--schedules' && whole && value >= 1 && value <= 1_000_000) opts.schedules = value;
    else if (name === '--seed' && whole && value <= 0xffffffff) opts.seed = value;
    else if (name === '--workers' && whole && value >= 1 && value <= 64) opts.workers = value;
    else return `bad option ${name} ${argv[i] ?? ''}: use --schedules N (1–1,000,000) [--seed S (0–4294967295)] [--workers W (1–64)] [--no-shrink]`;
  }
  return opts;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--worker') {
    const [from, count, stride] = argv.slice(1).map(Number);
    process.send?.(runRange(from, count, stride));
    return 0;
  }
  const opts = parseArgs(argv);
  if (typeof opts === 'string') {
    console.error(opts);
    return 2;
  }
  const started = performance.now();
  const workers = Math.min(opts.workers, opts.schedules);
  // Worker k runs seeds S+k, S+k+W, …: interleaved so each gets a fair share of slow schedules.
  const parts = await Promise.all(
    Array.from({ length: workers }, (_, k) => {
      const count = Math.ceil((opts.schedules - k) / workers);
      if (workers === 1) return Promise.resolve(runRange(opts.seed, count, 1));
      return new Promise<Tally>((resolve, reject) => {
        const child = fork(process.argv[1], ['--worker', String(opts.seed + k), String(count), String(workers)]);
        child.once('message', (m) => resolve(m as Tally));
        child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`sweep worker ${k} exited ${code}`))));
      });
    }),
  );
  const tally = parts.reduce(merge, emptyTally());
  const seconds = (performance.now() - started) / 1000;
  const classes = Object.entries(tally.violations);
  console.log(
    [
      `schedules   ${tally.schedules} (seeds ${opts.seed}…${opts.seed + opts.schedules - 1})`,
      `steps       ${tally.steps}`,
      `acks        ${tally.acks}`,
      `elections   ${tally.elections}`,
      `repairs     ${tally.repairs} copies committed, ${tally.emergencyRepairs} emergency repairs`,
      `healed      ${tally.healed} of ${tally.healExpected} that should heal`,
      `violations  ${classes.length ? classes.map(([c, n]) => `${c} ${n}`).join(', ') : 0}`,
      `wall time   ${seconds.toFixed(1)} s (${(tally.schedules / seconds).toFixed(1)} schedules/s, ${workers} worker(s))`,
    ].join('\n'),
  );
  for (const [cls, first] of Object.entries(tally.firsts) as [ViolationClass, { seed: number; violation: Violation }][]) {
    console.log(`\n${cls}: seed ${first.seed} at ${Math.round(first.violation.atMs)} ms — ${first.violation.detail}`);
    const schedule = opts.shrink ? shrinkSchedule(scheduleFromSeed(first.seed), cls) : scheduleFromSeed(first.seed);
    const shrunk = runSchedule(schedule).violations.find((v) => v.cls === cls);
    if (shrunk) console.log(`  shrunk: ${shrunk.detail} (at ${Math.round(shrunk.atMs)} ms)`);
    const { file, line } = reproLine(schedule, cls);
    console.log(`  scenario ${file}\n  ${line}`);
  }
  return classes.length ? 3 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
