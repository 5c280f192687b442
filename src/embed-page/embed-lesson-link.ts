import { toBase64Url } from '../lessons/base64url';
import type { LessonHost, LessonLoadOutcome, LessonResultSummary } from '../ui/lesson/lesson-host';
import type { EmbedLessonBridge } from './embed-channel';

/**
 * Joins the lesson player and the embed's channel, both ways (in the console's lazily loaded chunk, never the
 * start-up code): the player's steps and results become `lesson` and `result` events; the host's `lesson.load`
 * mounts a (new) player on a lesson query, and `lesson.result` reads the player's current result.
 */

/** The lesson the page shows: its query (`?lesson=…&student=…` or `?lessonJson=…`) and a key that changes per load. */
export interface MountedLesson {
  search: string;
  key: number;
}

export interface EmbedLessonLink {
  bridge: EmbedLessonBridge;
  host: LessonHost;
  current(): MountedLesson | null;
  subscribe(listener: () => void): () => void;
}

type Phase = { kind: 'none' } | { kind: 'loading' } | { kind: 'student' } | { kind: 'failed'; problem: string } | { kind: 'shown' };

export function createEmbedLessonLink(setup: {
  /** The URL's lesson query, or '' when the embed opened without one. */
  initialSearch: string;
  send: (name: 'lesson' | 'result', data: unknown) => void;
  resultPage?: string;
}): EmbedLessonLink {
  let mounted: MountedLesson | null = setup.initialSearch === '' ? null : { search: setup.initialSearch, key: 0 };
  let phase: Phase = mounted ? { kind: 'loading' } : { kind: 'none' };
  let read: (() => Promise<LessonResultSummary>) | null = null;
  /** The last `lesson` event sent, so a repeated report (strict mode's second effect) is not sent twice. */
  let lastStep = '';
  let pending: { resolve: (value: unknown) => void; reject: (error: Error) => void } | null = null;
  const listeners = new Set<() => void>();

  const host: LessonHost = {
    resultPage: setup.resultPage,
    loaded(outcome: LessonLoadOutcome) {
      phase = !outcome.ok ? { kind: 'failed', problem: outcome.problem } : outcome.variant === null ? { kind: 'student' } : { kind: 'shown' };
      const waiting = pending;
      pending = null;
      if (!waiting) return;
      if (outcome.ok) waiting.resolve({ lessonId: outcome.lessonId, title: outcome.title, variant: outcome.variant });
      else waiting.reject(new Error(`lesson.load: ${outcome.problem}`));
    },
    step(event) {
      const key = `${event.stepId}\n${event.status}`;
      if (key === lastStep) return;
      lastStep = key;
      setup.send('lesson', { stepId: event.stepId, status: event.status });
    },
    result: (summary) => setup.send('result', summary),
    provideResult(reader) {
      read = reader;
      return () => {
        if (read === reader) read = null;
      };
    },
  };

  const bridge: EmbedLessonBridge = {
    load(what, options) {
      const search = lessonSearchOf(what, options);
      pending?.reject(new Error('lesson.load: replaced by a later lesson.load before the lesson showed'));
      read = null;
      lastStep = '';
      phase = { kind: 'loading' };
      mounted = { search, key: (mounted?.key ?? 0) + 1 };
      const shown = new Promise((resolve, reject) => (pending = { resolve, reject }));
      listeners.forEach((listener) => listener());
      return shown;
    },
    async result() {
      if (read) return read();
      throw new Error(`lesson.result: ${whyNoResult(phase)}`);
    },
  };

  return {
    bridge,
    host,
    current: () => mounted,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function whyNoResult(phase: Phase): string {
  switch (phase.kind) {
    case 'none':
      return 'no lesson loaded (open the embed with lesson=… or lessonJson=…, or call lesson.load)';
    case 'loading':
      return 'the lesson is still loading';
    case 'student':
      return 'the lesson waits for the learner’s name or student id';
    case 'failed':
      return `no lesson loaded: the lesson did not load (${phase.problem})`;
    case 'shown':
      return 'the lesson player has not started yet';
  }
}

/**
 * The lesson query for `lesson.load(lessonIdOrJsonOrUrl, {student?})`: an object or a text starting with `{` is the
 * lesson itself (`lessonJson=`), anything else a built-in id or an address (`lesson=`). The player checks it as it
 * checks the page's own URL (limits, https only, data only). A TypeError is the host's bad arguments.
 */
export function lessonSearchOf(what: unknown, options: unknown): string {
  const params = new URLSearchParams();
  if (typeof what === 'object' && what !== null) params.set('lessonJson', toBase64Url(JSON.stringify(what)));
  else if (typeof what === 'string' && what.trim().startsWith('{')) params.set('lessonJson', toBase64Url(what));
  else if (typeof what === 'string' && what.trim() !== '') params.set('lesson', what.trim());
  else throw new TypeError(`lesson.load: the first argument must be a built-in lesson id, a lesson's JSON or its https address, got ${JSON.stringify(what) ?? String(what)}`);
  if (options !== undefined && options !== null) {
    const student = typeof options === 'object' ? (options as { student?: unknown }).student : options;
    if (typeof options !== 'object' || (student !== undefined && typeof student !== 'string')) {
      throw new TypeError(`lesson.load: the options must be {student?: string}, got ${JSON.stringify(options) ?? String(options)}`);
    }
    if (typeof student === 'string' && student.trim() !== '') params.set('student', student.trim());
  }
  return `?${params.toString()}`;
}
