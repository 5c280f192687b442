import { describe, expect, it } from 'vitest';
import { placeholdersIn, substitute } from './variables';

describe('substitute: {{name}} placeholders', () => {
  const values = { node: 'n2', healAtMs: 7000, blip: 2.5, on: false, list: ['n1', 'n2'], none: null };

  it('a whole string becomes the value with its JSON type', () => {
    expect(substitute('{{healAtMs}}', values)).toBe(7000);
    expect(substitute('{{on}}', values)).toBe(false);
    expect(substitute('{{list}}', values)).toEqual(['n1', 'n2']);
    expect(substitute('{{none}}', values)).toBeNull();
    expect(substitute('{{ node }}', values)).toBe('n2');
  });

  it('inside a longer string it becomes text', () => {
    expect(substitute('node-{{node}}', values)).toBe('node-n2');
    expect(substitute('config.set:params.rehomeGraceMs={{healAtMs}}', values)).toBe('config.set:params.rehomeGraceMs=7000');
    expect(substitute('{{blip}} s on {{node}}', values)).toBe('2.5 s on n2');
    expect(substitute('[{{list}}]', values)).toBe('[["n1","n2"]]');
  });

  it('walks objects and lists, keys untouched, and leaves unknown names alone', () => {
    const lesson = {
      timeline: [{ atMs: '{{healAtMs}}', command: { type: 'link.heal', a: '{{node}}', b: 'cp' } }],
      '{{node}}': 'x',
      text: '{{runs.no-grace.metrics.bytesMoved}} bytes, {{unknown}}',
    };
    expect(substitute(lesson, values)).toEqual({
      timeline: [{ atMs: 7000, command: { type: 'link.heal', a: 'n2', b: 'cp' } }],
      '{{node}}': 'x',
      text: '{{runs.no-grace.metrics.bytesMoved}} bytes, {{unknown}}',
    });
  });

  it('keeps a "__proto__" key a key', () => {
    const input = JSON.parse('{"__proto__": {"polluted": "{{node}}"}}') as Record<string, unknown>;
    const out = substitute(input, values);
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it('does not change its input', () => {
    const input = { a: ['{{node}}'] };
    substitute(input, values);
    expect(input).toEqual({ a: ['{{node}}'] });
  });
});

describe('placeholdersIn', () => {
  it('lists every placeholder with its path', () => {
    expect(placeholdersIn({ steps: [{ text: 'a {{x}} b {{ y }}' }], n: 3, s: '{{z}}' })).toEqual([
      { path: ['steps', 0, 'text'], name: 'x' },
      { path: ['steps', 0, 'text'], name: 'y' },
      { path: ['s'], name: 'z' },
    ]);
  });
});
