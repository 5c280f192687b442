import { describe, expect, it } from 'vitest';
import type { LessonResult } from './lesson-types';
import { decodeResult, encodeResult } from './result-url';

const result = (): LessonResult => ({
  lessonRef: 'grace-period-blip',
  lessonJson: null,
  lessonHash: 'ba7816bf',
  student: 'ana.k',
  variant: 1,
  commands: [
    { atMs: 0, afterEvent: 0, command: 'config.set:params.rehomeGraceMs=600' },
    { atMs: 5012.5, afterEvent: 412, command: 'network.partition:n1+n2|n3+cp' },
  ],
  predictions: {
    predict: { choice: 'b', why: 'It comes back — «soon» & fast?', atEvent: 412 },
    count: { value: 40.5, atEvent: 500 },
  },
  texts: { predict: 'It comes back — «soon» & fast?', wrap: 'Churn against exposure.\nTwo lines.' },
  done: { tune: 1307, transfer: 1400 },
  eventCount: 1500,
  timeMs: 16730.25,
});

describe('result URLs (teaching-embed.md §2.7)', () => {
  it('round-trip every field', () => {
    const query = encodeResult(result());
    expect(decodeResult(query)).toEqual({ result: result(), problems: [] });
  });

  it('use the parameters of §2.7, checksum last', () => {
    const query = encodeResult(result());
    const params = new URLSearchParams(query);
    expect(params.get('lesson')).toBe('grace-period-blip');
    expect(params.get('lh')).toBe('ba7816bf');
    expect(params.get('v')).toBe('1');
    expect(params.getAll('c')).toEqual(['0@0@config.set:params.rehomeGraceMs=600', '5012.5@412@network.partition:n1+n2|n3+cp']);
    expect(params.getAll('p')).toEqual(['predict:b@e=412', 'count:40.5@e=500']);
    expect(params.get('done')).toBe('tune@1307,transfer@1400');
    expect(params.get('e')).toBe('1500');
    expect(params.get('t')).toBe('16730.25');
    expect(query).toMatch(/&k=[0-9a-f]{8}$/);
  });

  it('carry an inline lesson as lessonJson', () => {
    const inline = { ...result(), lessonRef: null, lessonJson: '{"lesson": "1", "title": "Ünïcode"}' };
    const query = encodeResult(inline);
    expect(new URLSearchParams(query).get('lesson')).toBeNull();
    expect(decodeResult(query)).toEqual({ result: inline, problems: [] });
  });

  it('read a whole URL as pasted, with spaces around it', () => {
    const url = `  https://lab.example/?${encodeResult(result())}#top \n`;
    expect(decodeResult(url)).toEqual({ result: result(), problems: [] });
  });

  it('catch a damaged paste by its checksum', () => {
    const query = encodeResult(result()).replace('rehomeGraceMs%3D600', 'rehomeGraceMs%3D900');
    const decoded = decodeResult(query);
    expect(decoded.problems).toEqual([
      'the result URL was changed or damaged after it was made (its checksum k does not match): ask for it again',
    ]);
    expect(decoded.result?.commands[0].command).toBe('config.set:params.rehomeGraceMs=900');
  });

  it('catch a paste cut short (no checksum)', () => {
    const query = encodeResult(result());
    const cut = query.slice(0, query.indexOf('&done='));
    const decoded = decodeResult(cut);
    expect(decoded.problems).toContain('the result URL has no checksum k (it was probably cut short when pasted): ask for it again');
  });

  it('name every bad parameter and never throw', () => {
    const bad = 'lesson=x&lh=zz&student=&v=-1&c=soon@1@node.crash:n3&c=0@0@node.crush:n3&p=predict&p=:b@e=1&w=wrap:%%%&done=tune@x&e=a&t=-5';
    const decoded = decodeResult(bad);
    expect(decoded.problems).toEqual([
      'lh: must be the lesson hash, 8 hex characters, got "zz"',
      'student: must be a non-empty name of at most 200 characters, got ""',
      'v: must be a whole number from 0 to 99, got "-1"',
      'c (command 1, "soon@1@node.crash:n3"): expected <atMs>@<afterEvent>@<command>, e.g. 5000@812@node.crash:n3; skipped',
      expect.stringMatching(/^c \(command 2, "0@0@node\.crush:n3"\): unknown command type "node\.crush"/),
      'p (prediction 1, "predict"): expected <stepId>:<choice or number>@e=<event>, e.g. predict:b@e=412; skipped',
      'p (prediction 2, ":b@e=1"): expected <stepId>:<choice or number>@e=<event>, e.g. predict:b@e=412; skipped',
      'w (text 1): expected <stepId>:<base64url text>; skipped',
      'done: expected <stepId>@<event>, got "tune@x"; skipped',
      'e: must be a whole number from 0 to 10000000, got "a"',
      't: must be a number of ms from 0 to 86400000, got "-5"',
      'the result URL has no checksum k (it was probably cut short when pasted): ask for it again',
    ]);
    expect(decoded.result).not.toBeNull();
  });

  it('is not a result without a lesson and its hash', () => {
    expect(decodeResult('hello world')).toEqual({
      result: null,
      problems: ['not a result URL: it names no lesson (lesson= or lessonJson=) and no lesson hash (lh=)'],
    });
    expect(decodeResult('')).toEqual({
      result: null,
      problems: ['not a result URL: it names no lesson (lesson= or lessonJson=) and no lesson hash (lh=)'],
    });
    for (const junk of ['%', '?&&&', 'lesson=%E0%A4%A', 'k=1&k=2', '#', 'https://x/?lessonJson=!!!&lh=00000000']) {
      expect(() => decodeResult(junk), junk).not.toThrow();
    }
  });
});
