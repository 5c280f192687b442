import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse-scenario';

const problemsOf = (input: unknown): string[] => {
  const result = parseScenario(input);
  if (result.ok) throw new Error('expected problems, got a scenario');
  return result.problems;
};

describe('parseScenario: keys that are also names of Object properties', () => {
  it('judges "constructor" and "__proto__" keys like any other key, and never crashes on them', () => {
    expect(problemsOf('{"nodes": 3, "shards": 3, "__proto__": 1, "placement": {"constructor": ["n1", "n2", "n3"]}}')).toEqual([
      'unknown field "__proto__"',
      `placement: unknown shard "constructor"; this scenario's shards are s001…s003`,
    ]);
    expect(problemsOf('{"nodes": 3, "shards": 3, "voters": {"constructor": ["n1"]}}')).toEqual([
      'voters.constructor: constructor must also be pinned in "placement", so its replicas are known',
    ]);
    expect(problemsOf('{"nodes": 3, "shards": "x", "placement": {"constructor": 5}, "voters": {"prototype": 6}}')).toEqual([
      'shards: must be a whole number from 1 to 100000, got "x"',
      'placement.constructor: must be a list of node ids, got 5',
      'voters.prototype: must be a non-empty list of node ids, got 6',
    ]);
  });
});

describe('parseScenario: large broken files', () => {
  // Quadratic ordering took minutes here; linear takes about a second, more on a loaded machine.
  it('names 20,000 bad placement entries in seconds, not minutes (no quadratic ordering)', { timeout: 60_000 }, () => {
    const placement = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`s${String(i + 1).padStart(5, '0')}`, 'n1']));
    const started = performance.now();
    const problems = problemsOf({ nodes: 3, shards: 20_000, placement });
    // The first 20 are listed; checking stops after 1,000 (parse-scenario-lists.test.ts).
    expect(problems).toHaveLength(21);
    expect(problems[0]).toBe('placement.s00001: must be a list of node ids, got "n1"');
    expect(problems[20]).toBe('…and more problems (checking stopped after the first 1000)');
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

describe('parseScenario: the published JSON Schema named in the file', () => {
  it('accepts a "$schema" field (editors use it to check and complete the file) and ignores it', () => {
    const result = parseScenario({ $schema: '../schema/scenario.schema.json', id: 'tiny', nodes: 3, shards: 10 });
    expect(result.ok && result.scenario.id).toBe('tiny');
    expect(result.ok && '$schema' in result.scenario).toBe(false);
    expect(problemsOf({ $schema: 5, nodes: 3, shards: 10 })).toEqual(['$schema: must be a string (the path or URL of the JSON Schema), got 5']);
  });
});
