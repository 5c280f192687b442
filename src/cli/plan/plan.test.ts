// Goal: a plan file is loaded whole or refused whole, every problem named by its field path (as scenario files are),
// commands in either form checked against the plan's cluster, and `expect` holding only names the checker uses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from './plan';

const EXAMPLE = join(import.meta.dirname, '..', '..', '..', 'examples', 'plans', 'partial-failures.json');

describe('plan files', () => {
  it('loads the example plan: the built-in parsed once, commands in time order, defaults filled', () => {
    const parsed = parsePlan(readFileSync(EXAMPLE, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const { plan } = parsed;
    expect(plan.scenario.id).toBe('partial-failure-lab');
    expect(plan.faults.map((f) => f.text)).toContain('link.cut:n1,n2,oneWay');
    expect(plan.faults.find((f) => f.text === 'link.cut:n1,n2,oneWay')?.command).toEqual({ type: 'link.cut', a: 'n1', b: 'n2', oneWay: true });
    expect(plan.faults.map((f) => f.atMs)).toEqual([...plan.faults.map((f) => f.atMs)].sort((a, b) => a - b));
    expect(plan).toMatchObject({ heal: 60000, expect: 'all', until: 'converged', withinMs: 600000 });
  });

  it('takes command objects and an inline scenario', () => {
    const parsed = parsePlan({
      scenario: { id: 'tiny', nodes: 3, shards: 2 },
      faults: [{ atMs: 1000, command: { type: 'node.crash', node: 'n2' } }],
      expect: ['no split brain: one primary at most can get a write acknowledged'],
      until: 'healthy',
    });
    expect(parsed.ok && parsed.plan).toMatchObject({
      scenario: { id: 'tiny' },
      faults: [{ atMs: 1000, text: 'node.crash:n2' }],
      heal: null,
      expect: ['no split brain: one primary at most can get a write acknowledged'],
      until: 'healthy',
    });
  });

  it('refuses a bad plan with every problem named by its field path, in the order of the file', () => {
    const parsed = parsePlan({
      scenario: 'partial-failure-lb',
      faults: [
        { atMs: -1, command: 'link.cut:n1,n2' },
        { atMs: 5000, command: 'link.cut:n1,n9' },
        { atMs: 6000, command: { type: 'node.crsh', node: 'n1' } },
        { atMs: 7000, command: 'node.crash' },
      ],
      heal: 'later',
      expect: ['no split brain', 'all'],
      until: 'done',
      bogus: 1,
    });
    expect(parsed.ok).toBe(false);
    const problems = parsed.ok ? [] : parsed.problems;
    expect(problems[0]).toBe('unknown field "bogus"');
    expect(problems).toContainEqual(expect.stringMatching(/^scenario: no built-in scenario has the id "partial-failure-lb" \(did you mean "partial-failure-lab"\?\)/));
    expect(problems).toContain('faults[0].atMs: must be a number from 0 to 86400000 ms (from the start; the longest run is 24 h), got -1');
    expect(problems).toContainEqual(expect.stringMatching(/^faults\[2\]\.command: unknown command type "node\.crsh" \(did you mean "node\.crash"\?/));
    expect(problems).toContainEqual(expect.stringMatching(/^faults\[3\]\.command: node\.crash: missing arguments/));
    expect(problems).toContainEqual(expect.stringMatching(/^heal: must be a number from 0 to 86400000 ms/));
    expect(problems).toContainEqual(expect.stringMatching(/^expect\[0\]: no invariant is named "no split brain" \(did you mean "no split brain: one primary/));
    expect(problems).toContain('expect[1]: "all" already names every invariant; list it alone');
    expect(problems).toContain('until: must be "converged" or "healthy", got "done"');
  });

  it('checks each command against the cluster, and the heal against the last fault', () => {
    const parsed = parsePlan({
      scenario: 'partial-failure-lab',
      faults: [
        { atMs: 5000, command: 'link.cut:n1,n9' },
        { atMs: 9000, command: 'node.crash:n2' },
      ],
      heal: 8000,
      expect: ['all'],
    });
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      'faults[0].command: link.cut: unknown endpoint "n9" (this cluster has n1…n6, plus "cp" for the control plane)',
      'heal: 8000 ms is before the last fault (faults[1] at 9000 ms); heal once every fault is in',
    ]);
  });

  it('names an inline scenario’s problems under `scenario`', () => {
    const parsed = parsePlan({
      scenario: { nodes: 3, shards: 2, bogus: true, timeline: [{ atMs: 1, command: 'node.crash:n1' }] },
      faults: [{ atMs: 1, command: 'node.crash:n1' }],
      expect: ['all'],
    });
    // A timeline in a scenario takes command objects only, as a scenario file's does.
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      'unknown field "scenario.bogus"',
      expect.stringMatching(/^scenario\.timeline\[0\]\.command: a command must be an object/),
    ]);
    // Problems only the scenario's cross-field checks find are named under `scenario` too.
    const crossed = parsePlan({
      scenario: { nodes: 3, shards: 2, replicationFactor: 5, timeline: [{ atMs: 1, command: { type: 'node.crash', node: 'n7' } }] },
      faults: [{ atMs: 1, command: 'node.crash:n1' }],
      expect: ['all'],
    });
    expect(crossed.ok ? [] : crossed.problems).toEqual([
      expect.stringMatching(/^scenario\.replicationFactor: impossible RF 5/),
      'scenario.timeline[0].command: node.crash: unknown node "n7" (this cluster has n1…n3)',
    ]);
  });

  it('refuses what is not a plan at all', () => {
    expect(parsePlan('{"scenario": ')).toEqual({ ok: false, problems: [expect.stringMatching(/^JSON syntax error at line 1/)] });
    expect(parsePlan([])).toEqual({ ok: false, problems: ['a plan must be a JSON object, got an empty array'] });
    expect(parsePlan({})).toEqual({
      ok: false,
      problems: [
        'scenario: required — a built-in scenario id (e.g. "partial-failure-lab") or a scenario object',
        'faults: required — a list of {"atMs", "command"}',
        'expect: required — the invariants that must hold after every step, e.g. ["all"]',
      ],
    });
  });
});
