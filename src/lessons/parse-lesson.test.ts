import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLesson } from './parse-lesson';

const exampleText = readFileSync(join(import.meta.dirname, 'fixtures', 'grace-period-blip.json'), 'utf8');
const example = (): Record<string, unknown> => JSON.parse(exampleText) as Record<string, unknown>;
type Json = Record<string, unknown>;
const steps = (lesson: Json) => lesson.steps as Json[];

/** A small valid lesson over a built-in scenario. */
const minimal = (): Json => ({
  lesson: '1',
  id: 'tiny',
  title: 'Tiny',
  summary: 'One step.',
  objectives: ['Read one step'],
  minutes: 1,
  level: 'intro',
  source: '000',
  scenario: 'rehome-worked-example',
  steps: [{ id: 'hello', type: 'narrate', text: 'Hello.' }],
});

const problemsOf = (input: unknown): string[] => {
  const result = parseLesson(input);
  return result.ok ? [] : result.problems;
};

describe('parseLesson: the worked example (teaching-embed.md §2.4)', () => {
  it('parses as text and as a value, with defaults filled in', () => {
    for (const input of [exampleText, example()]) {
      const result = parseLesson(input);
      expect(result.ok ? [] : result.problems).toEqual([]);
      if (!result.ok) return;
      expect(result.lesson.variants.by).toBe('student');
      expect(result.lesson.variants.values).toHaveLength(3);
      expect(result.lesson.grading).toEqual({ predictionCredit: 'participation', points: { predict: 1, tune: 2, transfer: 1 }, passAt: 0.75 });
      expect(result.lesson.steps.map((s) => s.type)).toEqual(['narrate', 'narrate', 'predict', 'observe', 'assert', 'explain', 'task', 'predict', 'reflect']);
      // Placeholders stay until a variant is applied.
      expect((result.lesson.scenario as Json).timeline).toEqual([
        { atMs: 5000, command: { type: 'link.cut', a: '{{node}}', b: 'cp' } },
        { atMs: '{{healAtMs}}', command: { type: 'link.heal', a: '{{node}}', b: 'cp' } },
      ]);
    }
  });

  it('fills the defaults of a minimal lesson', () => {
    const result = parseLesson(minimal());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.lesson.variables).toEqual({});
    expect(result.lesson.variants).toEqual({ by: 'none', values: [] });
    expect(result.lesson.grading).toEqual({ predictionCredit: 'participation', passAt: 0.5 });
    expect(result.lesson.ui).toEqual({
      panels: ['cluster', 'metrics', 'log', 'playback', 'failover', 'inspector', 'placement'],
      controls: 'all',
      lockTimeline: false,
    });
    expect(result.lesson.solution).toEqual({});
  });
});

describe('parseLesson: every problem named by its field path, nothing half-loaded', () => {
  it('names fields of the wrong shape and unknown ones', () => {
    const lesson: Json = { ...minimal(), minutes: 0, level: 'expert', colour: 'blue' };
    delete lesson.source;
    expect(problemsOf(lesson)).toEqual([
      'unknown field "colour"',
      'minutes: must be a whole number from 1 to 600, got 0',
      'level: must be "intro", "core" or "advanced", got "expert"',
      'source: required — "000", "001", "002" or "003"',
    ]);
  });

  it('names a step by index and its field', () => {
    const lesson = minimal();
    lesson.steps = [
      { id: 'a', type: 'narrate', text: 'x' },
      { id: 'b', type: 'predict', prompt: 'Which?', choices: [{ id: 'x', text: 'X' }, { id: 'y', text: 'Y', extra: 1 }] },
      { id: 'c', type: 'teleport' },
      { id: 'd', type: 'task', prompt: 'Do it' },
    ];
    expect(problemsOf(lesson)).toEqual([
      'unknown field "steps[1].choices[1].extra"',
      'steps[2]: unknown step type "teleport" (known: narrate, predict, observe, task, explain, reflect, assert)',
      'steps[3].check: required — a check expression',
    ]);
  });

  it('refuses duplicate step ids, and solutions and points that name no step of the right type', () => {
    const lesson = minimal();
    lesson.steps = [
      { id: 'a', type: 'narrate', text: 'x' },
      { id: 'a', type: 'reflect', prompt: 'Why?' },
      { id: 'p', type: 'predict', prompt: 'Which?', choices: [{ id: 'x', text: 'X' }, { id: 'y', text: 'Y' }], answer: 'z' },
      { id: 'e', type: 'explain', text: 'Because.', compareWithPrediction: 'a' },
    ];
    lesson.solution = { p: { prediction: 'q' }, ghost: { commands: ['node.crash:n3'] } };
    lesson.grading = { points: { a: 2, nope: 1 } };
    expect(problemsOf(lesson)).toEqual([
      'steps[1].id: "a" is already the id of steps[0]',
      'steps[2].answer: "z" is not one of its choices (x, y)',
      'steps[3].compareWithPrediction: "a" is not a predict step before this one',
      'grading.points.a: step "a" is a narrate step; points go to predict and task steps',
      'grading.points.nope: no step has the id "nope"',
      'solution.p.prediction: "q" is not one of the choices of step "p" (x, y)',
      'solution.ghost: no step has the id "ghost"',
    ]);
  });

  it('refuses a predict step with neither choices nor numeric', () => {
    const lesson = minimal();
    lesson.steps = [{ id: 'p', type: 'predict', prompt: 'How many?' }];
    expect(problemsOf(lesson)).toEqual(['steps[0]: a predict step needs "choices" or "numeric"']);
  });

  it('names a placeholder that names no variable', () => {
    const lesson = example();
    steps(lesson)[0].text = 'At 5 s {{nod}} drops.';
    expect(problemsOf(lesson)).toEqual(['steps[0].text: {{nod}} names no variable (did you mean "node"?)']);
  });

  it('lets explain text read run values ({{runs.…}}) without a variable', () => {
    const lesson = example();
    steps(lesson)[5].text = 'No grace moved {{runs.no-grace.metrics.bytesMoved}} bytes.';
    expect(problemsOf(lesson)).toEqual([]);
  });

  it('resolves every variant: a scenario problem names the variant and the field', () => {
    const lesson = example();
    (lesson.variants as { values: Json[] }).values[1].node = 'n9';
    expect(problemsOf(lesson)).toEqual([
      'variants.values[1]: scenario.timeline[0].command: link.cut: unknown endpoint "n9" (this cluster has n1…n6, plus "cp" for the control plane)',
      'variants.values[1]: scenario.timeline[1].command: link.heal: unknown endpoint "n9" (this cluster has n1…n6, plus "cp" for the control plane)',
    ]);
  });

  it('judges every check expression where it stands (check-syntax.ts)', () => {
    const lesson = example();
    (steps(lesson)[1].play as Json).until = { '>=': [1] };
    ((steps(lesson)[3].compare as Json[])[0]).expr = { 'trace.cnt': ['$run', 'copy.started', {}] };
    steps(lesson)[6].check = { '==': [1, 1], extra: 1 };
    expect(problemsOf(lesson)).toEqual([
      expect.stringMatching(/^steps\[1\]\.play\.until\.>=: /),
      expect.stringMatching(/^steps\[3\]\.compare\[0\]\.expr\.trace\.cnt: unknown operator "trace\.cnt"/),
      expect.stringMatching(/^steps\[6\]\.check: /),
    ]);
  });

  it('refuses an unknown built-in scenario', () => {
    expect(problemsOf({ ...minimal(), scenario: 'no-such-thing' })[0]).toMatch(/^scenario: unknown built-in scenario "no-such-thing" \(built-in: rehome-worked-example, /);
  });

  it('parses solution, observe and allowCommands command forms', () => {
    const lesson = example();
    (lesson.solution as Json).tune = { commands: ['config.set:params.rehomeGraceMs={{minGraceMs}}', 'node.crush:n1'] };
    const observe = steps(lesson)[3] as { runs: Json[] };
    observe.runs[0].commands = ['@2000:node.crash:n3', '@soon:node.crash:n3'];
    observe.runs[1].set = { 'params.rehomeGraceMs': -1, 'params.nope': 1 };
    steps(lesson)[6].allowCommands = ['config.set:params.rehomeGraceMs', 'node.smash', 'config.set:params.bogus'];
    const problems = problemsOf(lesson);
    expect(problems).toEqual([
      'steps[3].runs[0].commands[1]: expected "@<atMs>:<command>" with a time from 0 to 86400000 ms, got "@soon:node.crash:n3"',
      expect.stringMatching(/^steps\[3\]\.runs\[1\]\.set\["params\.rehomeGraceMs"\]: /),
      expect.stringMatching(/^steps\[3\]\.runs\[1\]\.set\["params\.nope"\]: /),
      expect.stringMatching(/^steps\[6\]\.allowCommands\[1\]: unknown command type "node\.smash"/),
      expect.stringMatching(/^steps\[6\]\.allowCommands\[2\]: unknown path "params\.bogus"/),
      expect.stringMatching(/^solution\.tune\.commands\[1\]: unknown command type "node\.crush"/),
    ]);
  });

  it('refuses a 5 MB lesson at once, naming the limit', () => {
    const big = JSON.stringify({ ...minimal(), summary: 'x'.repeat(5 * 1024 * 1024) });
    const value: unknown = JSON.parse(big);
    let started = performance.now();
    expect(problemsOf(big)).toEqual([`a lesson must be at most 1000000 characters, got ${big.length}`]);
    // Bounds for a loaded 2-core machine: text is refused by its length, a value after one JSON.stringify.
    expect(performance.now() - started).toBeLessThan(50);
    started = performance.now();
    expect(problemsOf(value)).toEqual([`a lesson must be at most 1000000 characters (as JSON), got ${big.length}`]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses a lesson nested too deeply to walk, naming where, instead of overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const text = JSON.stringify({ ...minimal(), steps: [{ id: 't', type: 'task', prompt: 'p', check: 0 }] }).replace('"check":0', `"check":${deep}`);
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^steps\[0\]\.check(\[0\])+: nested too deeply \(a lesson nests objects and lists at most 100 levels deep\)$/);
    expect(problems[0].length).toBeLessThan(500);
    // As a value too: judged before its size, since JSON.stringify of it would overflow the stack.
    const value = JSON.parse(JSON.stringify({ ...minimal(), variables: { x: 0 } }).replace('"x":0', `"x":${deep}`)) as unknown;
    expect(problemsOf(value)[0]).toMatch(/^variables\.x(\[0\])+: nested too deeply/);
    const cyclic: Json = minimal();
    cyclic.variables = { loop: cyclic };
    expect(problemsOf(cyclic)[0]).toMatch(/^variables\.loop\.variables\.loop[.\w]*: nested too deeply/);
  });

  it('reports a JSON syntax error by line and column', () => {
    expect(problemsOf('{"lesson": "1",\n  "id": }')).toEqual([
      'JSON syntax error at line 2, column 9: expected a value (object, list, string, number, true, false or null) but found "}"',
    ]);
  });

  it('lists at most 20 problems, then counts the rest', () => {
    const lesson = minimal();
    lesson.steps = Array.from({ length: 30 }, (_, i) => ({ id: `s${i}`, type: 'narrate', text: 5 }));
    const problems = problemsOf(lesson);
    expect(problems).toHaveLength(21);
    expect(problems[20]).toBe('…and 10 more problems');
  });
});
