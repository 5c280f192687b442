import { describe, expect, it } from 'vitest';
import { MAX_CHECKED_PROBLEMS, MAX_LISTED_PROBLEMS, MAX_TEXT_CHARS, MAX_REPLICAS, MAX_TIMELINE_COMMANDS, MAX_WATCH_LINES } from '../engine/index';
import { parseScenario } from './parse-scenario';

/**
 * Issue 9 item 5 (fuzzing): a list is judged by its length before its items,
 * so 100,000 bad items are refused in one line naming the limit, and a file
 * with thousands of problems lists the first few and says how many more.
 */

const problemsOf = (raw: unknown): string[] => {
  const result = parseScenario(raw);
  if (result.ok) throw new Error(`expected problems for ${JSON.stringify(raw).slice(0, 200)}`);
  return result.problems;
};

const many = <T>(n: number, item: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => item(i));

describe('lists past their limit are refused by their length, in one line', () => {
  it('a nodes list of 100,000 strings names the node limit once', () => {
    expect(problemsOf({ nodes: many(100_000, (i) => `n${i}`), shards: 1 })).toEqual([
      'nodes: 100000 nodes is more than this console can simulate (at most 1000)',
    ]);
  });

  it('a timeline of 100,000 entries names the timeline limit', () => {
    expect(problemsOf({ nodes: 3, shards: 1, timeline: many(100_000, () => 5) })).toEqual([
      `timeline: must hold at most ${MAX_TIMELINE_COMMANDS} commands, got 100000`,
    ]);
  });

  it('a watch list of 100,000 lines names its limit', () => {
    expect(problemsOf({ nodes: 3, shards: 1, watch: many(100_000, () => 5) })).toEqual([
      `watch: must hold at most ${MAX_WATCH_LINES} lines, got 100000`,
    ]);
  });

  it('a placement of more shards than a cluster may have names the shard limit', () => {
    const placement = Object.fromEntries(many(100_001, (i) => [`x${i}`, 5]));
    expect(problemsOf({ nodes: 3, shards: 1, placement })).toEqual([
      'placement: must hold at most 100000 shards, got 100001',
    ]);
  });

  it('a placement list longer than the largest replication factor names that limit', () => {
    expect(problemsOf({ nodes: 3, shards: 1, placement: { s001: many(100_000, (i) => i) } })).toEqual([
      'placement.s001: must hold at most 7 node ids (the largest replication factor), got 100000',
    ]);
  });

  it('failover.registeredNodes of 100,000 ids names the node limit', () => {
    expect(problemsOf({ nodes: 3, shards: 1, failover: { registeredNodes: many(100_000, (i) => `x${i}`) } })).toEqual([
      'failover.registeredNodes: must hold at most 1000 node ids, got 100000',
    ]);
  });

  it('1,000 unknown registered nodes are named in one short line', () => {
    const [problem, ...rest] = problemsOf({ nodes: 3, shards: 1, failover: { registeredNodes: many(1000, (i) => `x${i}`.repeat(40)) } });
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^failover\.registeredNodes: unknown node "x0x0/);
    expect(problem).toContain('(1000 unknown in all; this cluster has n1…n3)');
    expect(problem.match(/"x/g)).toHaveLength(MAX_LISTED_PROBLEMS);
  });
});

describe('text fields have a length limit', () => {
  it.each(['title', 'description'])('a 10 MB %s is refused naming the limit, echoed cut', (field) => {
    expect(problemsOf({ nodes: 3, shards: 1, [field]: 'x'.repeat(10 * 1024 * 1024) })).toEqual([
      `${field}: must be a non-empty string, got "${'x'.repeat(40)}…" (10485760 characters) (at most ${MAX_TEXT_CHARS} characters)`,
    ]);
  });

  it('a 10 MB watch line and $schema are refused the same way', () => {
    const problems = problemsOf({ $schema: 'x'.repeat(1e6), nodes: 3, shards: 1, watch: ['ok', 'y'.repeat(1e7)] });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^\$schema: must be .* \(1000000 characters\) \(at most 4096 characters\)$/);
    expect(problems[1]).toMatch(/^watch\[1\]: must be a non-empty string, got .* \(10000000 characters\) \(at most 2000 characters\)$/);
  });
});

describe('a long problem list is capped', () => {
  it(`1,000 bad nodes list the first ${MAX_LISTED_PROBLEMS} problems and count the rest`, () => {
    const problems = problemsOf({ nodes: many(1000, (i) => `n${i}`), shards: 1 });
    expect(problems).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(problems[0]).toBe('nodes[0]: must be an object like {"id": "n1", "rack": "r1"}, got "n0"');
    expect(problems[MAX_LISTED_PROBLEMS - 1]).toContain(`nodes[${MAX_LISTED_PROBLEMS - 1}]`);
    expect(problems[MAX_LISTED_PROBLEMS]).toBe(`…and ${1000 - MAX_LISTED_PROBLEMS} more problems`);
  });

  it('100,000 pinned shards on unknown nodes list the first problems in file order', () => {
    const placement = Object.fromEntries(many(100_000, (i) => [`s${String(i + 1).padStart(6, '0')}`, ['x1', 'x2', 'x3']]));
    const problems = problemsOf({ nodes: 3, shards: 100_000, placement });
    expect(problems).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(problems[0]).toBe('placement.s000001: unknown node "x1" (this cluster has n1…n3)');
    expect(problems[MAX_LISTED_PROBLEMS]).toBe(`…and more problems (checking stopped after the first ${MAX_CHECKED_PROBLEMS})`);
  });

  it('700,000 bad node ids in a placement stop the shape check at its budget', () => {
    const placement = Object.fromEntries(many(100_000, (i) => [`s${String(i + 1).padStart(6, '0')}`, [1, 2, 3, 4, 5, 6, 7]]));
    const problems = problemsOf({ nodes: 3, shards: 100_000, placement });
    expect(problems).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(problems[0]).toBe('placement.s000001[0]: must be a node id string, got 1');
    expect(problems[MAX_LISTED_PROBLEMS]).toBe(`…and more problems (checking stopped after the first ${MAX_CHECKED_PROBLEMS})`);
  });

  it('exactly as many problems as the cap are all listed, with no count line', () => {
    const problems = problemsOf({ nodes: many(MAX_LISTED_PROBLEMS, (i) => `n${i}`), shards: 1 });
    expect(problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(problems.some((p) => p.startsWith('…and'))).toBe(false);
  });
});

describe('total replicas (shards × replicationFactor)', () => {
  it(`1,000 nodes × 100,000 shards at RF 7 is refused, naming the limit of ${MAX_REPLICAS} replicas`, () => {
    expect(problemsOf({ nodes: 1000, shards: 100_000, replicationFactor: 7 })).toEqual([
      `replicationFactor: 100000 shards × RF 7 = 700000 replicas, more than the limit of ${MAX_REPLICAS} ` +
        '(e.g. 100000 shards at RF 3); use fewer shards or a lower replicationFactor',
    ]);
  });

  it('just past the limit is refused', () => {
    expect(problemsOf({ nodes: 10, shards: 75_001, replicationFactor: 4 }).join('\n')).toContain('= 300004 replicas');
  });

  it('the benchmarked scale, 1,000 nodes × 100,000 shards at RF 3, is exactly at the limit and accepted', () => {
    expect(parseScenario({ nodes: 1000, shards: 100_000 }).ok).toBe(true);
    expect(parseScenario({ nodes: 1000, shards: 42_857, replicationFactor: 7 }).ok).toBe(true);
  });
});
