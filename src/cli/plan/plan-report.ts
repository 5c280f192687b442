import { formatMs } from '../report';
import { CLASS_MEANING, COVERAGE_CLASSES, type CoverageClass } from './coverage';
import type { Plan } from './plan';
import type { SeedResult } from './run-seed';

/**
 * What a plan run reports: one JSON object (`--json`, its field names a public contract) and the same facts as lines
 * a person reads — one per seed, the coverage, a summary. Pure: prints nothing.
 */

export interface ClassCoverage {
  class: CoverageClass;
  /** Covered in every seed. */
  covered: boolean;
  /** Seeds in which no fault covered it. */
  missingSeeds: number[];
  /** The first seed's covering fault, as an example. */
  example: { seed: number; atMs: number; fault: string; why: string } | null;
}

export interface PlanReport {
  plan: {
    file: string;
    title: string | null;
    scenario: string;
    faults: { atMs: number; command: string }[];
    heal: number | null;
    expect: 'all' | string[];
    until: Plan['until'];
    withinMs: number;
  };
  seeds: (SeedResult & { ok: boolean })[];
  coverage: { checked: boolean; classes: ClassCoverage[]; missing: CoverageClass[] };
  summary: { seeds: number; invariantsKept: number; reached: number; failedSeeds: number[]; ok: boolean };
}

/** A seed passes when it broke none of the invariants the plan expects and reached the target in time. */
export function seedOk(result: SeedResult): boolean {
  return result.target.reached && !result.broken.some((b) => b.expected);
}

export function buildPlanReport(file: string, plan: Plan, results: readonly SeedResult[], check: boolean): PlanReport {
  const classes = COVERAGE_CLASSES.map((cls): ClassCoverage => {
    const missingSeeds = results.filter((r) => !r.covered[cls]).map((r) => r.seed);
    const first = results.find((r) => r.covered[cls]);
    const hit = first?.covered[cls];
    return { class: cls, covered: missingSeeds.length === 0, missingSeeds, example: first && hit ? { seed: first.seed, ...hit } : null };
  });
  const missing = classes.filter((c) => !c.covered).map((c) => c.class);
  const seeds = results.map((r) => ({ ...r, ok: seedOk(r) }));
  const failedSeeds = seeds.filter((s) => !s.ok).map((s) => s.seed);
  return {
    plan: {
      file,
      title: plan.title,
      scenario: plan.scenario.id,
      faults: plan.faults.map((f) => ({ atMs: f.atMs, command: f.text })),
      heal: plan.heal,
      expect: plan.expect === 'all' ? 'all' : [...plan.expect],
      until: plan.until,
      withinMs: plan.withinMs,
    },
    seeds,
    coverage: { checked: check, classes, missing },
    summary: {
      seeds: seeds.length,
      invariantsKept: seeds.filter((s) => !s.broken.some((b) => b.expected)).length,
      reached: seeds.filter((s) => s.target.reached).length,
      failedSeeds,
      ok: failedSeeds.length === 0 && (!check || missing.length === 0),
    },
  };
}

// ---------------------------------------------------------------- lines

const MAX_DETAIL_CHARS = 160;

export function formatPlanHeader(report: PlanReport): string {
  const p = report.plan;
  const heal = p.heal === null ? 'no heal (the plan heals itself)' : `heal at ${formatMs(p.heal)}`;
  const expect = p.expect === 'all' ? 'every invariant' : `${p.expect.length} invariant(s)`;
  return (
    `Plan ${p.file}${p.title ? ` — ${p.title}` : ''}\n` +
    `Scenario ${p.scenario}; ${p.faults.length} fault(s); ${heal}; then until ${p.until} within ${formatMs(p.withinMs)}; expecting ${expect} to hold`
  );
}

/** `seed 3  1a2b3c4d  invariants held  converged at 90.408 s`, and indented notes under it. */
export function formatSeedLine(seed: PlanReport['seeds'][number], seedWidth = 0): string {
  const expectedBroken = seed.broken.filter((b) => b.expected);
  const first = expectedBroken[0];
  const invariants =
    first === undefined
      ? 'invariants held'
      : `BROKE ${expectedBroken.length} invariant(s), first "${first.invariant}" at ${formatMs(first.firstAtMs)}: ${cut(first.detail)}`;
  const target = seed.target.reached ? `${seed.target.until} at ${formatMs(seed.target.atMs)}` : `NOT ${seed.target.until}: ${cut(seed.target.reason)}`;
  const lines = [`seed ${String(seed.seed).padEnd(seedWidth)}  ${seed.digest.slice(0, 8)}  ${invariants}  ${target}  ${seed.ok ? 'ok' : 'FAIL'}`];
  for (const b of seed.broken.filter((x) => !x.expected)) {
    lines.push(`  also broke (not in expect): "${b.invariant}" at ${formatMs(b.firstAtMs)}: ${cut(b.detail)}`);
  }
  for (const r of seed.refused) lines.push(`  refused at ${formatMs(r.atMs)}: ${r.fault} — ${cut(r.reason)}`);
  return lines.join('\n');
}

export function formatCoverage(report: PlanReport): string[] {
  const { checked, classes } = report.coverage;
  const lines = [`Coverage${checked ? ' (--check: every class in every seed)' : ' (not required; --check requires it)'}:`];
  for (const c of classes) {
    const name = c.class.padEnd(14);
    if (c.covered && c.example) {
      lines.push(`  ${name} yes  ${c.example.fault} at ${formatMs(c.example.atMs)} (${c.example.why})`);
    } else {
      const where = c.missingSeeds.length === report.seeds.length ? 'no seed' : `not in seed(s) ${c.missingSeeds.join(', ')}`;
      lines.push(`  ${name} MISSING (${where}): ${CLASS_MEANING[c.class]}`);
    }
  }
  return lines;
}

export function formatSummary(report: PlanReport): string {
  const s = report.summary;
  const problems: string[] = [];
  const broke = report.seeds.filter((x) => x.broken.some((b) => b.expected)).map((x) => x.seed);
  const missed = report.seeds.filter((x) => !x.target.reached).map((x) => x.seed);
  if (broke.length > 0) problems.push(`seed(s) ${broke.join(', ')} broke an expected invariant`);
  if (missed.length > 0) problems.push(`seed(s) ${missed.join(', ')} did not reach ${report.plan.until}`);
  if (report.coverage.checked && report.coverage.missing.length > 0) problems.push(`coverage missing: ${report.coverage.missing.join(', ')}`);
  const latest = Math.max(...report.seeds.filter((x) => x.target.reached).map((x) => x.target.atMs), -Infinity);
  return (
    `Summary: ${s.seeds} seed(s); ${s.invariantsKept} kept every expected invariant; ${s.reached} reached ${report.plan.until}` +
    (Number.isFinite(latest) ? ` (the latest at ${formatMs(latest)})` : '') +
    `; coverage ${COVERAGE_CLASSES.length - report.coverage.missing.length} of ${COVERAGE_CLASSES.length} classes\n` +
    (s.ok ? 'PASS' : `FAIL: ${problems.join('; ')}`)
  );
}

function cut(text: string): string {
  return text.length <= MAX_DETAIL_CHARS ? text : `${text.slice(0, MAX_DETAIL_CHARS - 1)}…`;
}
