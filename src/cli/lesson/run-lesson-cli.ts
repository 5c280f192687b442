import { builtInLessonIds, getBuiltInLessonText, listBuiltInLessons } from '../../lessons/built-in-lessons';
import { checkLesson, type LessonCheckReport } from '../../lessons/check-lesson';
import { gradeResult } from '../../lessons/grade';
import type { GradeRow } from '../../lessons/lesson-types';
import { decodeResult } from '../../lessons/result-url';
import { gradeCsv, type SourcedRow } from './grade-csv';
import { isResultFile, resultsInFile, type ResultInput } from './grade-inputs';
import { LESSON_USAGE, parseLessonArgs } from './lesson-args';

/**
 * The whole `npm run lesson` flow with its outside world passed in, so tests drive it with fakes.
 * Exit codes: 0 done, 1 a lesson failed its check (or an internal error), 2 bad input.
 */
export interface LessonCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a UTF-8 text file; throws with a readable message when it cannot. */
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
}

export const LESSON_EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

export function runLessonCli(argv: readonly string[], io: LessonCliIo): number {
  const args = parseLessonArgs(argv);
  if (args.kind === 'help') {
    io.stdout(LESSON_USAGE);
    return LESSON_EXIT.ok;
  }
  if (args.kind === 'error') return badInput(io, args.errors);
  if (args.kind === 'list') return list(io, args.json);
  if (args.kind === 'check') return check(io, args.target, args.json);
  return grade(io, args);
}

function list(io: LessonCliIo, json: boolean): number {
  const lessons = listBuiltInLessons();
  if (json) io.stdout(JSON.stringify(lessons, null, 2));
  else if (lessons.length === 0) io.stdout('No built-in lessons.');
  else {
    const width = Math.max(...lessons.map((l) => l.id.length));
    io.stdout(`${'id'.padEnd(width)}  source  minutes  title`);
    for (const l of lessons) io.stdout(`${l.id.padEnd(width)}  ${l.source.padEnd(6)}  ${String(l.minutes).padStart(7)}  ${l.title}`);
  }
  return LESSON_EXIT.ok;
}

function check(io: LessonCliIo, target: string, json: boolean): number {
  const names = target === 'all' ? builtInLessonIds() : [target];
  const texts: { name: string; text: string }[] = [];
  for (const name of names) {
    const text = lessonText(name, io);
    if (typeof text !== 'string') return badInput(io, [text.error]);
    texts.push({ name, text });
  }
  const reports: (LessonCheckReport & { lesson: string })[] = texts.map(({ name, text }) => ({ lesson: name, ...checkLesson(text) }));
  if (json) io.stdout(JSON.stringify(reports, null, 2));
  else {
    for (const r of reports) io.stdout(r.ok ? `✓ ${r.lesson}: ${passSummary(r)}` : `✗ ${r.lesson}\n${r.problems.map((p) => `    ${p}`).join('\n')}`);
    const failed = reports.filter((r) => !r.ok).length;
    io.stdout(`${reports.length - failed} of ${reports.length} lesson${reports.length === 1 ? '' : 's'} passed${failed ? `; ${failed} failed` : ''}.`);
  }
  return reports.every((r) => r.ok) ? LESSON_EXIT.ok : LESSON_EXIT.failed;
}

function passSummary(report: LessonCheckReport): string {
  const v = report.variants.length;
  const tasks = report.variants[0]?.solution.length ?? 0;
  const asserts = report.variants[0]?.asserts.length ?? 0;
  return `${v} variant${v === 1 ? '' : 's'}; the solution passes ${tasks} task${tasks === 1 ? '' : 's'} and ${asserts} assert${asserts === 1 ? '' : 's'}; an empty answer fails every task`;
}

function grade(io: LessonCliIo, args: { lesson: string; inputs: string[]; json: boolean; csv: string | null }): number {
  const text = lessonText(args.lesson, io);
  if (typeof text !== 'string') return badInput(io, [text.error]);
  const inputs: ResultInput[] = [];
  const errors: string[] = [];
  args.inputs.forEach((arg, i) => {
    if (!isResultFile(arg)) return void inputs.push({ source: `argument ${i + 2}`, text: arg });
    try {
      inputs.push(...resultsInFile(arg, io.readFile(arg)));
    } catch (error) {
      errors.push(`cannot read results file ${arg}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  if (errors.length) return badInput(io, errors);
  const rows: SourcedRow[] = inputs.map((input) => ({ source: input.source, ...gradeOne(text, input.text) }));
  if (args.json) io.stdout(JSON.stringify(rows, null, 2));
  else printRows(io, rows);
  if (args.csv !== null) {
    try {
      io.writeFile(args.csv, gradeCsv(rows));
    } catch (error) {
      return badInput(io, [`cannot write ${args.csv}: ${error instanceof Error ? error.message : String(error)}`]);
    }
    io.stderr(`Wrote ${rows.length} row${rows.length === 1 ? '' : 's'} to ${args.csv}.`);
  }
  return LESSON_EXIT.ok;
}

function gradeOne(lessonText: string, url: string): GradeRow {
  const decoded = decodeResult(url);
  if (!decoded.result) {
    return { student: '', variant: 0, steps: [], points: 0, maxPoints: 0, passed: false, digest: '', problems: decoded.problems, texts: {} };
  }
  const row = gradeResult(lessonText, decoded.result);
  return { ...row, problems: [...decoded.problems, ...row.problems] };
}

function printRows(io: LessonCliIo, rows: readonly SourcedRow[]): void {
  if (rows.length === 0) io.stdout('No result URLs found.');
  for (const r of rows) {
    const steps = r.steps.map((s) => `${s.passed ? '✓' : '✗'} ${s.id}`).join('  ');
    io.stdout(`${r.passed ? 'PASS' : 'FAIL'}  ${r.student || '(no student)'}  variant ${r.variant}  ${r.points}/${r.maxPoints}  ${steps}  [${r.source}]`);
    for (const s of r.steps) if (s.detail) io.stdout(`      ${s.id}: ${s.detail}`);
    for (const p of r.problems) io.stdout(`      problem: ${p}`);
  }
  const passed = rows.filter((r) => r.passed).length;
  if (rows.length) io.stdout(`${passed} of ${rows.length} passed.`);
}

/** A lesson argument: a built-in id, else a file path. */
function lessonText(name: string, io: LessonCliIo): string | { error: string } {
  const builtIn = getBuiltInLessonText(name);
  if (builtIn !== null) return builtIn;
  try {
    return io.readFile(name);
  } catch (error) {
    const ids = builtInLessonIds();
    return { error: `"${name}" is neither a built-in lesson (${ids.join(', ') || 'none yet'}) nor a file that can be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function badInput(io: LessonCliIo, errors: readonly string[]): number {
  for (const error of errors) io.stderr(`error: ${error}`);
  io.stderr('Run with --help for usage.');
  return LESSON_EXIT.badInput;
}
