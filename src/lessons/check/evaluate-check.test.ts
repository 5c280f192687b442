import { describe, expect, it } from 'vitest';
import { CheckError, evaluateCheck, evaluateOutcome, substituteRun } from './evaluate-check';
import type { CheckScope, RunView } from '../lesson-types';

/** A run view over plain data: enough for the operators; run-view.test.ts reads a real simulation. */
function fakeRun(label: string, extra: Partial<Record<keyof RunView, unknown>> = {}): RunView {
  return {
    label,
    state: {
      timeMs: 7926,
      nodes: [{ id: 'n1', up: true, health: 'ACTIVE' }, { id: 'n2', up: true, health: 'DEAD' }],
      shards: [{ id: 's001', replicas: ['n1', 'n2', 'n3'] }],
      failoverEvents: [
        { failedNode: 'n2', reReplicationAttempted: false },
        { failedNode: 'n4', reReplicationAttempted: true },
      ],
    },
    metrics: { bytesMoved: 0, underReplicatedShards: 0 },
    params: { rehomeGraceMs: 600 },
    digest: 'abc',
    eventCount: 412,
    timeMs: 7926,
    trace: [
      { seq: 0, timeMs: 5000, event: 10, actor: 'network', kind: 'link.cut', text: 'cut', level: 'info', data: { a: 'n2', b: 'cp' } },
      { seq: 1, timeMs: 6426, event: 20, actor: 'monitor', kind: 'node.declaredDead', text: 'n2 DEAD', level: 'info', data: { node: 'n2' } },
      { seq: 2, timeMs: 6500, event: 21, actor: 'monitor', kind: 'node.declaredDead', text: 'n4 DEAD', level: 'info', data: { node: 'n4' } },
      { seq: 3, timeMs: 7176, event: 30, actor: 'failover', kind: 'failover.graceSaved', text: 'saved', level: 'info', data: {} },
    ],
    ...extra,
  } as unknown as RunView;
}

const scope: CheckScope = {
  runs: { you: fakeRun('you'), 'grace-5s': fakeRun('grace-5s', { metrics: { bytesMoved: 0 } }), 'no-grace': fakeRun('no-grace', { metrics: { bytesMoved: 134217728 } }) },
  prediction: { predict: { choice: 'b', atEvent: 412 } },
};
const run = (expr: unknown) => evaluateCheck(expr, scope);

describe('check language: comparison and logic', () => {
  it('== and != compare JSON values strictly, null and missing alike', () => {
    expect(run({ '==': [1, 1] })).toBe(true);
    expect(run({ '==': [1, '1'] })).toBe(false);
    expect(run({ '!=': ['a', 'b'] })).toBe(true);
    expect(run({ '==': [[1, 2], [1, 2]] })).toBe(true);
    expect(run({ '==': [{ var: 'you.metrics.notAMetric' }, null] })).toBe(true);
  });
  it('< <= > >= compare numbers; < and <= chain over three', () => {
    expect(run({ '<': [1, 2] })).toBe(true);
    expect(run({ '<': [1, 5, 3] })).toBe(false);
    expect(run({ '<=': [1, 1, 3] })).toBe(true);
    expect(run({ '>': [3, 2] })).toBe(true);
    expect(run({ '>=': [2, 3] })).toBe(false);
    expect(() => run({ '>': [null, 0] })).toThrow(/^>: compares two numbers.*got null and number 0/);
  });
  it('and / or return the deciding value; ! and !! use JsonLogic truth (an empty array is false)', () => {
    expect(run({ and: [true, 3] })).toBe(3);
    expect(run({ and: [0, { var: 'no.such' }] })).toBe(0); // short-circuit: the bad path is never read
    expect(run({ or: [false, 'x'] })).toBe('x');
    expect(run({ '!': [[]] })).toBe(true);
    expect(run({ '!!': 'x' })).toBe(true);
  });
  it('if picks the first true branch, else the last', () => {
    expect(run({ if: [false, 'a', true, 'b', 'c'] })).toBe('b');
    expect(run({ if: [false, 'a', 'c'] })).toBe('c');
  });
  it('in tests membership in an array or a substring', () => {
    expect(run({ in: ['n2', ['n1', 'n2']] })).toBe(true);
    expect(run({ in: ['grace', 'grace period'] })).toBe(true);
    expect(() => run({ in: ['a', 3] })).toThrow(CheckError);
  });
});

describe('check language: var', () => {
  it('reads dotted paths from runs, you and prediction', () => {
    expect(run({ var: 'you.metrics.bytesMoved' })).toBe(0);
    expect(run({ var: 'runs.no-grace.metrics.bytesMoved' })).toBe(134217728);
    expect(run({ var: 'prediction.predict.choice' })).toBe('b');
    expect(run({ var: 'you.state.nodes.1.health' })).toBe('DEAD');
    expect(run({ var: ['you.metrics.missing', 7] })).toBe(7);
  });
  it('a path through nothing is a CheckError naming it', () => {
    expect(() => run({ var: 'you.stat.timeMs' })).toThrow('var "you.stat.timeMs": "you.stat" is missing, so there is nothing at "you.stat.timeMs"');
    expect(() => run({ var: 'you.metrics.bytesMoved.x' })).toThrow(/"you.metrics.bytesMoved" is number 0, which has no "x"/);
    expect(() => run({ var: 'runs.nope.metrics' })).toThrow(/no run "nope" \(runs: you, grace-5s, no-grace\)/);
    expect(() => run({ var: 'metrics.bytesMoved' })).toThrow(/a check reads runs, prediction, you; "metrics" is none of them/);
  });
  it('names where in the expression the problem is', () => {
    expect(() => run({ and: [true, { '>': [{ var: 'you.nothing.x' }, 1] }] })).toThrow(/^and\[1\]\.>\[0\]\.var "you.nothing.x"/);
  });
});

describe('check language: arithmetic', () => {
  it('+ - * / min max on numbers only', () => {
    expect(run({ '+': [1, 2, 3] })).toBe(6);
    expect(run({ '-': [5, 2] })).toBe(3);
    expect(run({ '-': [5] })).toBe(-5);
    expect(run({ '*': [2, 3] })).toBe(6);
    expect(run({ '/': [6, 4] })).toBe(1.5);
    expect(run({ min: [3, 1, 2] })).toBe(1);
    expect(run({ max: [3, 1, 2] })).toBe(3);
    expect(() => run({ '/': [1, 0] })).toThrow('/: division by zero');
    expect(() => run({ '+': [1, 'a'] })).toThrow('+[1]: expected a number, got the string "a"');
  });
});

describe('check language: arrays', () => {
  const events = { var: 'you.state.failoverEvents' };
  it('some / all / none / filter / map read each item; count is the length', () => {
    expect(run({ some: [events, { '==': [{ var: 'failedNode' }, 'n2'] }] })).toBe(true);
    expect(run({ all: [events, { var: 'reReplicationAttempted' }] })).toBe(false);
    expect(run({ all: [[], true] })).toBe(false); // JsonLogic: all of nothing is false
    expect(run({ none: [events, { '==': [{ var: 'failedNode' }, 'n9'] }] })).toBe(true);
    expect(run({ filter: [events, { var: 'reReplicationAttempted' }] })).toEqual([{ failedNode: 'n4', reReplicationAttempted: true }]);
    expect(run({ map: [events, { var: 'failedNode' }] })).toEqual(['n2', 'n4']);
    expect(run({ count: [events] })).toBe(2);
    expect(run({ count: { filter: [events, { var: 'reReplicationAttempted' }] } })).toBe(1);
  });
});

describe('check language: domain operations', () => {
  it('trace.count counts entries of a kind whose data matches the filter', () => {
    expect(run({ 'trace.count': ['you', 'node.declaredDead', {}] })).toBe(2);
    expect(run({ 'trace.count': ['you', 'node.declaredDead', { node: 'n2' }] })).toBe(1);
    expect(run({ 'trace.count': ['you', 'node.declaredDead'] })).toBe(2);
    expect(run({ 'trace.count': ['you', 'copy.started', {}] })).toBe(0);
  });
  it('trace.first gives the first match (timeMs, event, data) or null', () => {
    expect(run({ 'trace.first': ['you', 'node.declaredDead', { node: 'n4' }] })).toMatchObject({ timeMs: 6500, event: 21, data: { node: 'n4' } });
    expect(run({ var: 'you.trace.0.kind' })).toBe('link.cut');
    expect(run({ 'trace.first': ['you', 'copy.started', {}] })).toBeNull();
  });
  it('node and shard look up by id in a run', () => {
    expect(run({ node: ['you', 'n2'] })).toMatchObject({ health: 'DEAD' });
    expect(run({ shard: ['you', 's001'] })).toMatchObject({ replicas: ['n1', 'n2', 'n3'] });
    expect(run({ node: ['you', 'n9'] })).toBeNull();
    expect(() => run({ node: ['them', 'n1'] })).toThrow('node[0]: no run "them" (runs: you, grace-5s, no-grace)');
  });
  it('$run in an observe compare row becomes each run label', () => {
    const row = { '>=': [{ 'trace.count': ['$run', 'failover.graceSaved', {}] }, 1] };
    expect(run(substituteRun(row, 'grace-5s'))).toBe(true);
    expect(run(substituteRun({ var: 'runs.$run.metrics.bytesMoved' }, 'no-grace'))).toBe(134217728);
  });
});

describe('check language: strict and bounded', () => {
  it('an unknown operator or a wrong arity is a CheckError naming it', () => {
    expect(() => run({ and: [{ sme: [1] }] })).toThrow('and[0].sme: unknown operator "sme"');
    expect(() => run({ '==': [1] })).toThrow('==: takes 2 arguments, got 1');
    expect(() => run({ '==': [1, 2], '!=': [1, 2] })).toThrow(/exactly one key/);
  });
  it('a nest of loops over a large array stops at the work limit instead of hanging', () => {
    const big = Array.from({ length: 3000 }, (_, i) => i);
    const expr = { some: [big, { some: [big, { '==': [{ var: '' }, -1] }] }] };
    const started = Date.now();
    expect(() => run(expr)).toThrow(/too much work/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
  it('too deep an expression is refused', () => {
    let expr: unknown = true;
    for (let i = 0; i < 100; i++) expr = { '!': [expr] };
    expect(() => run(expr)).toThrow(/nested deeper than 32 levels/);
  });
  it('evaluateOutcome never throws: the error is in words and the check not passed', () => {
    expect(evaluateOutcome({ '==': [{ var: 'you.metrics.bytesMoved' }, 0] }, scope)).toEqual({ passed: true, value: true });
    expect(evaluateOutcome({ var: 'you.nothing.x' }, scope)).toMatchObject({ passed: false, error: expect.stringContaining('"you.nothing" is missing') });
  });
});

describe('the worked example §2.4: its checks on its measured outcome', () => {
  it('point-holds and tune pass on the run the design measured', () => {
    const pointHolds = {
      and: [
        { '>': [{ var: 'runs.no-grace.metrics.bytesMoved' }, 0] },
        { '==': [{ var: 'runs.grace-5s.metrics.bytesMoved' }, 0] },
        { '>=': [{ 'trace.count': ['grace-5s', 'failover.graceSaved', {}] }, 1] },
      ],
    };
    const tune = {
      and: [
        { '==': [{ var: 'you.metrics.bytesMoved' }, 0] },
        { '<=': [{ var: 'you.params.rehomeGraceMs' }, 600] },
        {
          some: [
            { var: 'you.state.failoverEvents' },
            { and: [{ '==': [{ var: 'failedNode' }, 'n2'] }, { '==': [{ var: 'reReplicationAttempted' }, false] }] },
          ],
        },
      ],
    };
    expect(run(pointHolds)).toBe(true);
    expect(run(tune)).toBe(true);
  });
});
