import { describe, expect, it } from 'vitest';
import type { CreateSimulationOptions, RunResult } from '../engine/index';
import { fakeSimulation, type FakeSimulation } from './fake-simulation';
import { USAGE } from './parse-args';
import { EXIT, runCli, type CliIo } from './run-cli';

function harness(
  runResult?: Omit<RunResult, 'timeMs'>,
  files: Record<string, string> = {},
  fail?: Error,
) {
  const out: string[] = [];
  const err: string[] = [];
  const sims: FakeSimulation[] = [];
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readFile: (path) => {
      if (path in files) return files[path];
      throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    },
    createSimulation: (options: CreateSimulationOptions) => {
      if (fail) throw fail;
      const sim = fakeSimulation(options, runResult);
      sims.push(sim);
      return sim;
    },
  };
  return { io, out, err, sims };
}

describe('runCli', () => {
  it('runs a built-in to healthy with a 600000 ms limit and prints the summary', () => {
    const h = harness();
    expect(runCli(['--scenario', 'rehome-worked-example'], h.io)).toBe(EXIT.ok);
    expect(h.sims[0].calls).toEqual(['runUntil(healthy, 600000)']);
    expect(h.sims[0].options.seed).toBeUndefined();
    expect(h.out).toHaveLength(1);
    expect(h.out[0]).toMatch(/^Scenario rehome-worked-example \(seed 1\), stopped at 56 s\nRun until healthy: reached/);
    expect(h.err).toEqual([]);
  });

  it('prints one JSON report with --json and passes the seed', () => {
    const h = harness();
    expect(runCli(['--scenario', 'rack-outage', '--seed', '7', '--json', '--until', 'idle'], h.io)).toBe(EXIT.ok);
    expect(h.sims[0].options.seed).toBe(7);
    expect(h.sims[0].calls).toEqual(['runUntil(idle, 600000)']);
    const report = JSON.parse(h.out[0]);
    expect(report).toMatchObject({ scenario: 'rack-outage', seed: 7, digest: 'd1g3st', run: { until: 'idle', reached: true } });
  });

  it('advances to an absolute --until time', () => {
    const h = harness();
    expect(runCli(['--scenario', 'rack-outage', '--until', '61000', '--json'], h.io)).toBe(EXIT.ok);
    expect(h.sims[0].calls).toEqual(['advanceBy(61000)']);
    expect(JSON.parse(h.out[0])).toMatchObject({ timeMs: 61000, run: { until: 61000, reached: true } });
  });

  it('adds --at commands to the timeline before the simulation is created', () => {
    const h = harness();
    runCli(['--scenario', 'rehome-worked-example', '--at', '20000:node.crash:n5', '--at', '5000:link.cut:cp,n4'], h.io);
    expect(h.sims[0].options.scenario.timeline).toEqual([
      { atMs: 5000, command: { type: 'node.crash', node: 'n3' } },
      { atMs: 5000, command: { type: 'link.cut', a: 'cp', b: 'n4' } },
      { atMs: 20000, command: { type: 'node.crash', node: 'n5' } },
    ]);
  });

  it('prints the report and exits 3 when the target is not reached', () => {
    const h = harness({ reached: false, reason: 'stopped at 600000 ms: 60 shards under-replicated' });
    expect(runCli(['--scenario', 'unregistered-fallback'], h.io)).toBe(EXIT.notReached);
    expect(h.out[0]).toContain('Run until healthy: NOT reached (stopped at 600000 ms: 60 shards under-replicated)');
  });

  it('prints usage and exits 0 for --help', () => {
    const h = harness();
    expect(runCli(['--help'], h.io)).toBe(EXIT.ok);
    expect(h.out).toEqual([USAGE]);
  });

  it('exits 2 with named problems on stderr, running nothing, for bad flags', () => {
    const h = harness();
    expect(runCli(['--scenario', 'rack-outage', '--seed', 'x'], h.io)).toBe(EXIT.badInput);
    expect(h.err).toEqual([
      'error: --seed must be a whole number from 0 to 4294967295, got "x"',
      'Run with --help for usage.',
    ]);
    expect(h.out).toEqual([]);
    expect(h.sims).toEqual([]);
  });

  it('exits 2 for an unknown scenario, a bad file or an --at command naming an unknown node', () => {
    const files = { 'bad.json': '{"id": "x", "nodes": 3}' };
    let h = harness(undefined, files);
    expect(runCli(['--scenario', 'nope'], h.io)).toBe(EXIT.badInput);
    expect(h.err[0]).toMatch(/^error: --scenario "nope": no built-in scenario has that id/);

    h = harness(undefined, files);
    expect(runCli(['--scenario', 'bad.json'], h.io)).toBe(EXIT.badInput);
    expect(h.err[0]).toBe('error: bad.json: shards: required — how many shards the data is split into (1 to 100000)');

    h = harness(undefined, files);
    expect(runCli(['--scenario', 'rehome-worked-example', '--at', '1:node.crash:n9'], h.io)).toBe(EXIT.badInput);
    expect(h.err[0]).toBe('error: --at "1:node.crash:n9": node.crash: unknown node "n9" (this cluster has n1…n6)');
    expect(h.sims).toEqual([]);
  });

  it('exits 2 when the engine refuses a command, 1 on any other engine error', () => {
    const refused = Object.assign(new Error('config.set: suspectAfterMs must stay below deadAfterMs'), { name: 'CommandError' });
    let h = harness(undefined, {}, refused);
    expect(runCli(['--scenario', 'rack-outage'], h.io)).toBe(EXIT.badInput);
    expect(h.err[0]).toBe('error: config.set: suspectAfterMs must stay below deadAfterMs');

    h = harness(undefined, {}, new TypeError('boom'));
    expect(runCli(['--scenario', 'rack-outage'], h.io)).toBe(EXIT.internal);
    expect(h.err[0]).toMatch(/^internal error: TypeError: boom/);
  });
});
