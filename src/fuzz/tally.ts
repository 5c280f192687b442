import type { Surface } from './fuzz-case';
import { renderCase } from './render';
import type { CaseResult } from './runner';
import { generateCase } from './surfaces';

/** Counts per surface, and the cases a reader must see (crashed, hung, unflagged) with their inputs. */

export interface SurfaceTally {
  tried: number;
  refused: number;
  accepted: number;
  crashed: number;
  hung: number;
  /** Accepted although the input breaks a documented limit. */
  unflagged: number;
  /** Over the first wall budget, finished within the second. */
  slow: number;
  wallMs: number;
}

export interface Finding {
  surface: Surface;
  index: number;
  verdict: string;
  detail: string;
  reproduce: string;
  input: string;
}

export function emptyTally(): SurfaceTally {
  return { tried: 0, refused: 0, accepted: 0, crashed: 0, hung: 0, unflagged: 0, slow: 0, wallMs: 0 };
}

export function addResult(t: SurfaceTally, r: CaseResult): void {
  t.tried++;
  t[r.verdict]++;
  if (r.slow) t.slow++;
}

export function reproLine(surface: Surface, seed: number, index: number): string {
  return `npm run fuzz -- --surface ${surface} --seed ${seed} --case ${index}`;
}

export function findingOf(r: CaseResult, seed: number): Finding {
  let input: string;
  try {
    input = renderCase(generateCase(r.surface, seed, r.index).input);
  } catch (error) {
    input = `(could not rebuild: ${String(error)})`;
  }
  return { surface: r.surface, index: r.index, verdict: r.verdict, detail: r.detail, reproduce: reproLine(r.surface, seed, r.index), input };
}

export function isFinding(r: CaseResult): boolean {
  return r.verdict === 'crashed' || r.verdict === 'hung' || r.verdict === 'unflagged';
}

const COLUMNS = ['tried', 'refused', 'accepted', 'crashed', 'hung', 'unflagged', 'slow'] as const;

export function formatTable(tallies: Partial<Record<Surface, SurfaceTally>>): string {
  const rows = Object.entries(tallies) as [string, SurfaceTally][];
  const total = emptyTally();
  for (const [, t] of rows) for (const k of [...COLUMNS, 'wallMs'] as const) total[k] += t[k];
  const line = (name: string, t: SurfaceTally) =>
    `| ${name.padEnd(8)} | ${COLUMNS.map((k) => String(t[k]).padStart(k.length)).join(' | ')} | ${(t.wallMs / 1000).toFixed(1).padStart(6)} s |`;
  return [
    `| surface  | ${COLUMNS.join(' | ')} |   wall   |`,
    `|----------|${COLUMNS.map((k) => '-'.repeat(k.length + 1) + ':').join('|')}|---------:|`,
    ...rows.map(([name, t]) => line(name, t)),
    ...(rows.length > 1 ? [line('total', total)] : []),
  ].join('\n');
}

export function formatFinding(f: Finding): string {
  return [`[${f.verdict}] ${f.surface} case ${f.index}: ${f.detail}`, `  reproduce: ${f.reproduce}`, `  input: ${f.input}`].join('\n');
}
