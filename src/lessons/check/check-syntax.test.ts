import { describe, expect, it } from 'vitest';
import { checkExprProblems } from './check-syntax';

describe('checkExprProblems', () => {
  it('a sound check has no problems, including every operator of the language', () => {
    const expr = {
      and: [
        { '==': [{ var: 'you.metrics.bytesMoved' }, 0] },
        { '<': [0, { var: 'runs.$run.state.timeMs' }, 100] },
        { some: [{ var: 'you.state.failoverEvents' }, { '==': [{ var: 'failedNode' }, 'n2'] }] },
        { '>=': [{ 'trace.count': ['grace-5s', 'failover.graceSaved', { node: 'n2' }] }, 1] },
        { '!!': [{ 'trace.first': ['you', 'node.declaredDead'] }] },
        { in: ['n2', { map: [{ var: 'you.state.nodes' }, { var: 'id' }] }] },
        { '!=': [{ node: ['you', 'n2'] }, null] },
        { '==': [{ var: 'prediction.predict.choice' }, 'b'] },
        { '>': [{ '+': [1, { '-': [3, 1] }, { '*': [2, 2] }, { '/': [4, 2] }, { min: [1, 2] }, { max: [1] }] }, 0] },
        { if: [true, 1, 0] },
        { '!': [{ none: [[], true] }] },
        { all: [[1], true] },
        { '<=': [{ count: [{ filter: [{ var: 'you.state.shards' }, true] }] }, 10] },
        { '!=': [{ shard: ['you', 's001'] }, null] },
      ],
    };
    expect(checkExprProblems(expr, 'steps[6].check')).toEqual([]);
  });

  it('names an unknown operator by its place, with a suggestion', () => {
    expect(checkExprProblems({ and: [true, { sme: [[], true] }] }, 'steps[6].check')).toEqual([
      expect.stringMatching(/^steps\[6\]\.check\.and\[1\]\.sme: unknown operator "sme" \(did you mean "some"\?\)/),
    ]);
  });

  it('names a wrong number of arguments', () => {
    expect(checkExprProblems({ '==': [1] }, 'c')).toEqual(['c.==: takes 2 arguments, got 1']);
    expect(checkExprProblems({ '>': [1, 2, 3] }, 'c')).toEqual(['c.>: takes 2 arguments, got 3']);
  });

  it('names a var path that cannot read anything at the top of a check', () => {
    expect(checkExprProblems({ var: 'metrics.bytesMoved' }, 'c')[0]).toMatch(/^c\.var: "metrics.bytesMoved" starts at "metrics"; a check reads runs, you, prediction/);
    expect(checkExprProblems({ var: 'you.metric.bytesMoved' }, 'c')[0]).toMatch(/a run has no "metric" \(did you mean "metrics"\?\)/);
    expect(checkExprProblems({ var: 'runs.grace.stat' }, 'c')[0]).toMatch(/a run has no "stat" \(did you mean "state"\?\)/);
    // Inside an array test a var names the item's field: anything goes.
    expect(checkExprProblems({ some: [{ var: 'you.state.nodes' }, { var: 'health' }] }, 'c')).toEqual([]);
  });

  it('an object that is not one operator, a bad filter, a missing check', () => {
    expect(checkExprProblems({}, 'c')[0]).toMatch(/^c: an operator is an object with exactly one key/);
    expect(checkExprProblems({ 'trace.count': ['you', 'copy.started', 'x'] }, 'c')).toEqual([
      'c.trace.count[2]: a trace filter is an object of data fields (e.g. {"node": "n2"})',
    ]);
    expect(checkExprProblems({ 'trace.count': ['you', 3] }, 'c')[0]).toMatch(/expected a trace kind/);
    expect(checkExprProblems(undefined, 'steps[1].check')).toEqual(['steps[1].check: required (a check expression such as {"==": [1, 1]})']);
  });

  it('refuses a check too deep or too large, once', () => {
    let deep: unknown = true;
    for (let i = 0; i < 100; i++) deep = { '!': [deep] };
    expect(checkExprProblems(deep, 'c')).toHaveLength(1);
    expect(checkExprProblems(deep, 'c')[0]).toMatch(/nested deeper than 32 levels/);
    const wide = { and: Array.from({ length: 5000 }, () => true) };
    expect(checkExprProblems(wide, 'c')).toEqual([expect.stringMatching(/too large \(more than 2000/)]);
  });
});
