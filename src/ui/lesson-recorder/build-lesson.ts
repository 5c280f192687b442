import type { CheckExpr, Lesson, LessonSource, LessonStep } from '../../lessons/lesson-types';

/**
 * A recording turned into a lesson file (teaching-embed.md §2.9). Pure: the recorder panel gathers the moments and
 * the teacher's words, this writes the JSON.
 *
 * The lesson it writes:
 *   intro   (narrate)  the summary; plays the learner's run to the moment the teacher acted, when that was after 0 s
 *   predict (predict)  optional: the teacher's question and choices, before the learner acts
 *   task    (task)     the prompt; the ticked checks (all must hold); the recorded commands as its solution, the
 *                      command kinds as what the learner may use; the walker plays to the goal's time, then checks
 *   explain (explain)  optional: the explanation, beside the prediction when there is one
 * Commands given before the recording started are setup: they become the scenario's own timeline.
 */

/** A command as the console recorded it (share-URL syntax: the CLI form, its time and the events before it). */
export interface RecordedCommandText {
  atMs: number;
  afterEvent: number;
  /** The CLI form, `node.crash:n3`. */
  cli: string;
}

export interface Moment {
  timeMs: number;
  eventCount: number;
}

export interface LessonTexts {
  title: string;
  summary: string;
  objectives: string[];
  minutes: number;
  level: Lesson['level'];
  source: LessonSource;
  prompt: string;
  hints: string[];
  explanation: string;
  /** Optional prediction: a question, its choices, and the index of the right one. */
  predict: { prompt: string; choices: string[]; answer: number } | null;
}

export interface RecordingInput {
  /** A built-in scenario id, or a scenario object in the scenario-file format. */
  scenario: string | Record<string, unknown>;
  seed: number;
  /** Every command the console's run holds at the goal, in order (before the start too). */
  commands: readonly RecordedCommandText[];
  /** Setup commands as scenario timeline entries (the caller parses the CLI form): one per command before the start. */
  setupTimeline: readonly { atMs: number; command: unknown }[];
  start: Moment;
  goal: Moment;
  checks: readonly CheckExpr[];
  texts: LessonTexts;
}

/** Commands given at or after the start mark, up to the goal: what the learner is to do. */
export function recordedCommands(commands: readonly RecordedCommandText[], start: Moment, goal: Moment): RecordedCommandText[] {
  return commands.filter((c) => c.afterEvent >= start.eventCount && c.afterEvent <= goal.eventCount && c.atMs >= start.timeMs);
}

/** Commands given before the start mark: the setup the learner starts from. */
export function setupCommands(commands: readonly RecordedCommandText[], start: Moment): RecordedCommandText[] {
  return commands.filter((c) => c.afterEvent < start.eventCount || c.atMs < start.timeMs);
}

/** `node.crash:n3` → `node.crash`; `config.set:params.rehomeGraceMs=600` → `config.set:params.rehomeGraceMs`. */
export function allowedForm(cli: string): string {
  const colon = cli.indexOf(':');
  const kind = colon < 0 ? cli : cli.slice(0, colon);
  if (kind !== 'config.set') return kind;
  const rest = cli.slice(colon + 1);
  const eq = rest.indexOf('=');
  return `config.set:${eq < 0 ? rest : rest.slice(0, eq)}`;
}

/** A lesson id from its title: lowercase letters, digits and "-" (the lesson-id rule). */
export function lessonIdFrom(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'recorded-lesson';
}

const CHOICE_IDS = 'abcdefghijklmnopqrstuvwxyz';

export function buildLesson(input: RecordingInput): Lesson {
  const { texts } = input;
  const done = recordedCommands(input.commands, input.start, input.goal);
  const actAtMs = done.length > 0 ? done[0].atMs : input.start.timeMs;
  const scenario = withSetup(input.scenario, input.setupTimeline);
  const predict = texts.predict && texts.predict.choices.filter((c) => c.trim()).length >= 2 && texts.predict.prompt.trim() ? texts.predict : null;

  const steps: LessonStep[] = [];
  steps.push({
    id: 'intro',
    type: 'narrate',
    text: texts.summary,
    // Narration advances on model events (§2.1): the run plays until the moment the teacher acted, then pauses.
    ...(actAtMs > 0 ? { play: { until: { '>=': [{ var: 'you.timeMs' }, actAtMs] } } } : {}),
  });
  if (predict) {
    const choices = predict.choices.filter((c) => c.trim()).map((text, i) => ({ id: CHOICE_IDS[i], text: text.trim() }));
    steps.push({
      id: 'predict',
      type: 'predict',
      prompt: predict.prompt.trim(),
      choices,
      answer: choices[Math.min(Math.max(predict.answer, 0), choices.length - 1)].id,
      why: true,
    });
  }
  const check: CheckExpr = input.checks.length === 1 ? input.checks[0] : { and: [...input.checks] };
  const hints = texts.hints.map((h) => h.trim()).filter(Boolean);
  steps.push({
    id: 'task',
    type: 'task',
    prompt: texts.prompt.trim(),
    allowCommands: [...new Set(done.map((c) => allowedForm(c.cli)))],
    check,
    ...(hints.length > 0 ? { hints } : {}),
    points: 2,
    // The goal's moment, so the walker checks where the teacher ticked the checks.
    until: { timeMs: input.goal.timeMs },
  });
  if (texts.explanation.trim()) {
    steps.push({
      id: 'explain',
      type: 'explain',
      text: texts.explanation.trim(),
      ...(predict ? { compareWithPrediction: 'predict' } : {}),
    });
  }

  const predictStep = steps.find((s) => s.type === 'predict');
  return {
    lesson: '1',
    id: lessonIdFrom(texts.title),
    title: texts.title.trim(),
    summary: texts.summary.trim(),
    objectives: texts.objectives.map((o) => o.trim()).filter(Boolean),
    minutes: texts.minutes,
    level: texts.level,
    source: texts.source,
    scenario,
    seed: input.seed,
    variables: {},
    variants: { by: 'none', values: [] },
    ui: {},
    steps,
    grading: {
      predictionCredit: 'participation',
      points: predictStep ? { predict: 1, task: 2 } : { task: 2 },
      passAt: 0.5,
    },
    solution: {
      task: { commands: solutionCommands(done) },
      ...(predictStep && predictStep.type === 'predict' ? { predict: { prediction: predictStep.answer } } : {}),
    },
  };
}

/**
 * The solution's command forms, in order. They are given one after another when the task starts (the intro step has
 * played the run to the first one's moment): lesson solutions hold plain CLI forms (lessons-contract.md decision 7),
 * so a later command cannot wait for its own moment. The panel says so when the recording has more than one moment.
 */
export function solutionCommands(done: readonly RecordedCommandText[]): string[] {
  return done.map((c) => c.cli);
}

/** The scenario with the setup commands added to its own timeline (an id becomes the caller's object then). */
function withSetup(scenario: string | Record<string, unknown>, setup: readonly { atMs: number; command: unknown }[]): string | Record<string, unknown> {
  if (setup.length === 0) return scenario;
  if (typeof scenario === 'string') throw new Error('buildLesson: setup commands need the scenario as an object');
  const timeline = Array.isArray(scenario.timeline) ? (scenario.timeline as unknown[]) : [];
  return { ...scenario, timeline: [...timeline, ...setup] };
}

/** The file a teacher downloads: two-space JSON with a final newline (as the gallery's files are written). */
export function lessonFileText(lesson: Lesson): string {
  return `${JSON.stringify(lesson, null, 2)}\n`;
}

/** `?lessonJson=` carries the file as base64url (UTF-8), as `scenarioJson` does. */
export function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
