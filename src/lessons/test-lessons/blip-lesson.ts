import { parseScenario } from '../../scenarios/parse-scenario';
import type { Lesson, ResolvedLesson } from '../lesson-types';

/**
 * The worked example of teaching-embed.md §2.4 (variant 0's values filled in by hand) for tests of the headless
 * runs that must not wait on the parser: a lesson object and its resolved form.
 */
export function blipScenario(node = 'n2', healAtMs = 7000) {
  return {
    id: 'blip-grace', title: 'Six nodes, one short network blip', seed: 7,
    nodes: 6, racks: 3, shards: 120, replicationFactor: 3,
    params: { heartbeatIntervalMs: 250, suspectAfterMs: 750, deadAfterMs: 1500, rehomeGraceMs: 0 },
    timeline: [
      { atMs: 5000, command: { type: 'link.cut', a: node, b: 'cp' } },
      { atMs: healAtMs, command: { type: 'link.heal', a: node, b: 'cp' } },
    ],
  };
}

export function blipLesson(minGraceMs = 600, node = 'n2'): Lesson {
  return {
    lesson: '1', id: 'grace-period-blip', title: 'Why wait before re-homing? A short blip', summary: 's', objectives: ['Explain what a grace period saves'], minutes: 12,
    level: 'intro', source: '001', scenario: blipScenario(node), variables: {}, variants: { by: 'none', values: [] }, ui: {},
    steps: [
      { id: 'setup', type: 'narrate', text: 'Six nodes' },
      { id: 'blip', type: 'narrate', text: 'Press play', play: { until: { '>=': [{ 'trace.count': ['you', 'node.declaredDead', { node }] }, 1] } } },
      { id: 'predict', type: 'predict', prompt: 'What happens?', choices: [{ id: 'a', text: 'a' }, { id: 'b', text: 'b' }], answer: 'b', why: true },
      {
        id: 'observe', type: 'observe', until: 'healthy',
        runs: [{ label: 'no-grace', set: { 'params.rehomeGraceMs': 0 } }, { label: 'grace-5s', set: { 'params.rehomeGraceMs': 5000 } }],
        compare: [
          { label: 'copies started', expr: { 'trace.count': ['$run', 'copy.started', {}] } },
          { label: 'bytes moved', expr: { var: 'runs.$run.metrics.bytesMoved' }, unit: 'bytes' },
          { label: 'grace saved the copy?', expr: { '>=': [{ 'trace.count': ['$run', 'failover.graceSaved', {}] }, 1] } },
          { label: 'healthy again at', expr: { var: 'runs.$run.state.timeMs' }, unit: 'ms' },
        ],
      },
      {
        id: 'point-holds', type: 'assert', role: 'lesson-invariant',
        check: { and: [
          { '>': [{ var: 'runs.no-grace.metrics.bytesMoved' }, 0] },
          { '==': [{ var: 'runs.grace-5s.metrics.bytesMoved' }, 0] },
          { '>=': [{ 'trace.count': ['grace-5s', 'failover.graceSaved', {}] }, 1] },
        ] },
      },
      { id: 'explain', type: 'explain', compareWithPrediction: 'predict', text: 'With no grace period…' },
      {
        id: 'tune', type: 'task', prompt: 'Set the smallest grace period that moves no data.', allowCommands: ['config.set:params.rehomeGraceMs'],
        check: { and: [
          { '==': [{ var: 'you.metrics.bytesMoved' }, 0] },
          { '<=': [{ var: 'you.params.rehomeGraceMs' }, minGraceMs] },
          { some: [{ var: 'you.state.failoverEvents' }, { and: [{ '==': [{ var: 'failedNode' }, node] }, { '==': [{ var: 'reReplicationAttempted' }, false] }] }] },
        ] },
        hints: ['Find node.declaredDead'],
      },
      { id: 'transfer', type: 'predict', prompt: '10 s?', choices: [{ id: 'a', text: 'a' }, { id: 'b', text: 'b' }], answer: 'b', why: true },
      { id: 'wrap', type: 'reflect', prompt: 'In one sentence' },
    ],
    grading: { predictionCredit: 'participation', points: { predict: 1, tune: 2, transfer: 1 }, passAt: 0.75 },
    solution: {
      predict: { prediction: 'b' },
      tune: { commands: [`config.set:params.rehomeGraceMs=${minGraceMs}`] },
      transfer: { prediction: 'b' },
    },
  };
}

export function resolvedBlip(minGraceMs = 600): ResolvedLesson {
  const lesson = blipLesson(minGraceMs);
  const parsed = parseScenario(lesson.scenario);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return { lesson, variant: 0, values: {}, scenario: parsed.scenario, seed: 7 };
}
