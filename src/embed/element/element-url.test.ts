// Goal: a docs author's <failover-lab> attributes open the embed at the same thing a pasted iframe with the same
// options would show, and its fallback/share link opens the full console at that moment.
import { describe, expect, it } from 'vitest';
import { consoleUrl, embedUrl } from './element-url';

const attrs = (values: Record<string, string>) => (name: string) => values[name] ?? null;

describe('the element URL', () => {
  it('maps attributes to the embed options, time and event to t and e, commands to c', () => {
    const url = embedUrl({
      attribute: attrs({ scenario: 'flapping-node-grace', time: '18000', event: '40', panels: 'cluster,metrics', controls: 'playback', until: 'healthy', label: 'A flap', instance: 'x', commands: 'node.crash:n3 5000@812@link.heal:n2,cp' }),
      base: 'https://lab.example/',
      theme: 'dark',
      hostOrigin: 'https://docs.example.com',
    });
    expect(url.origin + url.pathname).toBe('https://lab.example/embed/');
    const p = url.searchParams;
    expect(p.get('scenario')).toBe('flapping-node-grace');
    expect(p.get('t')).toBe('18000');
    expect(p.get('e')).toBe('40');
    expect(p.get('panels')).toBe('cluster,metrics');
    expect(p.get('until')).toBe('healthy');
    expect(p.get('label')).toBe('A flap');
    expect(p.get('instance')).toBe('x');
    expect(p.getAll('c')).toEqual(['0@0@node.crash:n3', '5000@812@link.heal:n2,cp']);
    expect(p.get('theme')).toBe('dark');
    expect(p.get('origin')).toBe('https://docs.example.com');
    expect(p.has('autoplay')).toBe(false);
  });

  it("keeps the console's timeline=0 (the Share dialog writes it for a run without the scenario's own commands)", () => {
    const input = { attribute: attrs({ scenario: 'rehome-worked-example', timeline: '0' }), base: 'https://lab.example/' };
    expect(embedUrl({ ...input, theme: 'light', hostOrigin: null }).searchParams.get('timeline')).toBe('0');
    expect(consoleUrl(input).searchParams.get('timeline')).toBe('0');
  });

  it('accepts a src that points at the app or at its embed page, and plays after Run unless autoplay is set', () => {
    const at = (base: string) => embedUrl({ attribute: attrs({}), base, theme: 'light', hostOrigin: null, run: true });
    expect(at('https://lab.example/tools/').pathname).toBe('/tools/embed/');
    expect(at('https://lab.example/tools/embed/').pathname).toBe('/tools/embed/');
    expect(at('https://lab.example/tools').pathname).toBe('/tools/embed/');
    expect(at('https://lab.example/').searchParams.get('autoplay')).toBe('1');
    expect(at('https://lab.example/').searchParams.has('origin')).toBe(false);
  });

  it('carries an inline scenario as base64url that decodes to the same text', () => {
    const json = '{"id":"mine","title":"Ünïcode"}';
    const url = embedUrl({ attribute: attrs({}), base: 'https://lab.example/', theme: 'light', hostOrigin: null, scenarioJson: json });
    const encoded = url.searchParams.get('scenarioJson')!;
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    const bytes = Uint8Array.from(atob(encoded.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).toBe(json);
  });

  it('links the full console at the moment last shown', () => {
    const input = { attribute: attrs({ scenario: 'rehome-worked-example', time: '18000', panels: 'cluster' }), base: 'https://lab.example/' };
    expect(consoleUrl(input).href).toBe('https://lab.example/?scenario=rehome-worked-example&t=18000');
    expect(consoleUrl(input, { timeMs: 25000, event: 900 }).href).toBe('https://lab.example/?scenario=rehome-worked-example&e=900&t=25000');
  });
});
