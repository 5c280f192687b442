import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toBase64Url } from './base64url';
import { builtInLessonIds, getBuiltInLessonText } from './built-in-lessons';
import { resolveLessonQuery } from './lesson-source';

const exampleText = readFileSync(join(import.meta.dirname, 'fixtures', 'grace-period-blip.json'), 'utf8');
const never = (url: string): Promise<string> => Promise.reject(new Error(`fetched ${url}`));

describe('resolveLessonQuery: ?lesson=, ?lessonJson=, &student=', () => {
  it('opens a built-in lesson by id, with its text and the student', async () => {
    const id = builtInLessonIds()[0];
    const found = await resolveLessonQuery(`?lesson=${id}&student=ana.k`, never);
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    expect(found.lesson.id).toBe(id);
    expect(found.text).toBe(getBuiltInLessonText(id));
    expect(found.ref).toBe(id);
    expect(found.student).toBe('ana.k');
  });

  it('fetches an https URL (and http on localhost) with the fetcher it is given', async () => {
    const asked: string[] = [];
    const fetchText = (url: string) => {
      asked.push(url);
      return Promise.resolve(exampleText);
    };
    const url = 'https://example.org/lessons/grace.json';
    const found = await resolveLessonQuery(`lesson=${encodeURIComponent(url)}`, fetchText);
    expect(found.ok && found.lesson.id).toBe('grace-period-blip');
    expect(found.ok && found.ref).toBe(url);
    expect(found.ok && found.student).toBeNull();
    expect((await resolveLessonQuery('lesson=http://localhost:5181/l.json', fetchText)).ok).toBe(true);
    expect(asked).toEqual([url, 'http://localhost:5181/l.json']);
  });

  it('reads an inline lesson from lessonJson', async () => {
    const found = await resolveLessonQuery(`lessonJson=${toBase64Url(exampleText)}&student=%20ben%20`, never);
    expect(found.ok && found.text).toBe(exampleText);
    expect(found.ok && found.ref).toBeNull();
    expect(found.ok && found.student).toBe('ben');
  });

  it('refuses other addresses by name, without fetching', async () => {
    const refused = async (value: string) => {
      const found = await resolveLessonQuery(`lesson=${encodeURIComponent(value)}`, never);
      return found.ok ? [] : found.problems;
    };
    expect(await refused('http://evil.example/l.json')).toEqual([
      'lesson: http:// is allowed only for localhost; use an https:// address, got "http://evil.example/l.json"',
    ]);
    expect(await refused('javascript:alert(1)')).toEqual(['lesson: a javascript: address is never loaded']);
    expect(await refused('data:application/json,{}')).toEqual(['lesson: a data: address is never loaded; inline a lesson with lessonJson=']);
    expect(await refused('ftp://example.org/l.json')).toEqual(['lesson: only https:// addresses are loaded, got "ftp://example.org/l.json"']);
    expect((await refused('no-such-lesson'))[0]).toMatch(/^lesson: unknown built-in lesson "no-such-lesson" \(built-in: /);
  });

  it('names what went wrong: a failed fetch, a bad lesson, bad base64, no lesson', async () => {
    const failing = () => Promise.reject(new Error('404 Not Found'));
    const problemsOf = async (search: string, fetchText = never) => {
      const found = await resolveLessonQuery(search, fetchText);
      return found.ok ? [] : found.problems;
    };
    expect(await problemsOf('lesson=https://example.org/x.json', failing)).toEqual([
      'lesson: could not load https://example.org/x.json: 404 Not Found',
    ]);
    expect(await problemsOf('lesson=https://example.org/x.json', () => Promise.resolve('{"lesson": "1"}'))).toContain(
      'lesson https://example.org/x.json: id: required — a slug of lowercase letters, digits, "_" and "-" (e.g. "001_grace-period-blip")',
    );
    expect(await problemsOf('lessonJson=***')).toEqual(['lessonJson: not valid base64url of UTF-8 text']);
    expect(await problemsOf('scenario=rehome-worked-example')).toEqual([
      'no lesson: expected ?lesson=<built-in id or https URL> or ?lessonJson=<base64url>',
    ]);
    expect(await problemsOf(`lesson=${builtInLessonIds()[0]}&lessonJson=e30`)).toEqual(['give lesson= or lessonJson=, not both']);
  });
});
