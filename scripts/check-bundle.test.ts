import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBundle, filesLoadedByHtml, measure, startupFiles } from './check-bundle';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function build(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'check-bundle-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

const HTML = `<!doctype html><html><head>
<script type="module" crossorigin src="/assets/index-1.js"></script>
<link rel="modulepreload" crossorigin href="/assets/vendor-2.js">
<link rel="stylesheet" crossorigin href="/assets/index-3.css">
<link rel="icon" type="image/svg+xml" href="/favicon.svg">
</head><body><div id="root"></div></body></html>`;

describe('check-bundle', () => {
  it('reads what index.html loads: module scripts, preloads and stylesheets, not the icon', () => {
    expect(filesLoadedByHtml(HTML)).toEqual(['assets/index-1.js', 'assets/vendor-2.js', 'assets/index-3.css']);
  });

  it('counts chunks imported statically and leaves lazy ones out', () => {
    const root = build({
      'index.html': HTML,
      'assets/index-1.js': 'import{a}from"./shared-4.js";import"./vendor-2.js";const p=()=>import("./statechart-5.js");export{a,p};',
      'assets/shared-4.js': 'export*from"./deep-6.js";export const a=1;',
      'assets/deep-6.js': 'export const d=2;',
      'assets/vendor-2.js': 'export const v=3;',
      'assets/index-3.css': 'body{margin:0}',
      'assets/statechart-5.js': 'import"./shared-4.js";export const s=4;',
      'assets/statechart-7.css': '.statechart{}',
    });
    expect(startupFiles(root).sort()).toEqual(
      ['assets/deep-6.js', 'assets/index-1.js', 'assets/index-3.css', 'assets/shared-4.js', 'assets/vendor-2.js', 'index.html'],
    );
    const { startup, lazy, total } = measure(root);
    expect(lazy.map((f) => f.file).sort()).toEqual(['assets/statechart-5.js', 'assets/statechart-7.css']);
    expect(total).toBe(startup.reduce((sum, f) => sum + f.gzip, 0));
    const index = startup.find((f) => f.file === 'index.html')!;
    expect(index.gzip).toBe(gzipSync(HTML, { level: 9 }).length);
  });

  it('names a file the page loads that the build lacks', () => {
    const root = build({ 'index.html': HTML, 'assets/index-1.js': 'export{}' });
    expect(() => startupFiles(root)).toThrow(/assets\/vendor-2\.js is loaded by the page but is not in/);
  });

  const EMBED_HTML = `<!doctype html><html><head>
<script>var inline = 1;</script>
<script type="module" crossorigin src="/assets/embed-8.js"></script>
<link rel="stylesheet" href="./embed-9.css">
</head><body><div id="root"></div></body></html>`;

  it("reads the embed page's start-up from embed/index.html, with relative URLs from its folder", () => {
    const root = build({
      'index.html': HTML,
      'assets/index-1.js': 'export{}',
      'assets/vendor-2.js': 'export{}',
      'assets/index-3.css': '',
      'embed/index.html': EMBED_HTML,
      'embed/embed-9.css': 'body{}',
      'assets/embed-8.js': 'import"./vendor-2.js";const c=()=>import("./console-10.js");export{c};',
      'assets/console-10.js': 'export const big=1;',
    });
    expect(filesLoadedByHtml(EMBED_HTML, 'embed/index.html')).toEqual(['assets/embed-8.js', 'embed/embed-9.css']);
    expect(startupFiles(root, 'embed/index.html').sort()).toEqual(['assets/embed-8.js', 'assets/vendor-2.js', 'embed/embed-9.css', 'embed/index.html']);
    expect(measure(root, 'embed/index.html').lazy.map((f) => f.file)).toContain('assets/console-10.js');
  });

  it('prints the console first, as before, then the embed page, and fails when either is over budget', () => {
    const root = build({
      'index.html': HTML,
      'assets/index-1.js': 'export{}',
      'assets/vendor-2.js': 'export{}',
      'assets/index-3.css': '',
      'embed/index.html': EMBED_HTML,
      'embed/embed-9.css': 'x'.repeat(5000),
      'assets/embed-8.js': `export const s="${Array.from({ length: 3000 }, (_, i) => i.toString(36)).join('')}";`,
    });
    const within = checkBundle(root, 150);
    expect(within.code).toBe(0);
    expect(within.lines[0]).toMatch(/^check-bundle: start-up HTML\+CSS\+JS .* KB gzip of a 150\.0 KB budget \(/);
    const embedLine = within.lines.find((l) => l.startsWith('check-bundle: embed/index.html'));
    expect(embedLine).toMatch(/^check-bundle: embed\/index\.html start-up HTML\+CSS\+JS .* KB gzip of a 150\.0 KB budget/);
    expect(within.lines.indexOf(embedLine!)).toBeGreaterThan(0);
    const over = checkBundle(root, 1);
    expect(over.code).toBe(1);
    expect(over.lines.some((l) => /embed\/index\.html .* OVER/.test(l))).toBe(true);
  });
});
