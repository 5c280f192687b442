import { describe, expect, it } from 'vitest';
import { createSimulation, type Command, type Simulation } from '../engine/index';
import { getBuiltInScenario } from '../scenarios/registry';
import { MAX_PROPOSALS, proposeChecks, words, type RunMoment } from './propose-checks';
import { checkExprProblems } from './check/check-syntax';
import { evaluateCheck } from './check/evaluate-check';
import type { RunView } from './lesson-types';

/** A proposal evaluated by the check language itself, on one moment labelled `you` (the learner's run). */
function evaluateSubset(check: unknown, moment: RunMoment): unknown {
  const { state, trace } = moment;
  const you: RunView = { label: 'you', state, metrics: state.metrics, params: state.params, digest: '', eventCount: 0, timeMs: state.timeMs, trace, traceEvicted: {} };
  return evaluateCheck(check, { runs: { you }, prediction: {} });
}

/** The worked example without its own crash: the "teacher" crashes n3 after 2 s, as a recording would. */
function workedExample(): Simulation {
  const scenario = getBuiltInScenario('rehome-worked-example')!;
  return createSimulation({ scenario: { ...scenario, timeline: [] }, seed: scenario.seed });
}

const moment = (sim: Simulation): RunMoment => ({ state: sim.getState(), trace: sim.getTrace() });

function recordCrash(until: 'healthy' | number): { start: RunMoment; goal: RunMoment } {
  const sim = workedExample();
  sim.advanceBy(2000);
  const start = moment(sim);
  sim.dispatch({ type: 'node.crash', node: 'n3' } as Command);
  if (until === 'healthy') sim.runUntil('healthy', { maxMs: 300_000 });
  else sim.advanceBy(until);
  return { start, goal: moment(sim) };
}

describe('proposeChecks: a crash re-homed to healthy', () => {
  const { start, goal } = recordCrash('healthy');
  const proposals = proposeChecks(start, goal);
  const byId = new Map(proposals.map((p) => [p.id, p]));

  it('says bytes moved went 0 → 13,421,772,800 and asks for more than 0', () => {
    const p = byId.get('metric:bytesMoved');
    expect(p?.label).toBe('Bytes moved went 0 → 13,421,772,800 (check: more than 0)');
    expect(p?.check).toEqual({ '>': [{ var: 'you.metrics.bytesMoved' }, 0] });
  });

  it("names n3's belief and its process, each checked through the node list", () => {
    expect(byId.get('node:n3:health')?.label).toBe("cp's belief about n3 went ACTIVE → DEAD (check: n3 is DEAD)");
    expect(byId.get('node:n3:health')?.check).toEqual({
      some: [{ var: 'you.state.nodes' }, { and: [{ '==': [{ var: 'id' }, 'n3'] }, { '==': [{ var: 'health' }, 'DEAD'] }] }],
    });
    expect(byId.get('node:n3:up')?.label).toBe("n3's process went running → down (crashed) (check: n3 is down)");
  });

  it('proposes trace kinds that appeared, filtered by node when their entries name one', () => {
    expect(byId.get('trace:node.crashed:n3')?.check).toEqual({ '>=': [{ 'trace.count': ['you', 'node.crashed', { node: 'n3' }] }, 1] });
    // The user's own command is not a finding; heartbeats were there before the start.
    expect(proposals.some((p) => p.id.startsWith('trace:command'))).toBe(false);
    expect(proposals.some((p) => p.id.startsWith('trace:heartbeat'))).toBe(false);
  });

  it('keeps at most 12, the most telling first, and leaves per-node maps out', () => {
    expect(proposals.length).toBeLessThanOrEqual(MAX_PROPOSALS);
    expect(proposals.length).toBeGreaterThanOrEqual(6);
    expect(proposals[0].id).toBe('metric:bytesMoved');
    expect(proposals.some((p) => p.id === 'metric:rebuildTargetsByNode')).toBe(false);
  });

  it('every proposal is a valid check that holds at the goal and not at the start', () => {
    for (const p of proposals) {
      expect(checkExprProblems(p.check, p.id)).toEqual([]);
      expect([p.id, evaluateSubset(p.check, goal)]).toEqual([p.id, true]);
      expect([p.id, evaluateSubset(p.check, start)]).toEqual([p.id, false]);
    }
  });

  it('is the same list for the same two moments', () => {
    expect(proposeChecks(start, goal)).toEqual(proposals);
  });
});

describe('proposeChecks: a goal in the middle of the rebuild', () => {
  const { start, goal } = recordCrash(12_000);
  const proposals = proposeChecks(start, goal);

  it('counts shards that are now under-replicated or re-homing', () => {
    const shardIds = proposals.filter((p) => p.id.startsWith('shards:')).map((p) => p.id);
    expect(shardIds.length).toBeGreaterThanOrEqual(1);
    for (const p of proposals) expect([p.id, evaluateSubset(p.check, goal), evaluateSubset(p.check, start)]).toEqual([p.id, true, false]);
  });
});

describe('proposeChecks: nothing happened', () => {
  it('proposes nothing when the two moments are the same', () => {
    const sim = workedExample();
    sim.advanceBy(2000);
    const m = moment(sim);
    expect(proposeChecks(m, m)).toEqual([]);
  });
});

describe('words', () => {
  it('writes metric names as words', () => {
    expect(words('bytesMoved')).toBe('Bytes moved');
    expect(words('timeToRestoreRfMs')).toBe('Time to restore RF (ms)');
    expect(words('minCopies')).toBe('Min copies');
    expect(words('underReplicatedShardsTruth')).toBe('Under replicated shards (truth)');
  });
});
