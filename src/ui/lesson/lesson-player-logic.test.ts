// Goal: what the learner notices of the player's rules: a control the step does not use is refused in words naming
// what the step does allow; a prediction locks what follows; the result carries every command of the run with its
// moment; lesson text cannot smuggle markup into the page.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Lesson, LessonStep } from '../../lessons/lesson-types';
import { allowedCommands, commandRefusal } from './command-policy';
import { LessonMarkdown } from './lesson-markdown';
import { NO_PROGRESS, continueBlocked, resultOf } from './lesson-progress';

const task: LessonStep = { id: 'tune', type: 'task', prompt: 'Tune it', check: true, allowCommands: ['config.set:params.rehomeGraceMs'] };
const narrate: LessonStep = { id: 'setup', type: 'narrate', text: 'Hello' };
const lesson = { ui: { controls: 'playback', allowCommands: [] } } as unknown as Lesson;

describe('the lesson player', () => {
  it('lets a task step use only its own commands, and says so in words', () => {
    expect(allowedCommands(lesson, narrate)).toEqual([]);
    expect(allowedCommands(lesson, task)).toEqual(['config.set:params.rehomeGraceMs']);
    expect(allowedCommands({ ui: {} } as unknown as Lesson, task)).toBeNull();
    const allowed = allowedCommands(lesson, task);
    expect(commandRefusal(allowed, { type: 'config.set', path: 'params.rehomeGraceMs', value: 600 })).toBeNull();
    expect(commandRefusal(allowed, { type: 'node.crash', node: 'n3' })).toBe(
      'This lesson step does not use node.crash; it lets you use changing params.rehomeGraceMs.',
    );
    expect(commandRefusal([], { type: 'config.set', path: 'failover.autoReReplicate', value: false })).toBe(
      'This lesson step does not use changing failover.autoReReplicate: it asks you to watch the run (play, step, step back).',
    );
  });

  it('keeps Continue locked on a prediction until it is committed, and on "play until" until the run got there', () => {
    const predict: LessonStep = { id: 'predict', type: 'predict', prompt: 'What happens?', choices: [{ id: 'a', text: 'A' }] };
    expect(continueBlocked(predict, NO_PROGRESS, null)).toMatch(/^Commit your prediction first/);
    expect(continueBlocked(predict, { ...NO_PROGRESS, predictions: { predict: { choice: 'a', atEvent: 12 } } }, null)).toBeNull();
    const play: LessonStep = { id: 'blip', type: 'narrate', play: { until: true } };
    expect(continueBlocked(play, NO_PROGRESS, false)).toMatch(/^Play the run first/);
    expect(continueBlocked(play, NO_PROGRESS, true)).toBeNull();
  });

  it("builds the result from the run's share query: every command with its moment, predictions, texts, done", () => {
    const progress = {
      ...NO_PROGRESS,
      predictions: { predict: { choice: 'b', why: 'grace', atEvent: 412 } },
      texts: { predict: 'grace', wrap: 'time against churn' },
      done: { tune: 900 },
    };
    const query = 'scenarioJson=abc&seed=7&c=6426%40401%40config.set%3Aparams.rehomeGraceMs%3D600&e=980&t=8000';
    const result = resultOf({ ref: 'grace-period-blip', json: null, hash: '1a2b3c4d', student: 'ana.k', variant: 1 }, progress, query);
    expect(result).toEqual({
      lessonRef: 'grace-period-blip',
      lessonJson: null,
      lessonHash: '1a2b3c4d',
      student: 'ana.k',
      variant: 1,
      commands: [{ atMs: 6426, afterEvent: 401, command: 'config.set:params.rehomeGraceMs=600' }],
      predictions: progress.predictions,
      texts: progress.texts,
      done: { tune: 900 },
      eventCount: 980,
      timeMs: 8000,
    });
  });

  it('renders lesson Markdown as text and elements, never as markup from the lesson', () => {
    const html = renderToStaticMarkup(
      createElement(LessonMarkdown, { text: 'Watch **n2** and `cp`.\n\n- one *two*\n- <img src=x onerror=alert(1)>' }),
    );
    expect(html).toBe(
      '<div class="lesson-md"><p>Watch <strong>n2</strong> and <code>cp</code>.</p><ul><li>one <em>two</em></li><li>&lt;img src=x onerror=alert(1)&gt;</li></ul></div>',
    );
  });
});
