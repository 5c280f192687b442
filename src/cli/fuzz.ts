/**
 * `npm run fuzz -- [--cases N] [--seed S] [--surface scenario|cli|command|driver|url|all] [--case K] [--budget MS] [--json]`:
 * tries N generated inputs (split evenly over the surfaces) on the product's
 * public doors, each in a worker thread with a wall budget, and prints a
 * tally per surface: tried, refused by name, accepted, crashed, hung (and
 * unflagged: accepted past a documented limit). Every crashed, hung or
 * unflagged case is printed with its input and a reproduction line
 * (`--surface X --seed S --case K` tries that one case). Exit 0 clean, 3 findings, 2 bad input.
 */
import { SURFACES, type Surface } from '../fuzz/fuzz-case';
import { renderCase } from '../fuzz/render';
import { CONFIRM_FACTOR, runCases } from '../fuzz/runner';
import { generateCase } from '../fuzz/surfaces';
import { addResult, emptyTally, findingOf, formatFinding, formatTable, isFinding, type Finding, type SurfaceTally } from '../fuzz/tally';

interface FuzzOptions {
  cases: number;
  seed: number;
  surfaces: Surface[];
  single: number | null;
  budgetMs: number;
  json: boolean;
}

const USAGE =
  'usage: npm run fuzz -- [--cases N (1–10,000,000, default 1000)] [--seed S (0–4294967295, default 1)] ' +
  '[--surface scenario|cli|command|driver|url|all] [--case K (one case, with --surface)] [--budget MS (wall ms per case, default 2000)] [--json]';

function parseOptions(argv: readonly string[]): FuzzOptions | string {
  const o: FuzzOptions = { cases: 1000, seed: 1, surfaces: [...SURFACES], single: null, budgetMs: 2000, json: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--json') {
      o.json = true;
      continue;
    }
    if (flag === '--help' || flag === '-h') return USAGE;
    const text = argv[++i] ?? '';
    const n = Number(text);
    const whole = /^\d+$/.test(text) && Number.isSafeInteger(n);
    if (flag === '--cases' && whole && n >= 1 && n <= 10_000_000) o.cases = n;
    else if (flag === '--seed' && whole && n <= 0xffffffff) o.seed = n;
    else if (flag === '--case' && whole) o.single = n;
    else if (flag === '--budget' && whole && n >= 100 && n <= 600_000) o.budgetMs = n;
    else if (flag === '--surface' && (text === 'all' || (SURFACES as readonly string[]).includes(text))) {
      o.surfaces = text === 'all' ? [...SURFACES] : [text as Surface];
    } else return `bad option ${flag} ${JSON.stringify(text.slice(0, 40))}\n${USAGE}`;
  }
  if (o.single !== null && o.surfaces.length !== 1) return `--case needs one --surface\n${USAGE}`;
  return o;
}

async function main(): Promise<number> {
  process.stdout.on('error', () => undefined); // piped into head: stop quietly
  const o = parseOptions(process.argv.slice(2));
  if (typeof o === 'string') {
    console.error(o);
    return o === USAGE ? 0 : 2;
  }
  const tallies: Partial<Record<Surface, SurfaceTally>> = {};
  const findings: Finding[] = [];
  const perSurface = Math.max(1, Math.floor(o.cases / o.surfaces.length));
  for (const [k, surface] of o.surfaces.entries()) {
    const count = o.single !== null ? 1 : perSurface + (k < o.cases - perSurface * o.surfaces.length ? 1 : 0);
    const indices = o.single !== null ? [o.single] : Array.from({ length: count }, (_, i) => i);
    const tally = emptyTally();
    const started = performance.now();
    const results = await runCases(indices.map((index) => ({ surface, index })), {
      seed: o.seed,
      budgetMs: o.budgetMs,
      onResult: (r) => {
        addResult(tally, r);
        if (!o.json && r.index % 500 === 499) process.stderr.write(`  ${surface}: ${tally.tried}/${count}\r`);
      },
    });
    tally.wallMs = performance.now() - started;
    tallies[surface] = tally;
    findings.push(...results.filter(isFinding).map((r) => findingOf(r, o.seed)));
    if (o.single !== null && !o.json) {
      const r = results[0];
      console.log(`case ${r.index} of ${surface}, seed ${o.seed}: ${r.verdict} in ${r.ms.toFixed(0)} ms${r.slow ? ' (slow)' : ''}`);
      if (r.detail) console.log(`  ${r.detail}`);
      console.log(`  input: ${renderCase(generateCase(surface, o.seed, r.index).input)}`);
    }
  }
  if (o.json) {
    console.log(JSON.stringify({ seed: o.seed, budgetMs: o.budgetMs, surfaces: tallies, findings }, null, 2));
  } else {
    console.log(`fuzz: seed ${o.seed}, ${o.budgetMs} ms wall budget per case (over it: retried alone with ${o.budgetMs * CONFIRM_FACTOR} ms; over that: hung)`);
    console.log(formatTable(tallies));
    for (const f of findings) console.log(`\n${formatFinding(f)}`);
  }
  return findings.length > 0 ? 3 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
