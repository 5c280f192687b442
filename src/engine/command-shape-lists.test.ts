import { describe, expect, it } from 'vitest';
import { parseCommand } from './command-shape';
import { checkCommandAgainstCluster } from './command-check';
import { MAX_LISTED_PROBLEMS, MAX_NODES } from './input-limits';
import type { Command } from './types';

/**
 * Issue 9 item 5 (fuzzing): a command's lists are judged by their length
 * before their items, so a partition of 100,000 groups is refused in one
 * short message naming the limit; and a command with many problems lists
 * the first few and says how many more.
 */

const many = <T>(n: number, item: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => item(i));
const errorOf = (raw: unknown): string => {
  const result = parseCommand(raw);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
};
const cluster = { nodeIds: ['n1', 'n2', 'n3'], rackIds: ['r1'] };

describe('command lists past their limit', () => {
  it('a partition of 100,000 groups names the group limit in one short message', () => {
    expect(errorOf({ type: 'network.partition', groups: many(100_000, () => 5) })).toBe(
      `network.partition: field "groups" must hold at most ${MAX_NODES + 1} groups, got 100000`,
    );
  });

  it('groups naming 100,000 endpoints in all name the endpoint limit', () => {
    expect(errorOf({ type: 'network.partition', groups: [many(50_000, (i) => i), many(50_000, (i) => i)] })).toBe(
      `network.partition: field "groups" must name at most ${MAX_NODES + 1} endpoints in all (each endpoint is on one side only), got 100000`,
    );
  });

  it('a config.set list of 100,000 values names the item limit', () => {
    expect(errorOf({ type: 'config.set', path: 'failover.registeredNodes', value: many(100_000, (i) => i) })).toBe(
      `config.set: field "value" must hold at most ${MAX_NODES} items, got 100000`,
    );
  });
});

describe('a command with many problems lists the first and counts the rest', () => {
  it(`1,000 bad groups: ${MAX_LISTED_PROBLEMS} problems and "…and 980 more problems"`, () => {
    const parts = errorOf({ type: 'network.partition', groups: many(1000, () => 5) }).split('; ');
    expect(parts).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(parts[0]).toBe('network.partition: field "groups[0]" must be a list of node ids or "cp", got 5');
    expect(parts[MAX_LISTED_PROBLEMS]).toBe(`…and ${1000 - MAX_LISTED_PROBLEMS} more problems`);
  });

  it('1,001 unknown endpoints in a partition are capped the same way', () => {
    const command = { type: 'network.partition', groups: [many(MAX_NODES + 1, (i) => `x${i}`)] } as Command;
    const parts = checkCommandAgainstCluster(command, cluster)!.split('; ');
    expect(parts).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(parts[0]).toBe('network.partition: unknown endpoint "x0" (this cluster has n1…n3, plus "cp" for the control plane)');
    expect(parts[MAX_LISTED_PROBLEMS]).toBe(`…and ${MAX_NODES + 1 - MAX_LISTED_PROBLEMS} more problems`);
  });
});
