import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { toBase64Url } from '../../lessons/base64url';
import {
  DEFAULT_EMBED_CHOICES,
  consoleUrl,
  elementSnippet,
  embedUrl,
  iframeSnippet,
  mdxSnippet,
  momentOf,
  rstSnippet,
  type EmbedChoices,
  type SnippetSource,
} from './embed-snippets';

// A console share query as `encodeShareParams` writes it: a learner crashed n3 at 5 s, the moment is 18 s.
const SHARE = 'scenario=flapping-node-grace&seed=7&c=5000%40812%40node.crash%3An3&e=2310&t=18000';
const SOURCE: SnippetSource = { appBase: 'https://lab.example/docs/', shareQuery: SHARE, scenarioTitle: 'A flapping node' };
const choose = (over: Partial<EmbedChoices> = {}): EmbedChoices => ({ ...DEFAULT_EMBED_CHOICES, ...over });
const TRICKY = 'Say "no" <b>now</b> & then';

/** The embed URL's query as the page will read it. */
const paramsOf = (url: string) => new URL(url).searchParams;

/** A snippet's `src="…"` as a browser reads it (HTML attribute entities decoded). */
function srcOf(html: string): string {
  const raw = /\ssrc="([^"]*)"/.exec(html)![1];
  return raw.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

describe('momentOf', () => {
  it('reads the moment of a share query, the start when it has none', () => {
    expect(momentOf(SHARE)).toEqual({ timeMs: 18000, event: 2310 });
    expect(momentOf('scenario=x')).toEqual({ timeMs: 0, event: 0 });
  });
});

describe('embedUrl', () => {
  it('is /embed/ of the app base and keeps the moment: scenario, seed, c=, e=, t=', () => {
    const url = embedUrl(SOURCE, choose());
    expect(url.startsWith('https://lab.example/docs/embed/?')).toBe(true);
    const p = paramsOf(url);
    expect(p.get('scenario')).toBe('flapping-node-grace');
    expect(p.get('seed')).toBe('7');
    expect(p.getAll('c')).toEqual(['5000@812@node.crash:n3']);
    expect(p.get('e')).toBe('2310');
    expect(p.get('t')).toBe('18000');
  });

  it('names panels in the contract order, controls and theme, and only the options chosen', () => {
    const p = paramsOf(embedUrl(SOURCE, choose({ panels: ['playback', 'log', 'cluster'], theme: 'dark', controls: 'none' })));
    expect(p.get('panels')).toBe('cluster,log,playback');
    expect(p.get('controls')).toBe('none');
    expect(p.get('theme')).toBe('dark');
    for (const absent of ['until', 'range', 'poster', 'label']) expect(p.has(absent)).toBe(false);
  });

  it('writes until, range, poster and label when chosen', () => {
    const p = paramsOf(
      embedUrl(SOURCE, choose({ until: 'healthy', range: { fromEvent: 0, toEvent: 2310 }, poster: true, label: TRICKY })),
    );
    expect(p.get('until')).toBe('healthy');
    expect(p.get('range')).toBe('0-2310');
    expect(p.get('poster')).toBe('1');
    expect(p.get('label')).toBe(TRICKY);
  });

  it('from the start: drops e= and t= but keeps the commands (they apply when the run reaches them)', () => {
    const p = paramsOf(embedUrl(SOURCE, choose({ moment: 'start' })));
    expect(p.has('e')).toBe(false);
    expect(p.has('t')).toBe(false);
    expect(p.getAll('c')).toEqual(['5000@812@node.crash:n3']);
  });

  it('stays readable: commas, colons and @ unescaped, a plus sign escaped', () => {
    const url = embedUrl({ ...SOURCE, shareQuery: 'scenario=x&c=1%402%40config.set%3Aa%3D1%2B2' }, choose({ panels: ['cluster', 'metrics'] }));
    expect(url).toContain('c=1@2@config.set:a%3D1%2B2');
    expect(url).toContain('panels=cluster,metrics');
    expect(paramsOf(url).getAll('c')).toEqual(['1@2@config.set:a=1+2']);
  });

  it('the console URL for the same moment is the app base with the share query', () => {
    expect(consoleUrl(SOURCE, choose())).toBe(`https://lab.example/docs/?${SHARE.replace(/%40/g, '@').replace(/%3A/g, ':')}`);
  });
});

describe('iframeSnippet', () => {
  it('is §3.2\'s snippet: src, title, aspect-ratio style, lazy, allow, referrerpolicy, sandbox', () => {
    const html = iframeSnippet(SOURCE, choose());
    expect(html.startsWith('<iframe ')).toBe(true);
    expect(html.endsWith('></iframe>')).toBe(true);
    expect(srcOf(html)).toBe(embedUrl(SOURCE, choose()));
    expect(html).toContain('title="Failover Lab: A flapping node"');
    expect(html).toContain('style="width:100%; aspect-ratio:16/10; min-height:320px; border:0"');
    expect(html).toContain('loading="lazy"');
    expect(html).toContain('allow="fullscreen; clipboard-write"');
    expect(html).toContain('referrerpolicy="strict-origin-when-cross-origin"');
    expect(html).toContain('sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"');
    // Every & of the URL escaped, so the attribute reads the same in any HTML parser.
    expect(/\ssrc="[^"]*&(?!amp;)/.test(html)).toBe(false);
  });

  it('escapes ", < and & in a label (title attribute and URL)', () => {
    const html = iframeSnippet(SOURCE, choose({ label: TRICKY }));
    expect(html).toContain('title="Say &quot;no&quot; &lt;b&gt;now&lt;/b&gt; &amp; then"');
    expect(html).not.toContain('<b>');
    expect(paramsOf(srcOf(html)).get('label')).toBe(TRICKY);
  });
});

describe('elementSnippet', () => {
  it('loads the script once and maps the moment and the options to attributes', () => {
    const html = elementSnippet(SOURCE, choose({ panels: ['cluster', 'metrics', 'playback'], until: 'idle', poster: true }));
    expect(html).toContain('<script type="module" src="https://lab.example/docs/embed/failover-lab.js"></script>');
    expect(html).toContain('<failover-lab');
    expect(html).toContain('src="https://lab.example/docs/"');
    expect(html).toContain('scenario="flapping-node-grace"');
    expect(html).toContain('seed="7"');
    expect(html).toContain('commands="5000@812@node.crash:n3"');
    expect(html).toContain('time="18000"');
    expect(html).toContain('event="2310"');
    expect(html).toContain('panels="cluster,metrics,playback"');
    expect(html).toContain('until="idle"');
    expect(html).toContain('loading="lazy"');
    expect(html).toContain('reveal="interaction"');
    expect(html).toContain('height="auto"');
    expect(html.trimEnd().endsWith('</failover-lab>')).toBe(true);
    // The fallback for readers without JavaScript: the full console at the same moment.
    expect(html).toContain(`<a href="${consoleUrl(SOURCE, choose()).replace(/&/g, '&amp;')}">Open the simulation</a>`);
  });

  it('from the start: no time or event attribute', () => {
    const html = elementSnippet(SOURCE, choose({ moment: 'start' }));
    expect(html).not.toMatch(/\stime=/);
    expect(html).not.toMatch(/\sevent=/);
  });

  it('escapes ", < and & in a label', () => {
    const html = elementSnippet(SOURCE, choose({ label: TRICKY }));
    expect(html).toContain('label="Say &quot;no&quot; &lt;b&gt;now&lt;/b&gt; &amp; then"');
  });

  it('a loaded file (scenarioJson) goes in the slot script, with </script> unable to end it early', () => {
    const scenario = { id: 'mine', note: 'a </script> inside' };
    const source = { ...SOURCE, shareQuery: `scenarioJson=${toBase64Url(JSON.stringify(scenario))}&seed=1&e=3&t=40` };
    const html = elementSnippet(source, choose());
    expect(html).not.toMatch(/\sscenario=/);
    const slot = /<script type="application\/json" slot="scenario">([\s\S]*?)<\/script>/.exec(html);
    expect(slot).not.toBeNull();
    expect(JSON.parse(slot![1].replace(/<\\\//g, '</'))).toEqual(scenario);
  });
});

/** Syntax problems of a snippet read as JSX (what MDX compiles it to). */
function jsxProblems(snippet: string): string[] {
  const out = ts.transpileModule(`export const x = (\n${snippet}\n);`, {
    reportDiagnostics: true,
    fileName: 'snippet.tsx',
    compilerOptions: { jsx: ts.JsxEmit.Preserve },
  });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('mdxSnippet', () => {
  it('is valid JSX: self-closing, style={{…}}, referrerPolicy, no class or kebab-case React props', () => {
    const mdx = mdxSnippet(SOURCE, choose());
    expect(jsxProblems(mdx)).toEqual([]);
    expect(mdx.trimEnd().endsWith('/>')).toBe(true);
    expect(mdx).toContain("style={{ width: '100%', aspectRatio: '16/10', minHeight: 320, border: 0 }}");
    expect(mdx).toContain('referrerPolicy="strict-origin-when-cross-origin"');
    expect(mdx).not.toMatch(/\sclass=|referrerpolicy=/);
    expect(mdx).toContain('loading="lazy"');
    expect(mdx).toContain('sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"');
  });

  it('keeps the same URL as the iframe (a JSX string takes & as it is)', () => {
    const mdx = mdxSnippet(SOURCE, choose({ theme: 'light' }));
    expect(/\ssrc="([^"]*)"/.exec(mdx)![1]).toBe(embedUrl(SOURCE, choose({ theme: 'light' })));
  });

  it('a label with ", < and & becomes a JS string expression, still valid JSX', () => {
    const mdx = mdxSnippet(SOURCE, choose({ label: TRICKY }));
    expect(jsxProblems(mdx)).toEqual([]);
    expect(mdx).toContain(`title={${JSON.stringify(TRICKY)}}`);
  });
});

describe('rstSnippet', () => {
  it('is a raw html directive: a blank line, then the iframe indented', () => {
    const rst = rstSnippet(SOURCE, choose({ label: TRICKY }));
    const lines = rst.split('\n');
    expect(lines[0]).toBe('.. raw:: html');
    expect(lines[1]).toBe('');
    const body = lines.slice(2).filter((l) => l !== '');
    expect(body.length).toBeGreaterThan(0);
    for (const line of body) expect(line.startsWith('   ')).toBe(true);
    expect(body.map((l) => l.slice(3)).join('\n')).toBe(iframeSnippet(SOURCE, choose({ label: TRICKY })));
    expect(rst).toContain('&quot;no&quot; &lt;b&gt;');
  });
});
