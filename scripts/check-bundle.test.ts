import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { filesLoadedByHtml, measure, startupFiles } from './check-bundle';

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
});
