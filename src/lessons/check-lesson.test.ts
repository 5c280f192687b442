import { describe, expect, it } from 'vitest';
import { checkLesson } from './check-lesson';
import { blipLesson } from './test-lessons/blip-lesson';
import type { Lesson, TaskStep } from './lesson-types';

const text = (lesson: Lesson) => JSON.stringify(lesson);
function withTask(check: unknown, solution?: string[]): Lesson {
  const lesson = blipLesson();
  const tune = lesson.steps.find((s) => s.id === 'tune') as TaskStep;
  tune.check = check;
  if (solution) lesson.solution.tune = { commands: solution };
  return lesson;
}

describe('checkLesson (npm run lesson -- check)', () => {
  it('the worked example §2.4 passes: its solution passes, the empty answer fails, its assert holds', () => {
    const report = checkLesson(text(blipLesson()));
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.variants).toEqual([
      {
        variant: 0,
        solution: [{ id: 'tune', type: 'task', passed: true, points: 2, maxPoints: 2 }],
        empty: [expect.objectContaining({ id: 'tune', passed: false, detail: 'the check is false (it gave false)' })],
        asserts: [{ id: 'point-holds', type: 'assert', passed: true, points: 0, maxPoints: 0 }],
      },
    ]);
  });

  it('names a task that passes with no answer', () => {
    const report = checkLesson(text(withTask({ '<=': [{ var: 'you.params.rehomeGraceMs' }, 600] })));
    expect(report.ok).toBe(false);
    expect(report.problems).toContain('variant 0: task "tune" passes with no answer: its check cannot tell a learner who did it from one who did nothing');
  });

  it('names a solution that fails its own check', () => {
    const report = checkLesson(text(withTask((blipLesson().steps[6] as TaskStep).check, ['config.set:params.rehomeGraceMs=500'])));
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toBe('variant 0: task "tune": the solution fails its check: the check is false (it gave false)');
  });

  it('names an assert that no longer holds, and a refused solution command', () => {
    const lesson = blipLesson();
    const assert = lesson.steps.find((s) => s.id === 'point-holds')!;
    if (assert.type === 'assert') assert.check = { '==': [{ var: 'runs.no-grace.metrics.bytesMoved' }, 0] };
    lesson.solution.tune = { commands: ['config.set:params.rehomeGraceMs=600', 'node.restart:n1'] };
    const report = checkLesson(text(lesson));
    expect(report.problems).toContain('variant 0: assert "point-holds" fails: the check is false (it gave false)');
    expect(report.problems.some((p) => p.startsWith('variant 0, solution: step "tune": solution command "') && p.includes('was refused'))).toBe(true);
  });

  it('a lesson that does not load is its parse problems', () => {
    const report = checkLesson('{"lesson": "1"}');
    expect(report.ok).toBe(false);
    expect(report.problems.length).toBeGreaterThan(0);
    expect(report.variants).toEqual([]);
  });
});
