import { describe, expect, it } from 'vitest';
import { DEFAULT_EMBED_OPTIONS } from './embed-options';
import { parseEmbedOptions, UNMATCHABLE_ORIGIN } from './parse-embed-options';

const parse = (search: string) => parseEmbedOptions(search);

describe('parseEmbedOptions', () => {
  it('without options: the defaults of §3.2 and no problem', () => {
    expect(parse('?scenario=rehome-worked-example&t=18000')).toEqual({ options: DEFAULT_EMBED_OPTIONS, problems: [] });
  });

  describe('panels', () => {
    it('keeps the order given', () => {
      expect(parse('?panels=metrics,cluster,log').options.panels).toEqual(['metrics', 'cluster', 'log']);
    });
    it('names an unknown panel, lists the panels and says what it shows', () => {
      const { options, problems } = parse('?panels=foo');
      expect(options.panels).toEqual(['cluster', 'playback']);
      expect(problems).toEqual([
        "URL parameter panels: unknown panel 'foo' (panels: cluster, placement, metrics, log, inspector, manager, playback); showing cluster,playback.",
      ]);
    });
    it('drops an unknown panel and keeps the known ones', () => {
      const { options, problems } = parse('?panels=cluster,foo,metrics');
      expect(options.panels).toEqual(['cluster', 'metrics']);
      expect(problems[0]).toMatch(/unknown panel 'foo' .*; showing cluster,metrics\.$/);
    });
    it('an empty list and a repeated panel are named', () => {
      expect(parse('?panels=').problems[0]).toMatch(/^URL parameter panels: no panel named/);
      const repeated = parse('?panels=cluster,cluster');
      expect(repeated.options.panels).toEqual(['cluster']);
      expect(repeated.problems[0]).toMatch(/'cluster' is named twice/);
    });
  });

  it('controls: full, playback or none; anything else named, playback used', () => {
    expect(parse('?controls=none').options.controls).toBe('none');
    expect(parse('?controls=full').options.controls).toBe('full');
    expect(parse('?controls=all')).toMatchObject({
      options: { controls: 'playback' },
      problems: ["URL parameter controls: 'all' is not one of full, playback, none; using playback."],
    });
  });

  it.each(['interactive', 'autoplay', 'loop', 'poster'] as const)('%s takes 1 or 0, anything else is named', (name) => {
    expect(parse(`?${name}=1`).options[name]).toBe(true);
    expect(parse(`?${name}=0`).options[name]).toBe(false);
    const bad = parse(`?${name}=yes`);
    expect(bad.options[name]).toBe(DEFAULT_EMBED_OPTIONS[name]);
    expect(bad.problems).toEqual([`URL parameter ${name}: 'yes' is not 1 or 0; using ${DEFAULT_EMBED_OPTIONS[name] ? 1 : 0}.`]);
  });

  describe('until', () => {
    it('a time, an event, healthy or idle', () => {
      expect(parse('?until=18000').options.until).toEqual({ kind: 'time', ms: 18000 });
      expect(parse('?until=12.5').options.until).toEqual({ kind: 'time', ms: 12.5 });
      expect(parse('?until=e:240').options.until).toEqual({ kind: 'event', event: 240 });
      expect(parse('?until=healthy').options.until).toEqual({ kind: 'healthy' });
      expect(parse('?until=idle').options.until).toEqual({ kind: 'idle' });
    });
    it('names a bad value and does not stop', () => {
      for (const value of ['soon', 'e:x', 'e:-1', '-5', '99999999999']) {
        const { options, problems } = parse(`?until=${value}`);
        expect(options.until).toBeNull();
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatch(/^URL parameter until: '.*' .*\(until takes <ms>, e:<event>, healthy or idle\); playing does not stop there\.$/);
      }
    });
  });

  describe('range', () => {
    it('from-to events', () => {
      expect(parse('?range=120-180').options.range).toEqual({ fromEvent: 120, toEvent: 180 });
    });
    it('names a malformed or backwards range and shows the whole run', () => {
      expect(parse('?range=120').problems).toEqual([
        "URL parameter range: '120' is not <fromEvent>-<toEvent> (e.g. range=120-180); the whole run is shown.",
      ]);
      const backwards = parse('?range=180-120');
      expect(backwards.options.range).toBeNull();
      expect(backwards.problems[0]).toBe("URL parameter range: '180-120' ends at or before it starts (event 120 is not after event 180); the whole run is shown.");
    });
  });

  describe('origin', () => {
    it('an exact origin, with a trailing slash forgiven', () => {
      expect(parse('?origin=https://docs.example.com').options.origin).toBe('https://docs.example.com');
      expect(parse('?origin=http://127.0.0.1:4174/').options.origin).toBe('http://127.0.0.1:4174');
      expect(parse('?origin=https://docs.example.com').problems).toEqual([]);
    });
    it('a bad origin is named and matches no host', () => {
      const { options, problems } = parse('?origin=docs.example.com');
      expect(options.origin).toBe(UNMATCHABLE_ORIGIN);
      expect(problems).toEqual([
        "URL parameter origin: 'docs.example.com' is not an exact origin such as https://docs.example.com; no host page can connect to this embed.",
      ]);
      expect(parse('?origin=https://docs.example.com/guide').problems).toHaveLength(1);
    });
    // A sandboxed or file: parent posts with event.origin "null"; a kept "null" (or kept garbage) could equal it.
    it.each(['null', '%3Cgarbage%3E', 'file://'])('a bad origin %s is stored as a value no event.origin can equal', (raw) => {
      const { options, problems } = parse(`?origin=${raw}`);
      expect(options.origin).toBe(UNMATCHABLE_ORIGIN);
      expect(problems).toEqual([
        `URL parameter origin: '${decodeURIComponent(raw)}' is not an exact origin such as https://docs.example.com; no host page can connect to this embed.`,
      ]);
    });
    it('the stored stand-in is neither "null" nor any serialized origin (scheme://host[:port])', () => {
      expect(UNMATCHABLE_ORIGIN).not.toBe('null');
      expect(UNMATCHABLE_ORIGIN).not.toMatch(/^[a-z][a-z0-9+.-]*:\/\/[^\s/]*$/i);
      expect(UNMATCHABLE_ORIGIN).toMatch(/\s/);
    });
  });

  it('instance and label: text, trimmed; too long is cut and named', () => {
    expect(parse('?instance=a1&label=A%20flapping%20node').options).toMatchObject({ instance: 'a1', label: 'A flapping node' });
    expect(parse('?label=%20%20').options.label).toBeNull();
    const long = parse(`?label=${'x'.repeat(250)}`);
    expect(long.options.label).toHaveLength(200);
    expect(long.problems).toEqual(['URL parameter label: longer than 200 characters; using its first 200.']);
  });

  it('theme: auto, light or dark; anything else named, auto used', () => {
    expect(parse('?theme=dark').options.theme).toBe('dark');
    expect(parse('?theme=light').options.theme).toBe('light');
    expect(parse('?theme=sepia')).toMatchObject({
      options: { theme: 'auto' },
      problems: ["URL parameter theme: 'sepia' is not one of auto, light, dark; using auto."],
    });
  });

  it('every bad parameter is named, each once', () => {
    expect(parse('?panels=x&controls=y&autoplay=z&until=w&range=v&theme=u').problems).toHaveLength(6);
  });
});
