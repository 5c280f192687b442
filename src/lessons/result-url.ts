import {
  MAX_NAME_CHARS,
  MAX_PATH_CHARS,
  MAX_SIM_HORIZON_MS,
  MAX_URL_COMMANDS,
  MAX_URL_EVENT_COUNT,
  MAX_URL_SCENARIO_JSON_CHARS,
  echoText,
  parseCliCommand,
} from '../engine/index';
import { fromBase64Url, toBase64Url } from './base64url';
import { crc32Hex } from './checksums';
import { MAX_ANSWER_CHARS, MAX_LESSON_VARIANTS } from './lesson-limits';
import type { LessonResult, PredictionRecord } from './lesson-types';

/**
 * What a learner hands in, as a URL's query (teaching-embed.md §2.7). It opens the lesson with the learner's run
 * and answers in the console, and the grader replays it with the teacher's copy of the lesson:
 *
 *   lesson=<built-in id | https URL>   or  lessonJson=<base64url lesson text>
 *   &lh=<sha256 of the lesson text, 8 hex>&student=<id>&v=<variant>
 *   &c=<atMs>@<afterEvent>@<CLI command>        every command, as share URLs carry them
 *   &p=<stepId>:<choice | number>@e=<event>     each prediction and the event it was committed at
 *   &w=<stepId>:<base64url text>                free texts (reflect answers, a prediction's why)
 *   &done=<stepId>@<event>,…                    tasks whose Check passed, observe steps shown, and when
 *   &e=<events>&t=<ms>                          the moment the learner was at
 *   &k=<crc32 of everything before it>          catches a paste that lost or changed characters (not a signature)
 *
 * Decoding never throws: each bad parameter is a problem that names it and is skipped; the result is null only
 * when the text names no lesson at all.
 */

const STEP = '[A-Za-z][A-Za-z0-9_-]*';
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const TIME = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export function encodeResult(result: LessonResult): string {
  const params = new URLSearchParams();
  if (result.lessonRef !== null) params.set('lesson', result.lessonRef);
  else if (result.lessonJson !== null) params.set('lessonJson', toBase64Url(result.lessonJson));
  params.set('lh', result.lessonHash);
  params.set('student', result.student);
  params.set('v', String(result.variant));
  for (const c of result.commands) params.append('c', `${c.atMs}@${c.afterEvent}@${c.command}`);
  for (const [id, p] of Object.entries(result.predictions)) {
    const value = p.choice ?? (p.value === undefined ? undefined : String(p.value));
    if (value !== undefined) params.append('p', `${id}:${value}@e=${p.atEvent}`);
  }
  const texts: Record<string, string> = { ...result.texts };
  for (const [id, p] of Object.entries(result.predictions)) if (p.why !== undefined && !(id in texts)) texts[id] = p.why;
  for (const [id, text] of Object.entries(texts)) params.append('w', `${id}:${toBase64Url(text)}`);
  const done = Object.entries(result.done).map(([id, event]) => `${id}@${event}`);
  if (done.length > 0) params.set('done', done.join(','));
  params.set('e', String(result.eventCount));
  params.set('t', String(result.timeMs));
  const body = params.toString();
  return `${body}&k=${crc32Hex(body)}`;
}

export function decodeResult(input: string): { result: LessonResult | null; problems: string[] } {
  const query = queryOf(input);
  const problems: string[] = [];
  const { body, k } = splitChecksum(query);
  const params = new URLSearchParams(body);

  const lessonRef = params.get('lesson');
  const inline = params.get('lessonJson');
  const lh = params.get('lh');
  if (lessonRef === null && inline === null && lh === null) {
    return { result: null, problems: ['not a result URL: it names no lesson (lesson= or lessonJson=) and no lesson hash (lh=)'] };
  }
  if (lessonRef !== null && (lessonRef === '' || lessonRef.length > MAX_PATH_CHARS)) {
    problems.push(`lesson: must be a built-in lesson id or an https URL of at most ${MAX_PATH_CHARS} characters, got ${echoText(lessonRef)}`);
  }
  if (lessonRef === null && inline === null) problems.push('names no lesson: expected lesson=<id or URL> or lessonJson=<base64url>');
  const lessonJson = lessonRef === null && inline !== null ? decodeInline(inline, problems) : null;
  if (lh === null || !/^[0-9a-f]{8}$/.test(lh)) problems.push(`lh: must be the lesson hash, 8 hex characters, got ${lh === null ? 'nothing' : echoText(lh)}`);
  const student = params.get('student') ?? '';
  if (student.trim() === '' || student.length > MAX_NAME_CHARS) {
    problems.push(`student: must be a non-empty name of at most ${MAX_NAME_CHARS} characters, got ${echoText(student)}`);
  }
  const variant = wholeNumber(params.get('v'), 'v', MAX_LESSON_VARIANTS - 1, problems) ?? 0;
  const commands = decodeCommands(params.getAll('c'), problems);
  const predictions = decodePredictions(params.getAll('p'), problems);
  const texts = decodeTexts(params.getAll('w'), problems);
  for (const [id, text] of Object.entries(texts)) if (predictions[id]) predictions[id].why = text;
  const done = decodeDone(params.getAll('done'), problems);
  const eventCount = wholeNumber(params.get('e'), 'e', MAX_URL_EVENT_COUNT, problems) ?? 0;
  const timeText = params.get('t');
  let timeMs = 0;
  if (timeText !== null && TIME.test(timeText) && Number(timeText) <= MAX_SIM_HORIZON_MS) timeMs = Number(timeText);
  else problems.push(`t: must be a number of ms from 0 to ${MAX_SIM_HORIZON_MS}, got ${timeText === null ? 'nothing' : echoText(timeText)}`);

  if (k === null) problems.push('the result URL has no checksum k (it was probably cut short when pasted): ask for it again');
  else if (k !== crc32Hex(body)) {
    problems.push('the result URL was changed or damaged after it was made (its checksum k does not match): ask for it again');
  }
  return {
    result: { lessonRef, lessonJson, lessonHash: lh ?? '', student, variant, commands, predictions, texts, done, eventCount, timeMs },
    problems,
  };
}

/** The query of a pasted URL (or a bare query), without `?`, fragment or surrounding spaces. */
function queryOf(input: string): string {
  let text = input.trim();
  const hash = text.indexOf('#');
  if (hash >= 0) text = text.slice(0, hash);
  const question = text.indexOf('?');
  return question >= 0 ? text.slice(question + 1) : text;
}

/** The text the checksum covers and the checksum itself (the last `k=`), or null when there is none. */
function splitChecksum(query: string): { body: string; k: string | null } {
  if (query.startsWith('k=') && !query.includes('&')) return { body: '', k: query.slice(2) };
  const at = query.lastIndexOf('&k=');
  return at < 0 ? { body: query, k: null } : { body: query.slice(0, at), k: query.slice(at + 3) };
}

function decodeInline(inline: string, problems: string[]): string | null {
  if (inline.length > MAX_URL_SCENARIO_JSON_CHARS) {
    problems.push(`lessonJson: ${inline.length} characters, more than the limit of ${MAX_URL_SCENARIO_JSON_CHARS}`);
    return null;
  }
  const text = fromBase64Url(inline);
  if (text === null) problems.push('lessonJson: not valid base64url of UTF-8 text');
  return text;
}

function wholeNumber(text: string | null, name: string, max: number, problems: string[]): number | null {
  if (text !== null && /^\d+$/.test(text) && Number(text) <= max) return Number(text);
  problems.push(`${name}: must be a whole number from 0 to ${max}, got ${text === null ? 'nothing' : echoText(text)}`);
  return null;
}

function decodeCommands(all: string[], problems: string[]): LessonResult['commands'] {
  if (all.length > MAX_URL_COMMANDS) problems.push(`c: ${all.length} commands, more than the limit of ${MAX_URL_COMMANDS}; the rest were skipped`);
  const commands: LessonResult['commands'] = [];
  all.slice(0, MAX_URL_COMMANDS).forEach((entry, i) => {
    const label = `c (command ${i + 1}, ${echoText(entry)})`;
    const match = /^([^@]+)@(\d+)@(.+)$/s.exec(entry);
    if (!match || !TIME.test(match[1]) || Number(match[1]) > MAX_SIM_HORIZON_MS) {
      problems.push(`${label}: expected <atMs>@<afterEvent>@<command>, e.g. 5000@812@node.crash:n3; skipped`);
      return;
    }
    const parsed = parseCliCommand(match[3]);
    if (!parsed.ok) {
      problems.push(`${label}: ${parsed.error}; skipped`);
      return;
    }
    const previous = commands[commands.length - 1];
    const atMs = Number(match[1]);
    const afterEvent = Number(match[2]);
    if (previous && (afterEvent < previous.afterEvent || atMs < previous.atMs)) {
      problems.push(`${label}: comes before the command ahead of it; commands must be in order; skipped`);
      return;
    }
    commands.push({ atMs, afterEvent, command: match[3] });
  });
  return commands;
}

function decodePredictions(all: string[], problems: string[]): Record<string, PredictionRecord> {
  const predictions: Record<string, PredictionRecord> = {};
  const pattern = new RegExp(`^(${STEP}):([^@]+)@e=(\\d+)$`);
  all.forEach((entry, i) => {
    const match = pattern.exec(entry);
    const label = `p (prediction ${i + 1}, ${echoText(entry)})`;
    if (!match || Number(match[3]) > MAX_URL_EVENT_COUNT || !(NUMBER.test(match[2]) || new RegExp(`^${STEP}$`).test(match[2]))) {
      problems.push(`${label}: expected <stepId>:<choice or number>@e=<event>, e.g. predict:b@e=412; skipped`);
      return;
    }
    if (predictions[match[1]]) {
      problems.push(`${label}: step "${match[1]}" has a prediction already; skipped`);
      return;
    }
    const atEvent = Number(match[3]);
    predictions[match[1]] = NUMBER.test(match[2]) ? { value: Number(match[2]), atEvent } : { choice: match[2], atEvent };
  });
  return predictions;
}

function decodeTexts(all: string[], problems: string[]): Record<string, string> {
  const texts: Record<string, string> = {};
  const pattern = new RegExp(`^(${STEP}):([A-Za-z0-9_-]*)$`);
  all.forEach((entry, i) => {
    const match = pattern.exec(entry);
    const text = match ? fromBase64Url(match[2]) : null;
    if (!match || text === null) {
      problems.push(`w (text ${i + 1}): expected <stepId>:<base64url text>; skipped`);
      return;
    }
    if (text.length > MAX_ANSWER_CHARS) {
      problems.push(`w (text ${i + 1}, step "${match[1]}"): ${text.length} characters, more than the limit of ${MAX_ANSWER_CHARS}; skipped`);
      return;
    }
    texts[match[1]] = text;
  });
  return texts;
}

function decodeDone(all: string[], problems: string[]): Record<string, number> {
  const done: Record<string, number> = {};
  const pattern = new RegExp(`^(${STEP})@(\\d+)$`);
  for (const item of all.flatMap((value) => value.split(',')).filter((item) => item !== '')) {
    const match = pattern.exec(item);
    if (!match || Number(match[2]) > MAX_URL_EVENT_COUNT) problems.push(`done: expected <stepId>@<event>, got ${echoText(item)}; skipped`);
    else done[match[1]] = Number(match[2]);
  }
  return done;
}
