import { gradeResult } from '../lessons/grade';
import type { GradeRow, Lesson } from '../lessons/lesson-types';
import { parseLesson } from '../lessons/parse-lesson';
import { decodeResult } from '../lessons/result-url';
import type { ResultLine } from './result-lines';

/**
 * The grader's work, the same in its Web Worker and in tests: each pasted line decoded (result-url.ts) and graded
 * with the teacher's copy of the lesson (grade.ts). A line that is not a result, or a result for another lesson,
 * still gets a row naming its problem, so nothing pasted is silently lost; a student who handed in twice keeps
 * one row, the later result, which says what it replaced.
 */

export interface GraderRow {
  line: number;
  grade: GradeRow;
}

const emptyRow = (student: string, variant: number, problems: string[], texts: Record<string, string> = {}): GradeRow => ({
  student,
  variant,
  steps: [],
  points: 0,
  maxPoints: 0,
  passed: false,
  digest: '',
  problems,
  texts,
});

/** One line graded. `lesson` is `lessonText` parsed (the caller has done it once for all lines). */
export function gradeLine(lessonText: string, lesson: Lesson, entry: ResultLine): GraderRow {
  const { result, problems } = decodeResult(entry.text);
  if (result === null) return { line: entry.line, grade: emptyRow('', 0, problems) };
  // A built-in id names its lesson; a URL or an inline lesson is judged by its hash (grade.ts says when it differs).
  const ref = result.lessonRef;
  if (ref !== null && !ref.includes(':') && ref !== lesson.id) {
    const other = `this result is for the lesson ${JSON.stringify(ref)}, not ${JSON.stringify(lesson.id)}; not graded`;
    return { line: entry.line, grade: emptyRow(result.student, result.variant, [other, ...problems], result.texts) };
  }
  let grade: GradeRow;
  try {
    grade = gradeResult(lessonText, result);
  } catch (error) {
    // gradeResult promises not to throw; if it ever does, the row says so and the other rows still come.
    grade = emptyRow(result.student, result.variant, [`could not be graded: ${(error as Error).message}`], result.texts);
  }
  return { line: entry.line, grade: { ...grade, problems: [...problems, ...grade.problems] } };
}

/** Every line graded, one row per student. Throws only when the teacher's lesson itself does not load. */
export function gradeLines(lessonText: string, entries: readonly ResultLine[]): GraderRow[] {
  const parsed = parseLesson(lessonText);
  if (!parsed.ok) throw new Error(`the lesson does not load: ${parsed.problems.join('; ')}`);
  return onePerStudent(entries.map((entry) => gradeLine(lessonText, parsed.lesson, entry)));
}

/** One row per student: the later result takes the earlier one's place and says what it replaced. Rows without a student all stay. */
export function onePerStudent(rows: readonly GraderRow[]): GraderRow[] {
  const out: GraderRow[] = [];
  const at = new Map<string, number>();
  for (const row of rows) {
    const student = row.grade.student;
    const index = student === '' ? undefined : at.get(student);
    if (index === undefined) {
      if (student !== '') at.set(student, out.length);
      out.push(row);
    } else {
      const replaced = out[index];
      out[index] = { ...row, grade: { ...row.grade, problems: [`replaces the result for ${JSON.stringify(student)} on line ${replaced.line}`, ...row.grade.problems] } };
    }
  }
  return out;
}
