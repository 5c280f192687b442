import { describe, expect, it } from 'vitest';
import { encodeResult } from '../../lessons/result-url';
import { lessonHash } from '../../lessons/lesson-hash';
import { parseLesson } from '../../lessons/parse-lesson';
import { applyVariant, variantFor } from '../../lessons/variants';
import { walkLesson } from '../../lessons/walk-lesson';
import { blipLesson } from '../../lessons/test-lessons/blip-lesson';
import type { LessonResult, TaskStep } from '../../lessons/lesson-types';
import { LESSON_EXIT, runLessonCli, type LessonCliIo } from './run-lesson-cli';
import { csvRows } from './grade-inputs';

/** The `npm run lesson` flow against the real engine and lesson modules, files faked. */
function run(argv: string[], files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const io: LessonCliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readFile: (path) => {
      if (path in files) return files[path];
      throw new Error(`ENOENT: no such file, open '${path}'`);
    },
    writeFile: (path, text) => void (written[path] = text),
  };
  const code = runLessonCli(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n'), written };
}

const blip = JSON.stringify(blipLesson(), null, 2);

/** The result URL of a learner who follows the solution (or answers nothing). */
function resultUrl(text: string, student: string, mode: 'solution' | 'empty' = 'solution'): string {
  const parsed = parseLesson(text);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const hash = lessonHash(text);
  const variant = variantFor(parsed.lesson, hash, student);
  const walk = walkLesson(applyVariant(parsed.lesson, variant), mode);
  const result: LessonResult = { lessonRef: 'https://example.org/blip.json', lessonJson: null, lessonHash: hash, student, variant, ...walk.result };
  return `https://lab.example/?${encodeResult(result)}`;
}

describe('npm run lesson', () => {
  it('--help and a bad command or flag', () => {
    expect(run(['--help'])).toMatchObject({ code: LESSON_EXIT.ok, out: expect.stringContaining('npm run lesson -- grade <lesson.json|id>') });
    expect(run(['chek', 'all'])).toMatchObject({ code: LESSON_EXIT.badInput, err: expect.stringContaining('unknown command "chek" (did you mean "check"?)') });
    expect(run(['grade', 'x.json', 'u', '--jsn'])).toMatchObject({ code: LESSON_EXIT.badInput, err: expect.stringContaining('unknown flag "--jsn" for "grade" (did you mean "--json"?)') });
  });

  it('list --json gives id, title, source and minutes of each built-in', () => {
    const { code, out } = run(['list', '--json']);
    expect(code).toBe(LESSON_EXIT.ok);
    const list = JSON.parse(out) as { id: string; title: string; source: string; minutes: number }[];
    for (const item of list) expect(Object.keys(item).sort()).toEqual(['id', 'minutes', 'source', 'title']);
  });

  it('check <file> passes the worked example and exits 1 naming a task that passes with no answer', () => {
    const ok = run(['check', 'blip.json'], { 'blip.json': blip });
    expect(ok.code).toBe(LESSON_EXIT.ok);
    expect(ok.out).toContain('✓ blip.json: 1 variant; the solution passes 1 task and 1 assert; an empty answer fails every task');
    const lax = blipLesson();
    (lax.steps.find((s) => s.id === 'tune') as TaskStep).check = { '<=': [{ var: 'you.params.rehomeGraceMs' }, 600] };
    const bad = run(['check', 'lax.json', '--json'], { 'lax.json': JSON.stringify(lax) });
    expect(bad.code).toBe(LESSON_EXIT.failed);
    expect(JSON.parse(bad.out)[0]).toMatchObject({ lesson: 'lax.json', ok: false, problems: [expect.stringContaining('task "tune" passes with no answer')] });
    expect(run(['check', 'missing.json'])).toMatchObject({ code: LESSON_EXIT.badInput, err: expect.stringContaining('"missing.json" is neither a built-in lesson') });
  });

  it('grade: URLs and a CSV column of them, --json one object per result, --csv a gradebook', () => {
    const good = resultUrl(blip, 'ana.k');
    const empty = resultUrl(blip, 'ben', 'empty');
    const csv = `name,answer\r\nAna,"${good}"\r\nBen,${empty}\r\nCal,not a url\r\n`;
    const { code, out, written } = run(['grade', 'blip.json', 'quiz.csv', 'https://lab.example/?student=x', '--json', '--csv', 'grades.csv'], { 'blip.json': blip, 'quiz.csv': csv });
    expect(code).toBe(LESSON_EXIT.ok);
    const rows = JSON.parse(out) as { student: string; variant: number; steps: { id: string; passed: boolean }[]; points: number; passed: boolean; source: string; problems: string[] }[];
    expect(rows.map((r) => [r.student, r.passed, r.points, r.source])).toEqual([
      ['ana.k', true, 4, 'quiz.csv:2'],
      ['ben', false, 0, 'quiz.csv:3'],
      ['', false, 0, 'argument 3'],
    ]);
    expect(rows[0].steps.map((s) => [s.id, s.passed])).toEqual([['predict', true], ['tune', true], ['transfer', true]]);
    expect(rows[2].problems[0]).toMatch(/^not a result URL/);
    const table = csvRows(written['grades.csv']);
    expect(table[0]).toEqual(['student', 'variant', 'points', 'maxPoints', 'passed', 'predict', 'tune', 'transfer', 'digest', 'problems', 'source']);
    expect(table[1].slice(0, 8)).toEqual(['ana.k', '0', '4', '4', 'yes', '1', '1', '1']);
    expect(table[2].slice(0, 8)).toEqual(['ben', '0', '0', '4', 'no', '0', '0', '0']);
  }, 60_000);
});
