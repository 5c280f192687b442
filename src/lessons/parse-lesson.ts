import { checkShape, describeProblem, describeValue, listProblems } from '../engine/index';
import { parseJsonText } from '../scenarios/parse-json';
import { crossCheckLesson } from './lesson-cross-checks';
import { MAX_LESSON_CHARS, MAX_LESSON_DEPTH } from './lesson-limits';
import { LESSON_FIELDS, LESSON_PANELS, LessonSchema } from './lesson-schema';
import type { Lesson, LessonStep } from './lesson-types';
import { variantProblems } from './lesson-variant-checks';
import { tooDeepAt } from './nesting';

/**
 * Validates a lesson file (teaching-embed.md §2.2, lessons-contract.md) and fills in its defaults, the way
 * parseScenario does for scenarios: every problem names its field by path (`steps[3].choices[1].id: …`), in the
 * order of the file, and any problem means no lesson. The schema (lesson-schema.ts) judges each field; then
 * lesson-cross-checks.ts judges fields against each other and lesson-variant-checks.ts resolves every variant.
 * A lesson too big to be one is refused before it is read.
 */

export type LessonParseResult = { ok: true; lesson: Lesson } | { ok: false; problems: string[] };

/** Accepts JSON text or a parsed value. */
export function parseLesson(input: unknown): LessonParseResult {
  let raw = input;
  if (typeof input === 'string') {
    if (input.length > MAX_LESSON_CHARS) return refuse(`a lesson must be at most ${MAX_LESSON_CHARS} characters, got ${input.length}`);
    const json = parseJsonText(input);
    if (!json.ok) return refuse(json.problem);
    raw = json.value;
  } else {
    // Depth first: it is iterative and also ends a cycle, where measuring the JSON would overflow or never end.
    const deep = tooDeepAt(input, MAX_LESSON_DEPTH);
    if (deep !== null) return refuse(tooDeep(deep));
    const size = jsonLength(input);
    if (typeof size === 'string') return refuse(size);
    if (size > MAX_LESSON_CHARS) return refuse(`a lesson must be at most ${MAX_LESSON_CHARS} characters (as JSON), got ${size}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return refuse(`a lesson must be a JSON object, got ${describeValue(raw)}`);
  const deep = typeof input === 'string' ? tooDeepAt(raw, MAX_LESSON_DEPTH) : null;
  if (deep !== null) return refuse(tooDeep(deep));

  const shape = checkShape(LessonSchema, raw);
  if (!shape.ok) return { ok: false, problems: listProblems(shape.problems.map((p) => describeProblem(p)), shape.stopped) };
  const lesson = withDefaults(shape.value);
  const problems = inReadingOrder(lesson, [...crossCheckLesson(lesson, raw as Record<string, unknown>), ...variantProblems(lesson)]);
  return problems.length > 0 ? { ok: false, problems: listProblems(problems) } : { ok: true, lesson };
}

const refuse = (problem: string): LessonParseResult => ({ ok: false, problems: [problem] });
const tooDeep = (at: string) => `${at === '' ? 'the lesson' : at}: nested too deeply (a lesson nests objects and lists at most ${MAX_LESSON_DEPTH} levels deep)`;

/** The value's length as JSON text, or why it has none (a cycle, a BigInt) — measured before anything walks it. */
function jsonLength(value: unknown): number | string {
  try {
    return (JSON.stringify(value) ?? '').length;
  } catch (error) {
    return `a lesson must be plain JSON data: ${(error as Error).message}`;
  }
}

type ValidLesson = Extract<ReturnType<typeof checkShape<typeof LessonSchema>>, { ok: true }>['value'];

function withDefaults(valid: ValidLesson): Lesson {
  const values = valid.variants?.values ?? [];
  const ui = valid.ui ?? {};
  const grading = valid.grading ?? {};
  return {
    lesson: valid.lesson,
    id: valid.id,
    title: valid.title,
    summary: valid.summary,
    objectives: valid.objectives,
    minutes: valid.minutes,
    level: valid.level,
    source: valid.source,
    ...(valid.authors === undefined ? {} : { authors: valid.authors }),
    ...(valid.license === undefined ? {} : { license: valid.license }),
    scenario: valid.scenario,
    ...(valid.seed === undefined ? {} : { seed: valid.seed }),
    variables: valid.variables ?? {},
    // Values given without `by` are meant per student; none at all is the variables alone.
    variants: { by: valid.variants?.by ?? (values.length > 0 ? 'student' : 'none'), values },
    ui: {
      panels: ui.panels ?? [...LESSON_PANELS],
      controls: ui.controls ?? 'all',
      ...(ui.allowCommands === undefined ? {} : { allowCommands: ui.allowCommands }),
      lockTimeline: ui.lockTimeline ?? false,
      ...(ui.start === undefined ? {} : { start: ui.start }),
    },
    steps: valid.steps as LessonStep[],
    grading: {
      ...(grading.points === undefined ? {} : { points: grading.points }),
      predictionCredit: grading.predictionCredit ?? 'participation',
      passAt: grading.passAt ?? 0.5,
    },
    solution: valid.solution ?? {},
  };
}

/**
 * Cross-field problems in the order of the file: by top-level field, then step index (stable within one place).
 * A variant's problem sorts by the field it names after its `variants.values[i]: ` prefix.
 */
function inReadingOrder(lesson: Lesson, problems: string[]): string[] {
  const solutionKeys = Object.keys(lesson.solution);
  const rank = (line: string): [number, number] => {
    const inner = line.replace(/^variants\.values\[\d+\]: /, '');
    const field = /^[$\w]+/.exec(inner)?.[0] ?? '';
    const step = /^steps\[(\d+)\]/.exec(inner);
    const solution = /^solution\.([\w-]+)/.exec(inner);
    const index = LESSON_FIELDS.indexOf(field);
    return [index < 0 ? LESSON_FIELDS.length : index, step ? Number(step[1]) : solution ? solutionKeys.indexOf(solution[1]) : -1];
  };
  return problems
    .map((line, order) => ({ line, order, rank: rank(line) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.order - b.order)
    .map((entry) => entry.line);
}
