import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse-scenario';

const problemsOf = (raw: Record<string, unknown>): string[] => {
  const result = parseScenario(raw);
  return result.ok ? [] : result.problems;
};

describe('timeline commands are checked like every other field', () => {
  it('a command field the command does not know is named by its full path', () => {
    expect(problemsOf({ nodes: 3, shards: 3, timeline: [{ atMs: 0, command: { type: 'node.crash', node: 'n3', extra: 1 } }] })).toEqual([
      'unknown field "timeline[0].command.extra" (node.crash takes node, kind)',
    ]);
  });

  it('a near miss gets a suggestion, and the missing field is named too', () => {
    expect(
      problemsOf({
        nodes: 3,
        shards: 3,
        timeline: [
          { atMs: 0, command: { type: 'node.crash', node: 'n1' } },
          { atMs: 5, command: { type: 'node.crash', nod: 'n3' } },
        ],
      }),
    ).toEqual([
      'unknown field "timeline[1].command.nod" (did you mean "node"?)',
      'timeline[1].command.node: required (a node id string)',
    ]);
  });
});
