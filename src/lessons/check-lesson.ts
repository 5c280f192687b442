import { lessonHash } from './lesson-hash';
import type { LessonResult, StepGrade } from './lesson-types';
import { gradeResolved } from './grade';
import { parseLesson } from './parse-lesson';
import { applyVariant, variantCount } from './variants';
import { walkLesson } from './walk-lesson';

export interface LessonCheckReport {
  ok: boolean;
  problems: string[];
  variants: { variant: number; solution: StepGrade[]; empty: StepGrade[]; asserts: StepGrade[] }[];
}

/**
 * `npm run lesson -- check` (teaching-embed.md §2.6): the lesson loads; for every variant the solution passes
 * every task check and every assert, and grades as passed when replayed as a learner's result; and an empty
 * answer fails every task check — a task that passes with no answer proves nothing, and is named.
 */
export function checkLesson(lessonText: string): LessonCheckReport {
  const parsed = parseLesson(lessonText);
  if (!parsed.ok) return { ok: false, problems: parsed.problems, variants: [] };
  const { lesson } = parsed;
  const problems: string[] = [];
  const variants: LessonCheckReport['variants'] = [];
  const hash = lessonHash(lessonText);
  for (let v = 0; v < variantCount(lesson); v++) {
    const at = `variant ${v}`;
    let resolved;
    try {
      resolved = applyVariant(lesson, v);
    } catch (error) {
      problems.push(`${at}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const solution = walkLesson(resolved, 'solution');
    const empty = walkLesson(resolved, 'empty');
    problems.push(...solution.problems.map((p) => `${at}, solution: ${p}`));
    for (const t of solution.tasks) if (!t.passed) problems.push(`${at}: task "${t.id}": the solution fails its check: ${t.detail ?? ''}`);
    for (const a of solution.asserts) if (!a.passed) problems.push(`${at}: assert "${a.id}" fails: ${a.detail ?? ''}`);
    for (const t of empty.tasks) if (t.passed) problems.push(`${at}: task "${t.id}" passes with no answer: its check cannot tell a learner who did it from one who did nothing`);
    const result: LessonResult = { lessonRef: lesson.id, lessonJson: null, lessonHash: hash, student: 'solution', variant: v, ...solution.result };
    const graded = gradeResolved(resolved, result, { student: 'solution', variant: v, steps: [], points: 0, maxPoints: 0, passed: false, digest: '', problems: [], texts: {} });
    const failed = graded.steps.filter((s) => !s.passed).map((s) => `"${s.id}"${s.detail ? ` (${s.detail})` : ''}`);
    if (failed.length || !graded.passed) problems.push(`${at}: the solution replayed as a learner's result does not pass: ${failed.join(', ') || `${graded.points} of ${graded.maxPoints} points`}`);
    variants.push({ variant: v, solution: solution.tasks, empty: empty.tasks, asserts: solution.asserts });
  }
  return { ok: problems.length === 0, problems, variants };
}
