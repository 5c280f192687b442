import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gradeResult } from './grade';
import { lessonHash } from './lesson-hash';
import type { LessonResult } from './lesson-types';
import { parseLesson } from './parse-lesson';
import { blipLesson } from './test-lessons/blip-lesson';
import { variantFor } from './variants';
import { walkLesson } from './walk-lesson';
import { applyVariant } from './variants';

const blipText = JSON.stringify(blipLesson());

/** What a learner who follows the solution hands in: the walker's run as a result. */
function solutionResult(text: string, student = 'ana.k', variant = 0): LessonResult {
  const parsed = parseLesson(text);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const walk = walkLesson(applyVariant(parsed.lesson, variant), 'solution');
  return { lessonRef: 'grace-period-blip', lessonJson: null, lessonHash: lessonHash(text), student, variant, ...walk.result, texts: { wrap: 'churn vs exposure' } };
}

describe('gradeResult', () => {
  const good = solutionResult(blipText);

  it('a learner who did it all passes with every point, and the row says so step by step', () => {
    const row = gradeResult(blipText, good);
    expect(row.problems).toEqual([]);
    expect(row.steps.map((s) => [s.id, s.passed, s.points, s.maxPoints])).toEqual([
      ['predict', true, 1, 1],
      ['tune', true, 2, 2],
      ['transfer', true, 1, 1],
    ]);
    expect([row.points, row.maxPoints, row.passed]).toEqual([4, 4, true]);
    expect(row.texts).toEqual({ wrap: 'churn vs exposure' });
    expect(row.digest).toMatch(/\S/);
  });

  it('a task never checked is evaluated at the final moment; one whose setting is wrong fails there', () => {
    const wrong: LessonResult = { ...good, done: {}, commands: [{ atMs: 0, afterEvent: 0, command: 'config.set:params.rehomeGraceMs=500' }] };
    const row = gradeResult(blipText, wrong);
    const tune = row.steps.find((s) => s.id === 'tune')!;
    expect(tune).toMatchObject({ passed: false, points: 0, detail: 'never checked; at the final moment the check is false (it gave false)' });
    expect([row.points, row.passed]).toEqual([2, false]); // 2 of 4 < 0.75
  });

  it('a prediction not committed earns nothing; with credit for correct answers a wrong one earns nothing either', () => {
    const lesson = blipLesson();
    lesson.grading.predictionCredit = 'correct';
    const text = JSON.stringify(lesson);
    const result = { ...solutionResult(text), predictions: { predict: { choice: 'a', atEvent: 3 } } };
    const row = gradeResult(text, result);
    expect(row.steps.find((s) => s.id === 'predict')).toMatchObject({ passed: false, points: 0, detail: 'predicted "a"; the answer is "b"' });
    expect(row.steps.find((s) => s.id === 'transfer')).toMatchObject({ passed: false, points: 0, detail: 'no prediction committed' });
    // Participation credits the wrong answer, and still says it was wrong.
    const participation = gradeResult(blipText, { ...good, predictions: { ...good.predictions, predict: { choice: 'a', atEvent: 3 } } });
    expect(participation.steps.find((s) => s.id === 'predict')).toMatchObject({ passed: true, points: 1, detail: 'predicted "a"; the answer is "b"' });
  });

  it('a prediction committed after its observe step showed results is credited but flagged', () => {
    const row = gradeResult(blipText, { ...good, predictions: { ...good.predictions, predict: { choice: 'b', atEvent: 900 } }, done: { ...good.done, observe: 850 } });
    expect(row.steps.find((s) => s.id === 'predict')).toMatchObject({
      passed: true,
      points: 1,
      detail: 'committed at event 900, after the observe step "observe" showed its results (event 850)',
    });
  });

  it('another copy of the lesson text is a problem in the row, not a crash; the teacher\'s copy is graded', () => {
    const row = gradeResult(blipText, { ...good, lessonHash: '00000000' });
    expect(row.problems).toEqual([`the result was made with another copy of the lesson (lh=00000000, the teacher's copy is ${lessonHash(blipText)}); graded with the teacher's copy`]);
    expect(row.passed).toBe(true);
  });

  it('a command the cluster refuses or the lesson does not allow is named', () => {
    const row = gradeResult(blipText, { ...good, commands: [...good.commands, { atMs: 9000, afterEvent: 99999, command: 'node.crash:n9' }] });
    expect(row.problems.some((p) => p.startsWith('command 2 (9000@99999@node.crash:n9): ') && p.endsWith('; skipped'))).toBe(true);
    const lesson = blipLesson();
    lesson.ui.allowCommands = [];
    const text = JSON.stringify(lesson);
    const crash = gradeResult(text, { ...solutionResult(text), commands: [...good.commands, { atMs: 9000, afterEvent: good.eventCount, command: 'node.crash:n1' }] });
    expect(crash.problems).toContain('command at 9000 ms is not one this lesson allows: node.crash:n1');
  });

  it("a friend's URL graded under another student id meets that student's variant", () => {
    const fixture = readFileSync(new URL('./fixtures/grace-period-blip.json', import.meta.url), 'utf8');
    const parsed = parseLesson(fixture);
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const hash = lessonHash(fixture);
    const students = ['ana.k', 'ben', 'chen', 'dara', 'eli', 'fay'];
    const friend = students.find((s) => variantFor(parsed.lesson, hash, s) === 0)!;
    const me = students.find((s) => variantFor(parsed.lesson, hash, s) === 2)!;
    const copied = { ...solutionResult(fixture, friend, 0), student: me };
    const row = gradeResult(fixture, copied);
    expect(row.variant).toBe(2);
    expect(row.problems).toEqual([`the result says variant 0, but student "${me}" gets variant 2; graded as variant 2`]);
    expect(row.steps.find((s) => s.type === 'task')!.passed).toBe(false); // 600 ms saves nothing in a 3-s blip
  });
});

describe('gradeResult on a damaged result', () => {
  it('a result whose fields are not what the decoder gives is a row with a problem, never a throw', () => {
    const broken = { ...solutionResult(blipText), commands: null } as unknown as LessonResult;
    const row = gradeResult(blipText, broken);
    expect(row.passed).toBe(false);
    expect(row.problems.some((p) => p.startsWith('could not be graded: '))).toBe(true);
  });
});
