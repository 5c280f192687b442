import { describe, expect, it } from 'vitest';
import { getBuiltInLessonText } from '../lessons/built-in-lessons';
import { lessonHash } from '../lessons/lesson-hash';
import { parseLesson } from '../lessons/parse-lesson';
import { encodeResult } from '../lessons/result-url';
import { applyVariant, variantFor } from '../lessons/variants';
import { gradeLines } from './grade-lines';

const text = getBuiltInLessonText('grace-period-blip')!;
const parsed = parseLesson(text);
if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
const lesson = parsed.lesson;
const hash = lessonHash(text);

/** A learner who follows the reference solution, as the player would hand it in. */
function solvedUrl(student: string): string {
  const variant = variantFor(lesson, hash, student);
  const resolved = applyVariant(lesson, variant);
  const commands = Object.values(resolved.lesson.solution).flatMap((s) => s.commands ?? []);
  return `https://lab.example/?${encodeResult({
    lessonRef: 'grace-period-blip',
    lessonJson: null,
    lessonHash: hash,
    student,
    variant,
    commands: commands.map((command) => ({ atMs: 0, afterEvent: 0, command })),
    predictions: Object.fromEntries(
      Object.entries(resolved.lesson.solution)
        .filter(([, s]) => s.prediction !== undefined)
        .map(([id, s]) => [id, typeof s.prediction === 'number' ? { value: s.prediction, atEvent: 0 } : { choice: s.prediction, atEvent: 0 }]),
    ),
    texts: { wrap: 'Churn against exposure.' },
    done: {},
    eventCount: 0,
    timeMs: 30000,
  })}`;
}

describe('gradeLines: one row per student, bad lines kept as rows with their problem', () => {
  it('grades a good result, and gives a bad line and a result for another lesson rows of their own', () => {
    const rows = gradeLines(text, [
      { line: 1, text: solvedUrl('ana.k') },
      { line: 2, text: 'I did the lesson, it was fun' },
      { line: 3, text: solvedUrl('ben').replace('lesson=grace-period-blip', 'lesson=two-servers-no-failover') },
    ]);
    expect(rows.map((r) => [r.line, r.grade.student])).toEqual([
      [1, 'ana.k'],
      [2, ''],
      [3, 'ben'],
    ]);
    const [ana, bad, other] = rows;
    expect(ana.grade.problems).toEqual([]);
    expect(ana.grade.passed).toBe(true);
    expect(ana.grade.points).toBe(ana.grade.maxPoints);
    expect(ana.grade.texts).toEqual({ wrap: 'Churn against exposure.' });
    expect(bad.grade.problems).toEqual(['not a result URL: it names no lesson (lesson= or lessonJson=) and no lesson hash (lh=)']);
    expect(bad.grade.steps).toEqual([]);
    expect(other.grade.problems[0]).toBe('this result is for the lesson "two-servers-no-failover", not "grace-period-blip"; not graded');
    expect(other.grade.passed).toBe(false);
  });

  it('keeps one row per student: a later result replaces an earlier one and says so', () => {
    const rows = gradeLines(text, [
      { line: 1, text: 'lesson=grace-period-blip&lh=00000000&student=cy' },
      { line: 2, text: 'lesson=grace-period-blip&lh=00000000&student=dee' },
      { line: 5, text: 'lesson=grace-period-blip&lh=00000000&student=cy' },
    ]);
    expect(rows.map((r) => [r.line, r.grade.student])).toEqual([
      [5, 'cy'],
      [2, 'dee'],
    ]);
    expect(rows[0].grade.problems[0]).toBe('replaces the result for "cy" on line 1');
  });
});
