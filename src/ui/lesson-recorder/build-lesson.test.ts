import { describe, expect, it } from 'vitest';
import { createSimulation, formatCliCommand, type Command, type Simulation } from '../../engine/index';
import { checkLesson } from '../../lessons/check-lesson';
import { parseLesson } from '../../lessons/parse-lesson';
import { proposeChecks, type RunMoment } from '../../lessons/propose-checks';
import { getBuiltInScenario } from '../../scenarios/registry';
import { allowedForm, buildLesson, lessonFileText, lessonIdFrom, type LessonTexts, type RecordedCommandText } from './build-lesson';

const TEXTS: LessonTexts = {
  title: 'A node dies: where do its shards go?',
  summary: 'Six nodes, 400 shards. You will crash n3 and watch its shards re-home.',
  objectives: ['Say where a dead node’s shards go'],
  minutes: 10,
  level: 'intro',
  source: '001',
  prompt: 'Crash n3, play until the cluster is healthy again, and press Check.',
  hints: ['Click n3, then Crash.', ''],
  explanation: 'Each survivor takes about 40 of n3’s 200 shards.',
  predict: null,
};

/** A teacher's session in the engine, as the console would record it: commands with their moments. */
class Teacher {
  readonly sim: Simulation;
  readonly commands: RecordedCommandText[] = [];
  constructor() {
    const scenario = getBuiltInScenario('rehome-worked-example')!;
    this.sim = createSimulation({ scenario: { ...scenario, timeline: [] }, seed: scenario.seed });
  }
  act(command: Command): void {
    this.commands.push({ atMs: this.sim.timeMs, afterEvent: this.sim.eventCount, cli: formatCliCommand(command) });
    this.sim.dispatch(command);
  }
  mark(): { moment: { timeMs: number; eventCount: number }; view: RunMoment } {
    return { moment: { timeMs: this.sim.timeMs, eventCount: this.sim.eventCount }, view: { state: this.sim.getState(), trace: this.sim.getTrace() } };
  }
}

function scenarioObject(): Record<string, unknown> {
  return { ...(getBuiltInScenario('rehome-worked-example') as unknown as Record<string, unknown>), timeline: [] };
}

describe('buildLesson: a recorded crash', () => {
  const teacher = new Teacher();
  teacher.sim.advanceBy(2000);
  const start = teacher.mark();
  teacher.act({ type: 'node.crash', node: 'n3' } as Command);
  teacher.sim.runUntil('healthy', { maxMs: 300_000 });
  const goal = teacher.mark();
  const proposals = proposeChecks(start.view, goal.view);
  const lesson = buildLesson({
    scenario: scenarioObject(),
    seed: teacher.sim.getState().seed,
    commands: teacher.commands,
    setupTimeline: [],
    start: start.moment,
    goal: goal.moment,
    checks: [proposals[0].check, proposals[1].check],
    texts: TEXTS,
  });
  const text = lessonFileText(lesson);

  it('writes a lesson the parser accepts, with the crash as the solution', () => {
    const parsed = parseLesson(text);
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    expect(lesson.solution).toEqual({ task: { commands: ['node.crash:n3'] } });
    expect(lesson.steps.map((s) => s.type)).toEqual(['narrate', 'task', 'explain']);
  });

  it('plays the learner to the moment the teacher acted, and walks the task to the goal', () => {
    expect(lesson.steps[0]).toMatchObject({ play: { until: { '>=': [{ var: 'you.timeMs' }, 2000] } } });
    expect(lesson.steps[1]).toMatchObject({ allowCommands: ['node.crash'], until: { timeMs: goal.moment.timeMs }, hints: ['Click n3, then Crash.'] });
  });

  it('passes lesson check: the solution passes the ticked checks, the empty answer fails them', () => {
    const report = checkLesson(text);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });
});

describe('buildLesson: setup before the start, and a prediction', () => {
  const teacher = new Teacher();
  teacher.act({ type: 'config.set', path: 'params.rehomeGraceMs', value: 20000 } as Command);
  teacher.sim.advanceBy(1000);
  const start = teacher.mark();
  teacher.act({ type: 'node.crash', node: 'n3' } as Command);
  teacher.sim.advanceBy(15_000);
  const goal = teacher.mark();
  const proposals = proposeChecks(start.view, goal.view);
  const setupTimeline = [{ atMs: 0, command: { type: 'config.set', path: 'params.rehomeGraceMs', value: 20000 } }];
  const lesson = buildLesson({
    scenario: scenarioObject(),
    seed: 1,
    commands: teacher.commands,
    setupTimeline,
    start: start.moment,
    goal: goal.moment,
    checks: [proposals.find((p) => p.id === 'node:n3:health')!.check],
    texts: { ...TEXTS, predict: { prompt: 'Are n3’s shards copied at once?', choices: ['Yes', 'No: the grace period holds them', ''], answer: 1 } },
  });

  it('puts the setup in the scenario’s timeline and only the crash in the solution', () => {
    expect((lesson.scenario as { timeline: unknown[] }).timeline).toEqual(setupTimeline);
    expect(lesson.solution.task.commands).toEqual(['node.crash:n3']);
  });

  it('asks the prediction before the task, with its answer as the solution', () => {
    expect(lesson.steps.map((s) => s.id)).toEqual(['intro', 'predict', 'task', 'explain']);
    expect(lesson.steps[1]).toMatchObject({ choices: [{ id: 'a' }, { id: 'b' }], answer: 'b' });
    expect(lesson.solution.predict).toEqual({ prediction: 'b' });
    expect(lesson.steps[3]).toMatchObject({ compareWithPrediction: 'predict' });
  });

  it('passes lesson check', () => {
    expect(checkLesson(lessonFileText(lesson)).problems).toEqual([]);
  });
});

describe('names', () => {
  it('allows a command kind, or config.set with its path', () => {
    expect(allowedForm('node.crash:n3')).toBe('node.crash');
    expect(allowedForm('config.set:params.rehomeGraceMs=600')).toBe('config.set:params.rehomeGraceMs');
    expect(allowedForm('network.heal')).toBe('network.heal');
  });
  it('makes a lesson id from the title', () => {
    expect(lessonIdFrom('A node dies: where do its shards go?')).toBe('a-node-dies-where-do-its-shards-go');
    expect(lessonIdFrom('¿?')).toBe('recorded-lesson');
  });
});

describe('buildLesson: a second fault later in the run', () => {
  const teacher = new Teacher();
  const start = teacher.mark();
  teacher.act({ type: 'node.crash', node: 'n3' } as Command);
  teacher.sim.advanceBy(12_000);
  teacher.act({ type: 'node.crash', node: 'n4' } as Command);
  teacher.sim.runUntil('healthy', { maxMs: 300_000 });
  const goal = teacher.mark();
  const proposals = proposeChecks(start.view, goal.view);
  const lesson = buildLesson({
    scenario: scenarioObject(),
    seed: 1,
    commands: teacher.commands,
    setupTimeline: [],
    start: start.moment,
    goal: goal.moment,
    checks: [proposals.find((p) => p.id === 'node:n4:health')!.check, proposals.find((p) => p.id === 'metric:bytesMoved')!.check],
    texts: TEXTS,
  });

  it('gives both crashes, in order, as plain CLI forms (a solution holds no times)', () => {
    expect(lesson.solution.task.commands).toEqual(['node.crash:n3', 'node.crash:n4']);
  });

  it('passes lesson check', () => {
    expect(checkLesson(lessonFileText(lesson)).problems).toEqual([]);
  });
});
