import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessonHash } from './lesson-hash';
import type { Lesson } from './lesson-types';
import { parseLesson } from './parse-lesson';
import { applyVariant, variantFor } from './variants';

const text = readFileSync(join(import.meta.dirname, 'fixtures', 'grace-period-blip.json'), 'utf8');
const parsed = parseLesson(text);
if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
const lesson: Lesson = parsed.lesson;
const hash = lessonHash(text);

describe('variantFor', () => {
  it('is fnv1a(lessonHash + student) mod n: the same student always gets the same variant', () => {
    expect(variantFor(lesson, hash, 'ana.k')).toBe(variantFor(lesson, hash, 'ana.k'));
    // Pinned: the pick must be the same in the page, the worker, the CLI and next year's grader.
    expect(['ana.k', 'ben', 'chloe', 'dev', 'eve', 'farid'].map((s) => variantFor(lesson, 'ba7816bf', s))).toEqual([2, 2, 2, 2, 0, 1]);
  });

  it('spreads a class over every variant, roughly evenly', () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 300; i++) counts[variantFor(lesson, hash, `student-${i}`)]++;
    for (const count of counts) expect(count).toBeGreaterThan(70);
  });

  it('is 0 with "by": "none" or without values', () => {
    expect(variantFor({ ...lesson, variants: { ...lesson.variants, by: 'none' } }, hash, 'ana.k')).toBe(0);
    expect(variantFor({ ...lesson, variants: { by: 'student', values: [] } }, hash, 'ana.k')).toBe(0);
  });
});

describe('applyVariant', () => {
  it('fills in the variant’s values with their JSON types and resolves the scenario', () => {
    const resolved = applyVariant(lesson, 1);
    expect(resolved.values).toEqual({ node: 'n4', healAtMs: 7500, blipSeconds: 2.5, minGraceMs: 1100 });
    expect(resolved.seed).toBe(7);
    expect(resolved.scenario.timeline).toEqual([
      { atMs: 5000, command: { type: 'link.cut', a: 'n4', b: 'cp' } },
      { atMs: 7500, command: { type: 'link.heal', a: 'n4', b: 'cp' } },
    ]);
    expect(resolved.lesson.solution.tune.commands).toEqual(['config.set:params.rehomeGraceMs=1100']);
    expect(resolved.lesson.steps[0].text).toContain('between **n4** and the control plane');
    // The parsed lesson itself keeps its placeholders.
    expect(lesson.solution.tune.commands).toEqual(['config.set:params.rehomeGraceMs={{minGraceMs}}']);
  });

  it('resolves a built-in scenario id', () => {
    const builtIn = { ...lesson, scenario: 'rehome-worked-example', variants: { by: 'none' as const, values: [] } };
    const resolved = applyVariant(builtIn, 0);
    expect(resolved.scenario.id).toBe('rehome-worked-example');
    expect(resolved.seed).toBe(lesson.seed ?? resolved.scenario.seed);
  });

  it('throws RangeError for a variant the lesson does not have', () => {
    expect(() => applyVariant(lesson, 3)).toThrow(RangeError);
    expect(() => applyVariant(lesson, -1)).toThrow('applyVariant: variant must be a whole number from 0 to 2, got -1');
    expect(() => applyVariant(lesson, 0.5)).toThrow(RangeError);
  });
});
