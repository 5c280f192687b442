import { MAX_NAME_CHARS, MAX_URL_SCENARIO_JSON_CHARS, echoText } from '../engine/index';
import { fromBase64Url } from './base64url';
import { builtInLessonIds, getBuiltInLessonText } from './built-in-lessons';
import type { Lesson } from './lesson-types';
import { parseLesson } from './parse-lesson';

/**
 * Which lesson a page was opened with (teaching-embed.md §2.6): `?lesson=<built-in id | https URL>` or
 * `?lessonJson=<base64url>`, and `&student=`. A URL is fetched with the `fetchText` the caller passes (the page's
 * fetch, a test's stub); plain http is allowed only for localhost (a teacher's own dev server), and `javascript:`
 * and `data:` addresses are never loaded. A lesson from a stranger is only data (checks cannot run code).
 */

export type LessonQueryResult =
  | { ok: true; lesson: Lesson; text: string; ref: string | null; student: string | null }
  | { ok: false; problems: string[] };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export async function resolveLessonQuery(search: string, fetchText: (url: string) => Promise<string>): Promise<LessonQueryResult> {
  const params = new URLSearchParams(search);
  const ref = params.get('lesson');
  const inline = params.get('lessonJson');
  const studentText = params.get('student')?.trim() ?? '';
  const student = studentText === '' ? null : studentText.slice(0, MAX_NAME_CHARS);

  if (ref !== null && inline !== null) return refuse('give lesson= or lessonJson=, not both');
  if (inline !== null) {
    if (inline.length > MAX_URL_SCENARIO_JSON_CHARS) return refuse(`lessonJson: ${inline.length} characters, more than the limit of ${MAX_URL_SCENARIO_JSON_CHARS}`);
    const text = fromBase64Url(inline);
    if (text === null) return refuse('lessonJson: not valid base64url of UTF-8 text');
    return parsed(text, 'lessonJson', null, student);
  }
  if (ref === null) return refuse('no lesson: expected ?lesson=<built-in id or https URL> or ?lessonJson=<base64url>');

  const builtIn = getBuiltInLessonText(ref);
  if (builtIn !== null) return parsed(builtIn, `lesson ${ref}`, ref, student);
  const address = addressProblem(ref);
  if (address !== null) return refuse(`lesson: ${address}`);
  let text: string;
  try {
    text = await fetchText(ref);
  } catch (error) {
    return refuse(`lesson: could not load ${ref}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parsed(text, `lesson ${ref}`, ref, student);
}

const refuse = (problem: string): LessonQueryResult => ({ ok: false, problems: [problem] });

function parsed(text: string, where: string, ref: string | null, student: string | null): LessonQueryResult {
  const result = parseLesson(text);
  if (!result.ok) return { ok: false, problems: result.problems.map((p) => `${where}: ${p}`) };
  return { ok: true, lesson: result.lesson, text, ref, student };
}

/** Null when `ref` is an address the page may fetch; else why not. Not an address at all: an unknown built-in. */
function addressProblem(ref: string): string | null {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(ref.trim())?.[1].toLowerCase();
  if (scheme === undefined) return `unknown built-in lesson ${echoText(ref)} (built-in: ${builtInLessonIds().join(', ')})`;
  if (scheme === 'javascript') return 'a javascript: address is never loaded';
  if (scheme === 'data') return 'a data: address is never loaded; inline a lesson with lessonJson=';
  let url: URL;
  try {
    url = new URL(ref);
  } catch {
    return `not a valid address: ${echoText(ref)}`;
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:') {
    return LOCAL_HOSTS.has(url.hostname) ? null : `http:// is allowed only for localhost; use an https:// address, got ${echoText(ref)}`;
  }
  return `only https:// addresses are loaded, got ${echoText(ref)}`;
}
