// Goal: a host page follows the learner through a lesson in an embed and drives it: it hears `lesson {stepId, status}`
// once per change of the current step or its status, `result {lessonId, variant, resultUrl, passedSteps}` when the
// learner copies their result, loads another lesson with `lesson.load(id | JSON | URL, {student})` (answered when the
// lesson shows, or with the problem that stopped it), and reads `lesson.result()` — refused, in words, with no lesson.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromBase64Url } from '../lessons/base64url';
import type { Lesson, LessonStep } from '../lessons/lesson-types';
import { DEFAULT_EMBED_OPTIONS } from '../embed/embed-options';
import type { FailoverLabDriver } from '../embed/driver-api';
import { NO_PROGRESS } from '../ui/lesson/lesson-progress';
import { passedStepsOf, stepStatusOf } from '../ui/lesson/lesson-host';
import { installEmbedChannel, type ChannelWindow } from './embed-channel';
import { createEmbedLessonLink } from './embed-lesson-link';
import { createEmbedViewStore } from './embed-view-store';

const ports: MessagePort[] = [];
afterEach(() => ports.splice(0).forEach((p) => p.close()));

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
async function until<T>(find: () => T | undefined): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const found = find();
    if (found !== undefined) return found;
    await tick();
  }
  throw new Error('nothing arrived');
}

/** An embed whose console is ready, its lesson link provided, and a host connected over a port. */
async function hostWithLessonLink(initialSearch = '') {
  const parent = { postMessage: vi.fn() };
  const handlers = new Set<(event: MessageEvent) => void>();
  const win = {
    parent,
    addEventListener: (_t: 'message', h: (event: MessageEvent) => void) => handlers.add(h),
    removeEventListener: (_t: 'message', h: (event: MessageEvent) => void) => handlers.delete(h),
  } as unknown as ChannelWindow;
  const driver = { ready: Promise.resolve(), on: () => () => {} } as unknown as FailoverLabDriver;
  const options = DEFAULT_EMBED_OPTIONS;
  const channel = installEmbedChannel({ driver, view: createEmbedViewStore(options), options, win, observeHeight: () => () => {} });
  const link = createEmbedLessonLink({ initialSearch, send: channel.sendLessonEvent, resultPage: 'https://lab.example/' });
  channel.provideLesson(link.bridge);

  const pipe = new MessageChannel();
  ports.push(pipe.port1, pipe.port2);
  const received: Record<string, unknown>[] = [];
  pipe.port1.onmessage = (event) => received.push(event.data as Record<string, unknown>);
  const connect = { data: { fl: 1, type: 'fl.connect', instance: '' }, origin: 'https://docs.example.com', source: parent, ports: [pipe.port2] };
  handlers.forEach((h) => h(connect as unknown as MessageEvent));
  await until(() => received.find((m) => m.type === 'event' && m.name === 'ready'));
  let id = 0;
  const call = async (method: string, ...args: unknown[]) => {
    const callId = ++id;
    pipe.port1.postMessage({ id: callId, type: 'call', method, args });
    return until(() => received.find((m) => m.type === 'return' && m.id === callId));
  };
  const events = (name: string) => received.filter((m) => m.type === 'event' && m.name === name).map((m) => m.data);
  return { link, call, events };
}

describe('a lesson in the embed, as the host sees it', () => {
  it('hears each change of the current step or its status once, and the result when the learner copies it', async () => {
    const { link, events } = await hostWithLessonLink('?lesson=three-servers-majority');
    expect(link.current()).toMatchObject({ search: '?lesson=three-servers-majority' });
    link.host.step({ stepId: 'setup', status: 'shown' });
    // React's strict mode runs the player's effect twice: the host still hears it once.
    link.host.step({ stepId: 'setup', status: 'shown' });
    link.host.step({ stepId: 'predict-one', status: 'shown' });
    link.host.step({ stepId: 'predict-one', status: 'committed' });
    const summary = { lessonId: 'three-servers-majority', variant: 0, resultUrl: 'https://lab.example/?lesson=three-servers-majority&k=1', passedSteps: [] };
    link.host.result(summary);
    await until(() => (events('result').length > 0 ? true : undefined));
    expect(events('lesson')).toEqual([
      { stepId: 'setup', status: 'shown' },
      { stepId: 'predict-one', status: 'shown' },
      { stepId: 'predict-one', status: 'committed' },
    ]);
    expect(events('result')).toEqual([summary]);
  });

  it('refuses lesson.result, naming why, until a lesson shows; then answers with the current result', async () => {
    const { link, call } = await hostWithLessonLink();
    expect(await call('lesson.result')).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('no lesson loaded') } });
    const summary = { lessonId: 'grace-period-blip', variant: 1, resultUrl: 'https://lab.example/?lesson=grace-period-blip', passedSteps: ['tune'] };
    const withdraw = link.host.provideResult(async () => summary);
    expect(await call('lesson.result')).toMatchObject({ ok: true, value: summary });
    withdraw();
    expect(await call('lesson.result')).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('loads a lesson by id, JSON or URL with a student, answering once it shows, or with the problem', async () => {
    const { link, call, events } = await hostWithLessonLink();
    const shown = call('lesson.load', 'grace-period-blip', { student: 'ada' });
    await until(() => link.current() ?? undefined);
    expect(link.current()?.search).toBe('?lesson=grace-period-blip&student=ada');
    // The player shows its first step again for the new lesson: the host hears it even if the id repeats.
    link.host.step({ stepId: 'setup', status: 'shown' });
    link.host.loaded({ ok: true, lessonId: 'grace-period-blip', title: 'A blip', variant: 2 });
    expect(await shown).toMatchObject({ ok: true, value: { lessonId: 'grace-period-blip', title: 'A blip', variant: 2 } });

    const json = { id: 'mine', title: 'Mine' };
    const failed = call('lesson.load', json);
    await until(() => (link.current()?.search.includes('lessonJson') ? true : undefined));
    const params = new URLSearchParams(link.current()?.search);
    expect(JSON.parse(fromBase64Url(params.get('lessonJson') ?? '') ?? '')).toEqual(json);
    expect(params.has('student')).toBe(false);
    link.host.step({ stepId: 'setup', status: 'shown' });
    link.host.loaded({ ok: false, problem: 'lessonJson: steps: required' });
    expect(await failed).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('steps: required') } });
    expect(await call('lesson.result')).toMatchObject({ ok: false, error: { message: expect.stringContaining('steps: required') } });
    expect(events('lesson')).toEqual([
      { stepId: 'setup', status: 'shown' },
      { stepId: 'setup', status: 'shown' },
    ]);

    void call('lesson.load', ' https://docs.example.com/lessons/a.json ');
    await until(() => (link.current()?.search.includes('https') ? true : undefined));
    expect(new URLSearchParams(link.current()?.search).get('lesson')).toBe('https://docs.example.com/lessons/a.json');

    expect(await call('lesson.load', 42)).toMatchObject({ ok: false, error: { code: 'bad_args', message: expect.stringContaining('lesson.load') } });
    expect(await call('lesson.load', 'x', { student: 7 })).toMatchObject({ ok: false, error: { code: 'bad_args', message: expect.stringContaining('student') } });
  });
});

describe('an embed page whose lesson player comes with the console', () => {
  it('says it has lessons in fl.hello, and answers lesson calls not_ready (not unknown) until the player is there', async () => {
    const parent = { postMessage: vi.fn() };
    const handlers = new Set<(event: MessageEvent) => void>();
    const win = {
      parent,
      addEventListener: (_t: 'message', h: (event: MessageEvent) => void) => handlers.add(h),
      removeEventListener: (_t: 'message', h: (event: MessageEvent) => void) => handlers.delete(h),
    } as unknown as ChannelWindow;
    const driver = { ready: Promise.resolve(), on: () => () => {} } as unknown as FailoverLabDriver;
    const options = DEFAULT_EMBED_OPTIONS;
    installEmbedChannel({ driver, view: createEmbedViewStore(options), options, win, lessonLater: true, observeHeight: () => () => {} });
    const pipe = new MessageChannel();
    ports.push(pipe.port1, pipe.port2);
    const received: Record<string, unknown>[] = [];
    pipe.port1.onmessage = (event) => received.push(event.data as Record<string, unknown>);
    const connect = { data: { fl: 1, type: 'fl.connect', instance: '' }, origin: 'https://docs.example.com', source: parent, ports: [pipe.port2] };
    handlers.forEach((h) => h(connect as unknown as MessageEvent));
    expect(await until(() => received.find((m) => m.type === 'fl.hello'))).toMatchObject({ capabilities: ['driver', 'lesson', 'theme', 'panels'] });
    await until(() => received.find((m) => m.type === 'event' && m.name === 'ready'));
    pipe.port1.postMessage({ id: 1, type: 'call', method: 'lesson.result', args: [] });
    expect(await until(() => received.find((m) => m.type === 'return' && m.id === 1))).toMatchObject({ ok: false, error: { code: 'not_ready' } });
  });
});

describe('the status words of the learner’s current step', () => {
  const predict = { id: 'p', type: 'predict', prompt: '?', choices: [] } as unknown as LessonStep;
  const task = { id: 't', type: 'task', prompt: 'do', check: true } as unknown as LessonStep;
  const observe = { id: 'o', type: 'observe', runs: [] } as unknown as LessonStep;
  const play = { id: 'n', type: 'narrate', text: '', play: { until: 'healthy' } } as unknown as LessonStep;

  it('says shown, committed, done, passed and failed from the player’s progress', () => {
    expect(stepStatusOf(predict, NO_PROGRESS, null)).toBe('shown');
    expect(stepStatusOf(predict, { ...NO_PROGRESS, predictions: { p: { choice: 'a', atEvent: 3 } } }, null)).toBe('committed');
    expect(stepStatusOf(task, { ...NO_PROGRESS, checks: { t: { passed: false } as never } }, null)).toBe('failed');
    expect(stepStatusOf(task, { ...NO_PROGRESS, checks: { t: { passed: true } as never } }, null)).toBe('passed');
    expect(stepStatusOf(observe, { ...NO_PROGRESS, observed: { o: {} as never } }, null)).toBe('done');
    expect(stepStatusOf(play, NO_PROGRESS, false)).toBe('shown');
    expect(stepStatusOf(play, NO_PROGRESS, true)).toBe('done');
    const lesson = { steps: [predict, task, observe] } as unknown as Lesson;
    expect(passedStepsOf(lesson, { ...NO_PROGRESS, done: { o: 4 } })).toEqual([]);
    expect(passedStepsOf(lesson, { ...NO_PROGRESS, done: { o: 4, t: 9 } })).toEqual(['t']);
  });
});
