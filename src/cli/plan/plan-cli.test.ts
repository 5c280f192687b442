// Goal: `npm run sim -- --plan <file> --seeds … [--check] [--json]` runs a test plan over many seeds and says, per
// seed, whether the invariants held and the cluster converged; coverage names a missing fault class; a bad plan is
// refused by field path; a deliberately unsafe setting shows up as the seed and the invariant it broke.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../engine/index';
import { runCli } from '../run-cli';
import type { PlanReport } from './plan-report';

const EXAMPLE_PATH = 'examples/plans/partial-failures.json';
const EXAMPLE = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', EXAMPLE_PATH), 'utf8')) as {
  faults: { atMs: number; command: string }[];
};

function sim(argv: string[], files: Record<string, unknown> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readFile: (path) => {
      if (path === EXAMPLE_PATH) return JSON.stringify(EXAMPLE);
      if (!(path in files)) throw new Error(`ENOENT: no such file, open '${path}'`);
      return JSON.stringify(files[path]);
    },
    createSimulation,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// Each seed simulates ~100 s of a six-node cluster with every invariant checked after every step: about a second
// a seed on a loaded machine, so these tests get room.
describe('npm run sim -- --plan', { timeout: 60_000 }, () => {
  it('runs the example plan: one line per seed, every class covered, PASS and exit 0', () => {
    const { code, out, err } = sim(['--plan', EXAMPLE_PATH, '--seeds', '1..2', '--check']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^seed 1 {2}[0-9a-f]{8} {2}invariants held {2}converged at [\d.]+ s {2}ok$/m);
    expect(out).toMatch(/^seed 2 {2}[0-9a-f]{8} {2}invariants held {2}converged at [\d.]+ s {2}ok$/m);
    for (const cls of ['one-way', 'non-transitive', 'cp-isolation', 'during-replay', 'during-repair']) {
      expect(out).toMatch(new RegExp(`^  ${cls} +yes  `, 'm'));
    }
    expect(out).toContain('non-transitive yes  link.cut:n4,n5 at 14 s (n4 and n5 cannot reach each other, yet both reach n1)');
    expect(out).toContain('during-replay  yes  node.crash:n3 at 26.5 s (n3 was replaying its log)');
    expect(out).toMatch(/Summary: 2 seed\(s\); 2 kept every expected invariant; 2 reached converged .*; coverage 5 of 5 classes\nPASS$/);
  });

  it('gives the same digest for the same seed, and another for another seed', () => {
    const digests = (seeds: string) => [...sim(['--plan', EXAMPLE_PATH, '--seeds', seeds]).out.matchAll(/^seed \d+\s+([0-9a-f]{8})/gm)].map((m) => m[1]);
    const [a, b] = digests('3,4');
    expect(digests('3')).toEqual([a]);
    expect(b).not.toBe(a);
  });

  it('with --check, names the class a plan misses; without it, only reports it', () => {
    const withoutOneWay = { ...EXAMPLE, faults: EXAMPLE.faults.filter((f) => !f.command.endsWith(',oneWay')) };
    const checked = sim(['--plan', 'no-one-way.json', '--seeds', '1', '--check'], { 'no-one-way.json': withoutOneWay });
    expect(checked.code).toBe(3);
    expect(checked.out).toContain('  one-way        MISSING (no seed): a link cut one way only (link.cut:a,b,oneWay)');
    expect(checked.out).toMatch(/\nFAIL: coverage missing: one-way$/);
    const unchecked = sim(['--plan', 'no-one-way.json', '--seeds', '1'], { 'no-one-way.json': withoutOneWay });
    expect(unchecked.code).toBe(0);
    expect(unchecked.out).toContain('Coverage (not required; --check requires it):');
  });

  it('refuses a bad plan file by field path, runs nothing and exits 2', () => {
    const bad = { scenario: 'partial-failure-lab', faults: [{ atMs: 5000, command: 'link.cut:n1,n9' }, { atMs: 'soon', command: 'network.heal' }], expect: [] };
    const { code, out, err } = sim(['--plan', 'bad.json', '--seeds', '1..20'], { 'bad.json': bad });
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.split('\n')).toEqual([
      'error: bad.json: faults[0].command: link.cut: unknown endpoint "n9" (this cluster has n1…n6, plus "cp" for the control plane)',
      'error: bad.json: faults[1].atMs: must be a number from 0 to 86400000 ms (from the start; the longest run is 24 h), got "soon"',
      'error: bad.json: expect: the list is empty; name the invariants that must hold, or ["all"]',
      'Run with --plan --help for usage.',
    ]);
    expect(sim(['--plan', 'missing.json']).err).toMatch(/^error: --plan "missing\.json": cannot read the file \(ENOENT/);
  });

  it('reports the seed and the invariant a deliberately unsafe setting breaks, and exits 3', () => {
    // Replay without the page-LSN rule: the crash during n3's replay makes its next replay apply records twice.
    const unsafe = { ...EXAMPLE, faults: [{ atMs: 0, command: 'config.set:params.idempotentApply=false' }, ...EXAMPLE.faults] };
    const { code, out } = sim(['--plan', 'unsafe.json', '--seeds', '5'], { 'unsafe.json': unsafe });
    expect(code).toBe(3);
    expect(out).toMatch(
      /^seed 5 {2}[0-9a-f]{8} {2}BROKE 1 invariant\(s\), first "replay applies every committed, valid record after the checkpoint exactly once" at 60\.\d+ s: n3 applied #\d+ .* twice.* FAIL$/m,
    );
    expect(out).toMatch(/\nFAIL: seed\(s\) 5 broke an expected invariant$/);
  });

  it('an invariant the plan does not expect is reported but does not fail the seed', () => {
    const unsafe = {
      ...EXAMPLE,
      faults: [{ atMs: 0, command: 'config.set:params.idempotentApply=false' }, ...EXAMPLE.faults],
      expect: ['no shard has two replicas on one node'],
    };
    const { code, out } = sim(['--plan', 'unsafe.json', '--seeds', '5'], { 'unsafe.json': unsafe });
    expect(code).toBe(0);
    expect(out).toMatch(/^ {2}also broke \(not in expect\): "replay applies every committed, valid record after the checkpoint exactly once" at 60\.\d+ s: /m);
  });

  it('prints one JSON report with --json', () => {
    const { code, out } = sim(['--plan', EXAMPLE_PATH, '--seeds', '2', '--check', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out) as PlanReport;
    expect(report.plan).toMatchObject({ file: EXAMPLE_PATH, scenario: 'partial-failure-lab', heal: 60000, expect: 'all', until: 'converged', withinMs: 600000 });
    expect(report.seeds).toEqual([
      expect.objectContaining({ seed: 2, ok: true, broken: [], refused: [], target: expect.objectContaining({ until: 'converged', reached: true }) }),
    ]);
    expect(report.seeds[0].healed).toEqual(['network.heal', 'node.restart:n2', 'node.restart:n3']);
    expect(report.coverage).toMatchObject({ checked: true, missing: [] });
    expect(report.coverage.classes.map((c) => c.class)).toEqual(['one-way', 'non-transitive', 'cp-isolation', 'during-replay', 'during-repair']);
    expect(report.summary).toEqual({ seeds: 1, invariantsKept: 1, reached: 1, failedSeeds: [], ok: true });
  });
});
