import { describe, expect, it } from 'vitest';
import { toQuery } from '../packages/playwright/src/query';
import { assertSupported, resolveSelectors } from '../packages/playwright/src/selectors/index';

/** The kit's selector resolver and query builder: what a test author sees when the console's version moves. */
describe('the kit resolves test ids per driver version', () => {
  it('speaks driver 1.x: a later minor gets the newest spelling at or below it', () => {
    const sel = resolveSelectors('1.4');
    expect(sel.node('n3')).toBe('node-n3');
    expect(sel.link('n2', 'cp')).toBe('link-n2-cp');
    expect(sel.link('cp', 'n2')).toBe('link-n2-cp');
    expect(sel.playback.play).toBe('control-play');
  });

  it('fails fast, naming both versions, on a driver major it does not speak', () => {
    expect(() => assertSupported('2.0')).toThrow(/speaks driver 1\.x; the page's window\.failoverLab\.version is 2\.0/);
    expect(() => resolveSelectors('0.9')).toThrow(/version is 0\.9/);
    expect(() => resolveSelectors('one')).toThrow(/not "<major>\.<minor>"/);
  });
});

describe('lab.open() URL parameters', () => {
  it('merges an object or a string over labQuery defaults; arrays repeat a parameter', () => {
    expect(toQuery({ scenario: 'x', c: ['0@0@node.crash:n1', '5@9@node.restart:n1'] })).toBe(
      '?scenario=x&c=0%400%40node.crash%3An1&c=5%409%40node.restart%3An1',
    );
    expect(toQuery('?scenario=y&t=100', { scenario: 'x', theme: 'dark' })).toBe('?theme=dark&scenario=y&t=100');
    expect(toQuery({ timeline: 0 }, { theme: 'dark' })).toBe('?theme=dark&timeline=0');
    expect(toQuery(undefined)).toBe('');
  });
});
