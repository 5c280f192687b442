import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../engine/index';
import { getBuiltInScenarioData } from '../../scenarios/built-in-registry';
import { runViewOf } from './run-view';
import { evaluateCheck } from './evaluate-check';

describe('runViewOf', () => {
  const scenario = getBuiltInScenarioData('rehome-worked-example')!;

  it('reads a real run: what a learner sees after n3 dies and its shards re-home', () => {
    const sim = createSimulation({ scenario });
    sim.runUntil('healthy');
    const scope = { runs: { you: runViewOf('you', sim) }, prediction: {} };
    expect(evaluateCheck({ '>=': [{ 'trace.count': ['you', 'node.declaredDead', { node: 'n3' }] }, 1] }, scope)).toBe(true);
    expect(evaluateCheck({ var: 'you.node' }, scope)).toBeNull();
    expect(evaluateCheck({ var: 'you.state.timeMs' }, scope)).toBe(sim.timeMs);
    expect(evaluateCheck({ '>': [{ var: 'you.metrics.bytesMoved' }, 0] }, scope)).toBe(true);
    expect(evaluateCheck({ '==': [{ var: 'you.params.deadAfterMs' }, sim.getState().params.deadAfterMs] }, scope)).toBe(true);
    expect(evaluateCheck({ var: 'you.health' }, scope)).toBeNull();
    expect(evaluateCheck({ node: ['you', 'n3'] }, scope)).toMatchObject({ id: 'n3', up: false, health: 'DEAD' });
    expect(evaluateCheck({ var: 'you.digest' }, scope)).toBe(sim.digest());
  });

  it('builds the whole state only when a check reads it, and once', () => {
    const sim = createSimulation({ scenario });
    let built = 0;
    const getState = sim.getState.bind(sim);
    sim.getState = (options) => {
      built++;
      return getState(options);
    };
    const view = runViewOf('you', sim);
    void view.metrics;
    void view.digest;
    void view.trace;
    expect(built).toBe(0);
    void view.state;
    void view.params;
    void view.state.nodes;
    expect(built).toBe(1);
    expect(Object.keys(view)).toEqual(['label', 'state', 'metrics', 'params', 'digest', 'eventCount', 'timeMs', 'trace', 'traceEvicted']);
  });
});

describe('trace checks past the kept trace window', () => {
  it('an unfiltered count adds what fell out; a filtered one or a first entry is a CheckError saying why', () => {
    const scenario = getBuiltInScenarioData('rehome-worked-example')!;
    const sim = createSimulation({ scenario, traceWindowEntries: 50 });
    sim.runUntil('healthy');
    const full = createSimulation({ scenario });
    full.runUntil('healthy');
    const scope = { runs: { you: runViewOf('you', sim) }, prediction: {} };
    const truth = full.getTrace().filter((t) => t.kind === 'heartbeat.sent').length;
    expect(truth).toBeGreaterThan(50);
    expect(evaluateCheck({ 'trace.count': ['you', 'heartbeat.sent', {}] }, scope)).toBe(truth);
    expect(() => evaluateCheck({ 'trace.count': ['you', 'heartbeat.sent', { node: 'n1' }] }, scope)).toThrow(
      /^trace\.count: \d+ "heartbeat\.sent" entries of run "you" fell out of the kept trace window, so a filtered count cannot be known/,
    );
    expect(() => evaluateCheck({ 'trace.first': ['you', 'heartbeat.sent'] }, scope)).toThrow(/so the first one cannot be known/);
  });
});
