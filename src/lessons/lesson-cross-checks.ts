import { COMMAND_TYPES, SETTABLE_PATH_NAMES, didYouMean, isCommandType, pathText } from '../engine/index';
import { checkExprProblems } from './check/check-syntax';
import type { Lesson, LessonRunTarget, LessonStep } from './lesson-types';
import { placeholdersIn } from './variables';

/**
 * A lesson's checks of fields against each other, on a lesson whose every field has passed the schema: step ids
 * are unique and everything that names a step names one of the right type, every check expression is sound,
 * every placeholder names a variable, every allowCommands entry names a command. Judged once, on the lesson as
 * written; what depends on a variant's values is lesson-variant-checks.ts's.
 */

/** Steps a grade or a solution can name. */
const GRADED_TYPES = new Set(['predict', 'task']);
/** Placeholders the player fills in from runs and predictions, not from variables. */
const RUNTIME_ROOTS = new Set(['runs', 'you', 'prediction']);

export function crossCheckLesson(lesson: Lesson, raw: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const byId = new Map<string, { step: LessonStep; index: number }>();
  lesson.steps.forEach((step, index) => {
    const at = `steps[${index}]`;
    const earlier = byId.get(step.id);
    if (earlier) problems.push(`${at}.id: "${step.id}" is already the id of steps[${earlier.index}]`);
    else byId.set(step.id, { step, index });
    problems.push(...stepProblems(step, at, index, byId));
  });
  problems.push(...placeholderProblems(lesson, raw));

  for (const [id, points] of Object.entries(lesson.grading.points ?? {})) {
    void points;
    const found = byId.get(id);
    if (!found) problems.push(`grading.points.${id}: no step has the id ${JSON.stringify(id)}${didYouMean(id, [...byId.keys()])}`);
    else if (!GRADED_TYPES.has(found.step.type)) {
      problems.push(`grading.points.${id}: step "${id}" is a ${found.step.type} step; points go to predict and task steps`);
    }
  }
  for (const [id, solution] of Object.entries(lesson.solution)) {
    const found = byId.get(id);
    const at = `solution.${id}`;
    if (!found) {
      problems.push(`${at}: no step has the id ${JSON.stringify(id)}${didYouMean(id, [...byId.keys()])}`);
      continue;
    }
    if (!GRADED_TYPES.has(found.step.type)) problems.push(`${at}: step "${id}" is a ${found.step.type} step; a solution answers predict and task steps`);
    if (found.step.type !== 'predict' && solution.prediction !== undefined) problems.push(`${at}.prediction: step "${id}" is not a predict step`);
    if (found.step.type !== 'task' && solution.commands !== undefined) problems.push(`${at}.commands: step "${id}" is not a task step`);
  }
  problems.push(...allowProblems(lesson.ui.allowCommands, 'ui.allowCommands'));
  if (lesson.variants.by === 'student' && lesson.variants.values.length === 0) {
    problems.push('variants.values: "by": "student" needs at least one set of values to pick from');
  }
  return problems;
}

function stepProblems(step: LessonStep, at: string, index: number, byId: Map<string, { step: LessonStep; index: number }>): string[] {
  const problems: string[] = [];
  const expr = (value: unknown, path: string) => problems.push(...checkExprProblems(value, path));
  const target = (value: LessonRunTarget | undefined, path: string) => {
    if (typeof value === 'object' && 'check' in value) expr(value.check, `${path}.check`);
  };
  switch (step.type) {
    case 'narrate':
      if (step.play) expr(step.play.until, `${at}.play.until`);
      if (step.advanceWhen !== undefined) expr(step.advanceWhen, `${at}.advanceWhen`);
      break;
    case 'predict': {
      if (!step.choices === !step.numeric) {
        problems.push(`${at}: a predict step needs ${step.choices ? 'either "choices" or "numeric", not both' : '"choices" or "numeric"'}`);
      }
      const seen = new Map<string, number>();
      step.choices?.forEach((choice, i) => {
        const first = seen.get(choice.id);
        if (first !== undefined) problems.push(`${at}.choices[${i}].id: "${choice.id}" is already the id of choices[${first}]`);
        else seen.set(choice.id, i);
      });
      break;
    }
    case 'observe': {
      const labels = new Map<string, number>();
      step.runs.forEach((run, i) => {
        const first = labels.get(run.label);
        if (first !== undefined) problems.push(`${at}.runs[${i}].label: "${run.label}" is already the label of runs[${first}]`);
        else labels.set(run.label, i);
      });
      target(step.until, `${at}.until`);
      step.compare.forEach((row, i) => expr(row.expr, `${at}.compare[${i}].expr`));
      break;
    }
    case 'task':
      expr(step.check, `${at}.check`);
      target(step.until, `${at}.until`);
      problems.push(...allowProblems(step.allowCommands, `${at}.allowCommands`));
      break;
    case 'explain':
      if (step.compareWithPrediction !== undefined) {
        const found = byId.get(step.compareWithPrediction);
        if (!found || found.step.type !== 'predict' || found.index >= index) {
          problems.push(`${at}.compareWithPrediction: "${step.compareWithPrediction}" is not a predict step before this one`);
        }
      }
      break;
    case 'assert':
      expr(step.check, `${at}.check`);
      break;
    case 'reflect':
      break;
  }
  return problems;
}

/** Each entry is a command kind (`node.crash`) or one settable path (`config.set:params.rehomeGraceMs`). */
function allowProblems(entries: readonly string[] | undefined, at: string): string[] {
  const problems: string[] = [];
  entries?.forEach((entry, i) => {
    const colon = entry.indexOf(':');
    const kind = colon < 0 ? entry : entry.slice(0, colon);
    if (!isCommandType(kind)) {
      problems.push(`${at}[${i}]: unknown command type ${JSON.stringify(kind)}${didYouMean(kind, COMMAND_TYPES)}`);
    } else if (colon >= 0 && kind !== 'config.set') {
      problems.push(`${at}[${i}]: only config.set narrows to a path ("config.set:params.rehomeGraceMs"); write ${JSON.stringify(kind)} alone`);
    } else if (colon >= 0) {
      const path = entry.slice(colon + 1);
      if (!SETTABLE_PATH_NAMES.includes(path)) problems.push(`${at}[${i}]: unknown path ${JSON.stringify(path)}${didYouMean(path, SETTABLE_PATH_NAMES)}`);
    }
  });
  return problems;
}

/**
 * Every `{{name}}` outside the variables themselves names a variable: one in `variables`, or one every variant
 * sets. `{{runs.…}}`, `{{you.…}}`, `{{prediction.…}}` are read from runs by the player.
 */
function placeholderProblems(lesson: Lesson, raw: Record<string, unknown>): string[] {
  const { variables: _variables, variants: _variants, ...rest } = raw;
  const values = lesson.variants.values;
  const everyVariant = values.length === 0 ? [] : Object.keys(values[0]).filter((name) => values.every((set) => name in set));
  const known = new Set([...Object.keys(lesson.variables), ...everyVariant]);
  const someVariant = new Set(values.flatMap((set) => Object.keys(set)));
  const problems: string[] = [];
  for (const use of placeholdersIn(rest)) {
    if (known.has(use.name) || RUNTIME_ROOTS.has(use.name.split('.')[0])) continue;
    const at = pathText(use.path);
    if (someVariant.has(use.name)) {
      const missing = values.findIndex((set) => !(use.name in set));
      problems.push(`${at}: {{${use.name}}} is not in "variables" and variants.values[${missing}] does not set it`);
    } else {
      const hint = didYouMean(use.name, [...known]);
      problems.push(`${at}: {{${use.name}}} names no variable${hint || (known.size === 0 ? ' (the lesson has no variables)' : ` (variables: ${[...known].join(', ')})`)}`);
    }
  }
  return problems;
}
