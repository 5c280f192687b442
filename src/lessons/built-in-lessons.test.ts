import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInLessonIds, getBuiltInLessonText, listBuiltInLessons } from './built-in-lessons';
import { checkLesson } from './check-lesson';
import { parseLesson } from './parse-lesson';
import { variantCount } from './variants';

const DIR = join(__dirname, 'built-in');
const files = readdirSync(DIR).filter((name) => name.endsWith('.json'));

interface LooseStep {
  id: string;
  type: string;
  check?: unknown;
}
interface LooseLesson {
  id: string;
  title: string;
  source: string;
  minutes: number;
  steps: LooseStep[];
  solution: Record<string, { commands?: string[]; prediction?: unknown }>;
  grading: { points?: Record<string, number> };
}

function lessonOf(id: string): LooseLesson {
  return JSON.parse(getBuiltInLessonText(id)!) as LooseLesson;
}

describe('the built-in lesson gallery', () => {
  it('lists every file in built-in/, under its file name', () => {
    expect(builtInLessonIds().sort()).toEqual(files.map((name) => name.replace(/\.json$/, '')).sort());
    expect(files.length).toBeGreaterThanOrEqual(1);
  });

  it('gives each lesson as the exact text of its file, so a result hash matches the file a teacher downloads', () => {
    for (const id of builtInLessonIds()) {
      expect(getBuiltInLessonText(id)).toBe(readFileSync(join(DIR, `${id}.json`), 'utf8'));
    }
    expect(getBuiltInLessonText('no-such-lesson')).toBeNull();
  });

  it('lists id, title, source document and minutes for `lesson list`', () => {
    const list = listBuiltInLessons();
    expect(list.map((entry) => entry.id)).toEqual(builtInLessonIds());
    for (const entry of list) {
      const lesson = lessonOf(entry.id);
      expect(entry).toEqual({ id: lesson.id, title: lesson.title, source: lesson.source, minutes: lesson.minutes });
      expect(['000', '001', '002', '003']).toContain(entry.source);
    }
  });

  it('covers all four source documents', () => {
    expect(new Set(listBuiltInLessons().map((entry) => entry.source))).toEqual(new Set(['000', '001', '002', '003']));
  });

  it('gives every lesson an assert that proves its point, and a solution for every task', () => {
    for (const id of builtInLessonIds()) {
      const lesson = lessonOf(id);
      const steps = lesson.steps;
      expect(steps.filter((step) => step.type === 'assert').length, `${id} has an assert`).toBeGreaterThanOrEqual(1);
      for (const task of steps.filter((step) => step.type === 'task')) {
        expect(lesson.solution[task.id]?.commands?.length ?? 0, `${id}: ${task.id} has solution commands`).toBeGreaterThan(0);
      }
      const ids = new Set(steps.map((step) => step.id));
      for (const key of [...Object.keys(lesson.solution), ...Object.keys(lesson.grading.points ?? {})]) {
        expect(ids.has(key), `${id}: ${key} names a step`).toBe(true);
      }
    }
  });

  it('parses every built-in with the lesson parser, nothing reported', () => {
    for (const id of builtInLessonIds()) {
      const parsed = parseLesson(getBuiltInLessonText(id)!);
      expect(parsed.ok ? [] : parsed.problems, id).toEqual([]);
    }
  });

  // `lesson check` for each built-in: on every variant the solution passes every task and assert and grades as
  // passed, and an empty answer fails every task. Each walk replays whole runs, hence the generous timeout.
  for (const id of builtInLessonIds()) {
    it(`${id}: its solution passes, an empty answer fails, its asserts hold, on every variant`, { timeout: 120_000 }, () => {
      const text = getBuiltInLessonText(id)!;
      const report = checkLesson(text);
      expect(report.problems).toEqual([]);
      const parsed = parseLesson(text);
      expect(parsed.ok && report.variants.length).toBe(parsed.ok ? variantCount(parsed.lesson) : false);
      for (const variant of report.variants) {
        expect(variant.solution.every((task) => task.passed)).toBe(true);
        expect(variant.empty.some((task) => task.passed)).toBe(false);
        expect(variant.asserts.length).toBeGreaterThan(0);
      }
      expect(report.ok).toBe(true);
    });
  }
});
